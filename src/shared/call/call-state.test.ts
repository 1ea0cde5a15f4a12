import { describe, expect, it } from 'vitest';
import { CallState, InvalidCallTransition, canTransition, isLive, transition } from './call-state';

// The state machine drawn in call-state.ts, written out independently so that a change to
// the table there has to be a deliberate change here too.
const edges: Record<CallState, CallState[]> = {
  [CallState.Dialing]: [CallState.Ringing, CallState.Established, CallState.Ended],
  [CallState.Ringing]: [CallState.Established, CallState.Ended],
  [CallState.Incoming]: [CallState.Answering, CallState.Ended],
  [CallState.Answering]: [CallState.Established, CallState.Ended],
  [CallState.Established]: [CallState.Ended],
  [CallState.Ended]: [],
};

const states = Object.values(CallState);
const pairs = states.flatMap((from) => states.map((to) => [from, to] as const));

describe('call state machine', () => {
  it('knows every state', () => {
    expect(new Set(states)).toEqual(new Set(Object.keys(edges)));
  });

  it.each(pairs.filter(([from, to]) => edges[from].includes(to)))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition(from, to)).toBe(to);
  });

  it.each(pairs.filter(([from, to]) => !edges[from].includes(to)))('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    const attempt = () => transition(from, to);
    expect(attempt).toThrow(InvalidCallTransition);
    try {
      attempt();
    } catch (error) {
      // The error names both ends so a log line says which edge was wrong.
      expect(error).toMatchObject({ from, to, name: 'InvalidCallTransition' });
      expect((error as Error).message).toContain(from);
      expect((error as Error).message).toContain(to);
    }
  });

  it('keeps an ended call ended, even when asked to end it again', () => {
    for (const to of states) expect(() => transition(CallState.Ended, to)).toThrow(InvalidCallTransition);
  });

  it('never lets a call go back to ringing once someone answered', () => {
    expect(canTransition(CallState.Established, CallState.Ringing)).toBe(false);
    expect(canTransition(CallState.Answering, CallState.Incoming)).toBe(false);
  });

  it('does not mix the inbound and outbound paths', () => {
    expect(canTransition(CallState.Dialing, CallState.Answering)).toBe(false);
    expect(canTransition(CallState.Incoming, CallState.Ringing)).toBe(false);
    expect(canTransition(CallState.Incoming, CallState.Established)).toBe(false);
  });
});

describe('isLive', () => {
  it.each(states.filter((s) => s !== CallState.Ended))('%s still needs the user or holds media', (state) => {
    expect(isLive(state)).toBe(true);
  });

  it('an ended call is not live', () => {
    expect(isLive(CallState.Ended)).toBe(false);
  });

  it('throws on a value that is not a call state rather than guessing', () => {
    expect(() => isLive('on-hold' as CallState)).toThrow(/on-hold/);
  });
});
