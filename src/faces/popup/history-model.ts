import { computed, signal } from '@preact/signals';
import { readHistory, type HistoryEntry } from '../../shared/history/call-history';
import { formatNumber, t, uiLanguage, type MessageKey } from '../../shared/i18n/t';
import { isPhoneTarget } from '../../shared/phone/dial-target-kind';

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
        error.value = t('popupHistoryClearFailed', (e as Error).message);
      }
    },
    /** Who an entry is about: "Bob (1001)", "Bob (1001) (3 calls)" for a folded run. */
    who(entry: HistoryEntry): string {
      const who = entry.name ? `${entry.name} (${entry.number})` : entry.number;
      return (entry.count ?? 1) > 1 ? t('historyCount', who, formatNumber(entry.count!)) : who;
    },
    /** The full address a redial calls, when it is a SIP name rather than a number. */
    address: (entry: HistoryEntry) => (isPhoneTarget(entry.target) ? undefined : entry.target),
    /** "Missed 14:05", "Outgoing, 2:31", … */
    describe(entry: HistoryEntry, now = Date.now()): string {
      const when = new Date(entry.startedAt);
      const sameDay = new Date(now).toDateString() === when.toDateString();
      const time = new Intl.DateTimeFormat(uiLanguage(), sameDay ? { hour: '2-digit', minute: '2-digit' } : {}).format(when);
      const label: Record<HistoryEntry['outcome'], MessageKey> = {
        answered: entry.direction === 'inbound' ? 'historyIncoming' : 'historyOutgoing',
        missed: 'historyMissed',
        declined: 'historyDeclined',
        cancelled: 'historyCancelled',
        rejected: entry.status === 486 ? 'historyBusy' : 'historyNotAnswered',
        failed: 'historyFailed',
        'answered-elsewhere': 'historyAnsweredElsewhere',
      };
      const outcome = t(entry.refused === 'dnd' ? 'historyRefusedDnd' : entry.refused === 'busy' ? 'historyRefusedBusy' : label[entry.outcome]);
      if (entry.answeredAt && entry.outcome === 'answered')
        return t('historyEntryWithLength', outcome, formatNumber(Math.round((entry.endedAt - entry.answeredAt) / 1000)), time);
      return t('historyEntry', outcome, time);
    },
  };
}

export type HistoryModel = ReturnType<typeof createHistoryModel>;
