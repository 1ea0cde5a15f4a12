import { computed, signal } from '@preact/signals';
import { readHistory, type HistoryEntry } from '../../shared/history/call-history';

export interface HistoryClient {
  load(): Promise<unknown>;
  watch(onChange: (value: unknown) => void): () => void;
  clear(): Promise<void>;
}

const SHOWN = 20;
const RECENT = 8;

/** Recent calls in the popup: all or missed only, newest first, with redial. */
export function createHistoryModel(client: HistoryClient) {
  const entries = signal<HistoryEntry[]>([]);
  const filter = signal<'all' | 'missed'>('all');
  const error = signal<string | null>(null);
  const shown = computed(() =>
    entries.value.filter((e) => filter.value === 'all' || e.outcome === 'missed').slice(0, SHOWN),
  );

  /** Numbers called or calling lately, newest first, each once: offered by the number field. */
  const recent = computed(() => {
    const seen = new Set<string>();
    const out: { target: string; label: string }[] = [];
    for (const e of entries.value) {
      if (seen.has(e.target) || out.length >= RECENT) continue;
      seen.add(e.target);
      out.push({ target: e.target, label: e.name ? `${e.name} (${e.number})` : e.number });
    }
    return out;
  });

  return {
    entries,
    recent,
    filter,
    shown,
    error,
    start(): () => void {
      void client.load().then((v) => (entries.value = readHistory(v)));
      return client.watch((v) => (entries.value = readHistory(v)));
    },
    async clear() {
      try {
        await client.clear();
        entries.value = [];
      } catch (e) {
        error.value = `Could not clear the history: ${(e as Error).message}`;
      }
    },
    /** "Missed 14:05", "Outgoing, 2:31", … */
    describe(entry: HistoryEntry, now = Date.now()): string {
      const when = new Date(entry.startedAt);
      const sameDay = new Date(now).toDateString() === when.toDateString();
      const time = sameDay ? when.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : when.toLocaleDateString();
      const label: Record<HistoryEntry['outcome'], string> = {
        answered: entry.direction === 'inbound' ? 'Incoming' : 'Outgoing',
        missed: 'Missed',
        declined: 'Declined',
        cancelled: 'Cancelled',
        rejected: entry.status === 486 ? 'Busy' : 'Not answered',
        failed: 'Failed',
        'answered-elsewhere': 'Answered elsewhere',
      };
      const length =
        entry.answeredAt && entry.outcome === 'answered' ? `, ${Math.round((entry.endedAt - entry.answeredAt) / 1000)} s` : '';
      return `${label[entry.outcome]}${length} · ${time}`;
    },
  };
}

export type HistoryModel = ReturnType<typeof createHistoryModel>;
