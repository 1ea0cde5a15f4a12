import { storage } from 'wxt/utils/storage';
import type { CallInfo } from '../call/call-info';
import { assertNever } from '../call/call-state';

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
}

/** The newest are kept; the oldest are dropped past this. */
export const HISTORY_LIMIT = 500;

/** Written by the coordinator only; the popup reads it and watches it. */
export const callHistory = storage.defineItem<HistoryEntry[]>('local:callHistory', { version: 1, fallback: [] });

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
    target: call.remote.uri || call.remote.number,
    number: call.remote.formatted ?? call.remote.number,
    ...(call.remote.displayName ? { name: call.remote.displayName } : {}),
    startedAt: call.startedAt,
    ...(call.answeredAt ? { answeredAt: call.answeredAt } : {}),
    endedAt: call.endedAt ?? call.startedAt,
    outcome: outcomeOf(call),
    ...(call.end?.status ? { status: call.end.status } : {}),
  };
}

/** Newest first, one entry per call, at most HISTORY_LIMIT. */
export function withCall(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  if (history.some((e) => e.id === entry.id)) return [...history];
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
