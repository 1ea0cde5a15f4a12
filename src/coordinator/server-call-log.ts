import type { HistoryEntry } from '../shared/history/call-history';
import type { HistoryStore } from '../shared/history/history-store';

/** How far back the phone system's log is read. */
export const SERVER_LOG_DAYS = 7;
/** A server entry this close to a local one, same direction and number, is that call. */
const SAME_CALL_MS = 15_000;

/**
 * Merges the phone system's own call log (all the user's devices: the desk phone, the mobile
 * app) into the history. A call Offhook itself made or took is already there, recorded
 * live: the server's copy of it is dropped. Entries already merged keep their id.
 */
export async function mergeServerLog(history: HistoryStore, fetchLog: (since: number) => Promise<HistoryEntry[]>, now = Date.now()): Promise<number> {
  const server = await fetchLog(now - SERVER_LOG_DAYS * 86_400_000);
  if (server.length === 0) return 0;
  const local = await history.list();
  const digits = (s: string) => s.replace(/\D/g, '').slice(-7);
  const fresh = server.filter(
    (entry) =>
      !local.some(
        (known) =>
          known.id === entry.id ||
          (known.direction === entry.direction &&
            Math.abs(known.startedAt - entry.startedAt) < SAME_CALL_MS &&
            (digits(known.number) === digits(entry.number) || known.target.includes(entry.number))),
      ),
  );
  if (fresh.length > 0) await history.addAll(fresh);
  return fresh.length;
}
