import type { CallInfo, RemoteParty } from '../call/call-info';
import { assertNever } from '../call/call-state';
import { capText, FIELD_LIMITS } from '../call/field-limits';

/** How a call turned out, as the history shows it. */
export type CallOutcome = 'answered' | 'missed' | 'declined' | 'cancelled' | 'rejected' | 'failed' | 'answered-elsewhere';

export interface HistoryEntry {
  id: string;
  direction: 'inbound' | 'outbound';
  /** What to dial back: the remote SIP URI or number. */
  target: string;
  number: string;
  name?: string;
  startedAt: number;
  answeredAt?: number;
  endedAt: number;
  outcome: CallOutcome;
  /** The SIP status that ended it, when there was one (486, 603, …). */
  status?: number;
  /** Calls refused without ringing: by Do Not Disturb, or because the line was full. One
   * entry stands for a run of them, whoever called (the last caller is shown). */
  refused?: 'dnd' | 'busy';
  /** How many calls this entry stands for (missed calls in a row from one caller, or a run
   * of refused ones); absent means one. */
  count?: number;
  /** The ids of the calls folded into this entry, newest last (a few: to count each once). */
  folded?: string[];
}

/** The newest are kept; the oldest are dropped past this. */
export const HISTORY_LIMIT = 500;
/** Missed calls closer together than this fold into one entry. */
export const FOLD_WITHIN_MS = 60 * 60_000;
const FOLDED_IDS_KEPT = 20;

/** Whether `next` joins `newest` (the newest entry) instead of becoming an entry of its own:
 * missed calls in a row from the same caller, or refused calls in a row for the same reason. */
export function folds(newest: HistoryEntry, next: HistoryEntry): boolean {
  if (newest.outcome !== 'missed' || next.outcome !== 'missed' || newest.refused !== next.refused) return false;
  if (next.startedAt - newest.endedAt > FOLD_WITHIN_MS) return false;
  return next.refused !== undefined || newest.target === next.target;
}

/** `newest` with `next` folded in: the latest caller and time, the counts added. */
export function fold(newest: HistoryEntry, next: HistoryEntry): HistoryEntry {
  return {
    ...next,
    id: newest.id,
    count: (newest.count ?? 1) + (next.count ?? 1),
    folded: [...(newest.folded ?? [newest.id]), next.id].slice(-FOLDED_IDS_KEPT),
  };
}

/** Whether the call `id` is already in `entry`, itself or folded. */
export function holds(entry: HistoryEntry, id: string): boolean {
  return entry.id === id || (entry.folded?.includes(id) ?? false);
}

export function outcomeOf(call: CallInfo): CallOutcome {
  if (call.answeredAt) return 'answered';
  const reason = call.end?.reason ?? 'failed';
  switch (reason) {
    case 'hangup-local':
    case 'hangup-remote':
    case 'transferred':
      return 'answered';
    case 'caller-cancelled':
    case 'do-not-disturb':
      return 'missed';
    case 'answered-elsewhere':
      return 'answered-elsewhere';
    case 'declined':
      return 'declined';
    case 'cancelled':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
    case 'failed':
      return 'failed';
    default:
      return assertNever(reason);
  }
}

export function toEntry(call: CallInfo): HistoryEntry {
  return {
    id: call.id,
    direction: call.direction,
    ...caller(call.remote),
    startedAt: call.startedAt,
    ...(call.answeredAt ? { answeredAt: call.answeredAt } : {}),
    endedAt: call.endedAt ?? call.startedAt,
    outcome: outcomeOf(call),
    ...(call.end?.status ? { status: call.end.status } : {}),
  };
}

/** Who an entry is about, every field within the field limits whatever the far end sent. */
export function caller(remote: RemoteParty): Pick<HistoryEntry, 'target' | 'number' | 'name'> {
  return {
    target: capText(remote.uri || remote.number, FIELD_LIMITS.uri),
    number: capText(remote.formatted ?? remote.number, FIELD_LIMITS.number),
    ...(remote.displayName ? { name: capText(remote.displayName, FIELD_LIMITS.displayName) } : {}),
  };
}

/** Newest first, one entry per call (or per run of folded calls), at most HISTORY_LIMIT. */
export function withCall(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  if (history.some((e) => holds(e, entry.id))) return [...history];
  const [newest, ...rest] = history;
  if (newest && folds(newest, entry)) return [fold(newest, entry), ...rest];
  return [entry, ...history].slice(0, HISTORY_LIMIT);
}

/** Stored history that is not a list of entries is reported and read as empty; the stored
 * value is left alone until the next call is recorded. */
export function readHistory(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) {
    console.error('[offhook] history: stored call history is unreadable');
    return [];
  }
  return value.filter(
    (e): e is HistoryEntry =>
      typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.number === 'string' && typeof e.endedAt === 'number',
  );
}
