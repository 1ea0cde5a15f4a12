import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../shared/history/call-history';
import type { HistoryStore } from '../shared/history/history-store';
import { mergeServerLog } from './server-call-log';

const entry = (id: string, startedAt: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  direction: 'inbound',
  target: '1009',
  number: '1009',
  startedAt,
  endedAt: startedAt + 1000,
  outcome: 'missed',
  ...extra,
});

function memoryHistory(initial: HistoryEntry[]): HistoryStore & { entries: HistoryEntry[] } {
  const entries = [...initial];
  return {
    entries,
    list: async () => [...entries],
    add: async (e) => (entries.push(e), true),
    addAll: async (es) => void entries.push(...es),
    clear: async () => void entries.splice(0),
    watch: () => () => undefined,
  };
}

describe("the phone system's call log in the history", () => {
  it('adds the calls of the other devices, once, and not the ones Offhook recorded itself', async () => {
    const now = Date.UTC(2026, 11, 6, 12);
    const history = memoryHistory([entry('local-1', now - 60_000, { target: 'sip:1009@wazo', number: '1009', outcome: 'answered' })]);
    const server = [
      entry('wazo-cdr:1', now - 60_000 + 2_000, { outcome: 'answered' }), // the same call, as the server saw it
      entry('wazo-cdr:2', now - 3_600_000, { name: 'Dana Desk' }), // missed on the desk phone
    ];
    let asked = 0;
    const fetchLog = async (since: number) => {
      asked = since;
      return server;
    };
    expect(await mergeServerLog(history, fetchLog, now)).toBe(1);
    expect(asked).toBe(now - 7 * 86_400_000);
    expect(history.entries.map((e) => e.id)).toEqual(['local-1', 'wazo-cdr:2']);
    expect(await mergeServerLog(history, fetchLog, now)).toBe(0);
  });
});
