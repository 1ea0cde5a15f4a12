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

/** Counts missed calls until the user looks (opens the dialer); survives restarts. */
export class MissedCalls {
  private queue: Promise<unknown> = Promise.resolve();

  /** Resolves true when `call` is newly missed. */
  note(call: CallInfo): Promise<boolean> {
    return this.serial(async () => {
      const state = await read();
      if (state.lastId === call.id) return false;
      await missedItem.setValue({ count: state.count + 1, lastId: call.id });
      return true;
    });
  }

  count(): Promise<number> {
    return read().then((s) => s.count);
  }

  seen(): Promise<void> {
    return this.serial(async () => {
      const state = await read();
      if (state.count) await missedItem.setValue({ ...state, count: 0 });
    });
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

async function read(): Promise<MissedState> {
  const value = await missedItem.getValue();
  if (typeof value?.count !== 'number' || typeof value.lastId !== 'string') {
    console.error('[offhook] missed calls: stored count is unreadable; starting from zero');
    return { count: 0, lastId: '' };
  }
  return value;
}
