import { storage } from 'wxt/utils/storage';
import type { HistoryEntry } from '../shared/history/call-history';
import { caller } from '../shared/history/call-history';
import type { RefusedCalls, RefusedTally } from '../shared/phone/snapshot';

export type RefusalKind = 'dnd' | 'busy';

/** Calls refused since the last snapshot handled, of one kind, and the last of them. */
export interface RefusalNews {
  kind: RefusalKind;
  count: number;
  last: NonNullable<RefusedTally['last']>;
  at: number;
  /** Identifies this batch, for the history's once-only check. */
  id: string;
}

interface Seen {
  epoch: string;
  dnd: number;
  busy: number;
}

const seenItem = storage.defineItem<Seen | null>('session:refusedSeen', { fallback: null });

/**
 * The softphone counts the calls it refused without ringing; this turns the counts into news,
 * each refused call once, whether the service worker restarted in between (what was handled
 * is kept for the session) or the softphone did (another epoch starts from zero). When the
 * session store fails, what was handled is kept in memory.
 */
export class RefusedCallsLedger {
  private memory?: Seen;

  constructor(
    private readonly trouble: (error: unknown) => void = () => undefined,
    private readonly item: Pick<typeof seenItem, 'getValue' | 'setValue'> = seenItem,
  ) {}

  async take(refused: RefusedCalls | undefined): Promise<RefusalNews[]> {
    if (!refused) return [];
    let seen = this.memory;
    try {
      seen = (await this.item.getValue()) ?? undefined;
    } catch (error) {
      this.trouble(error);
    }
    if (!seen || seen.epoch !== refused.epoch) seen = { epoch: refused.epoch, dnd: 0, busy: 0 };
    const news: RefusalNews[] = [];
    for (const kind of ['dnd', 'busy'] as const) {
      const tally = refused[kind];
      const count = tally.count - seen[kind];
      if (count > 0 && tally.last) news.push({ kind, count, last: tally.last, at: tally.lastAt ?? Date.now(), id: `refused:${refused.epoch}:${kind}:${tally.count}` });
    }
    if (news.length === 0) return [];
    this.memory = { epoch: refused.epoch, dnd: refused.dnd.count, busy: refused.busy.count };
    try {
      await this.item.setValue(this.memory);
    } catch (error) {
      this.trouble(error);
    }
    return news;
  }
}

/** The history entry for a batch of refused calls; the history folds batches in a row. */
export function refusedEntry(news: RefusalNews): HistoryEntry {
  return {
    id: news.id,
    direction: 'inbound',
    ...caller(news.last),
    startedAt: news.at,
    endedAt: news.at,
    outcome: 'missed',
    status: 486,
    refused: news.kind,
    count: news.count,
  };
}
