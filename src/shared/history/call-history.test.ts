import { describe, expect, it, vi } from 'vitest';
import type { CallInfo } from '../call/call-info';
import { CallState } from '../call/call-state';
import { HISTORY_LIMIT, outcomeOf, readHistory, toEntry, withCall, type HistoryEntry } from './call-history';

const ended = (extra: Partial<CallInfo>): CallInfo => ({
  id: 'c1',
  direction: 'inbound',
  state: CallState.Ended,
  remote: { uri: 'sip:bob@pbx.example', number: 'bob', displayName: 'Bob' },
  earlyMedia: false,
  muted: false,
  held: false,
  remoteHeld: false,
  startedAt: 1000,
  endedAt: 5000,
  ...extra,
});

describe('call history', () => {
  it.each([
    [{ answeredAt: 2000, end: { reason: 'hangup-remote' as const } }, 'answered'],
    [{ end: { reason: 'caller-cancelled' as const } }, 'missed'],
    [{ end: { reason: 'answered-elsewhere' as const } }, 'answered-elsewhere'],
    [{ end: { reason: 'declined' as const, status: 486 } }, 'declined'],
    [{ direction: 'outbound' as const, end: { reason: 'cancelled' as const } }, 'cancelled'],
    [{ direction: 'outbound' as const, end: { reason: 'rejected' as const, status: 486 } }, 'rejected'],
    [{}, 'failed'],
  ])('outcome of %j is %s', (extra, outcome) => {
    expect(outcomeOf(ended(extra))).toBe(outcome);
  });

  it('keeps what redial and the list need', () => {
    expect(toEntry(ended({ answeredAt: 2000, end: { reason: 'hangup-local' } }))).toEqual({
      id: 'c1',
      direction: 'inbound',
      target: 'sip:bob@pbx.example',
      number: 'bob',
      name: 'Bob',
      startedAt: 1000,
      answeredAt: 2000,
      endedAt: 5000,
      outcome: 'answered',
    });
  });

  it('adds each call once, newest first, and drops the oldest past the limit', () => {
    const entry = (id: string): HistoryEntry => ({ ...toEntry(ended({})), id });
    let history: HistoryEntry[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history = withCall(history, entry(`c${i}`));
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]!.id).toBe(`c${HISTORY_LIMIT + 4}`);
    expect(history.at(-1)!.id).toBe('c5');
    expect(withCall(history, entry(`c${HISTORY_LIMIT + 4}`))).toHaveLength(HISTORY_LIMIT);
  });

  it('reads bad stored history as empty and says so, dropping malformed entries', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(readHistory('nonsense')).toEqual([]);
    expect(error).toHaveBeenCalledOnce();
    const good = toEntry(ended({}));
    expect(readHistory([good, { id: 3 }, null])).toEqual([good]);
    error.mockRestore();
  });
});
