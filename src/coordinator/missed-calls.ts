import { storage } from 'wxt/utils/storage';
import type { CallInfo } from '../shared/call/call-info';

interface MissedState {
  count: number;
  /** The last call counted, so a snapshot seen twice counts once. */
  lastId: string;
}

const missedItem = storage.defineItem<MissedState>('local:missedCalls', {
  version: 1,
  fallback: { count: 0, lastId: '' },
});

/** A call that rang and was given up by the caller before anyone answered. */
export function isMissed(call: CallInfo | undefined): call is CallInfo {
  return call?.direction === 'inbound' && (call.end?.reason === 'caller-cancelled' || call.end?.reason === 'do-not-disturb');
}

/**
 * Counts missed calls until the user looks (opens the dialer); survives restarts. The count
 * is also kept in memory, so the badge goes on counting when storage fails (`trouble` hears
 * of it); it never throws.
 */
export class MissedCalls {
  private queue: Promise<unknown> = Promise.resolve();
  private memory?: MissedState;
  /** The last write failed: memory holds what storage should. */
  private failed = false;

  constructor(
    private readonly trouble: (error: unknown) => void = () => undefined,
    private readonly item: Pick<typeof missedItem, 'getValue' | 'setValue'> = missedItem,
  ) {}

  /** Resolves true when `call` is newly missed. */
  note(call: CallInfo): Promise<boolean> {
    return this.serial(async () => {
      const state = await this.read();
      if (state.lastId === call.id) return false;
      await this.write({ count: state.count + 1, lastId: call.id });
      return true;
    });
  }

  /** `n` calls missed that have no call of their own (refused without ringing). */
  add(n: number): Promise<void> {
    return this.serial(async () => {
      const state = await this.read();
      await this.write({ ...state, count: state.count + n });
    });
  }

  count(): Promise<number> {
    return this.serial(() => this.read()).then((s) => s.count);
  }

  seen(): Promise<void> {
    return this.serial(async () => {
      const state = await this.read();
      if (state.count) await this.write({ ...state, count: 0 });
    });
  }

  private async read(): Promise<MissedState> {
    try {
      const value = await this.item.getValue();
      if (typeof value?.count !== 'number' || typeof value.lastId !== 'string') {
        console.error('[offhook] missed calls: stored count is unreadable; starting from zero');
        return (this.memory ??= { count: 0, lastId: '' });
      }
      // Storage is the truth while writes reach it; after a failed one, memory is ahead.
      if (!this.failed || !this.memory) this.memory = value;
      return this.memory;
    } catch (error) {
      this.trouble(error);
      return (this.memory ??= { count: 0, lastId: '' });
    }
  }

  private async write(next: MissedState): Promise<void> {
    this.memory = next;
    try {
      await this.item.setValue(next);
      this.failed = false;
    } catch (error) {
      this.failed = true;
      this.trouble(error);
    }
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
