import { describe, expect, it } from 'vitest';
import { CallState } from '../../shared/call/call-state';
import { callFrom, endOf } from './webex-call';
import { readCall } from './webex-client';

describe('a Webex call as Offhook shows it', () => {
  it('maps each personality and state', () => {
    const of = (personality: string, state: string) => callFrom(readCall({ id: 'c', personality, state, remoteParty: { number: 'tel:+14155550142' } })!, false);
    expect(of('clickToDial', 'alerting').state).toBe(CallState.Dialing);
    expect(of('clickToDial', 'connecting').state).toBe(CallState.Ringing);
    expect(of('originator', 'connected').state).toBe(CallState.Established);
    expect(of('terminator', 'alerting')).toMatchObject({ direction: 'inbound', state: CallState.Incoming, remote: { number: '+14155550142' } });
    expect(of('terminator', 'held')).toMatchObject({ state: CallState.Established, held: true });
    expect(of('terminator', 'remoteHeld')).toMatchObject({ state: CallState.Established, remoteHeld: true });
  });

  it('reads why a call ended from what the user asked and how far it got', () => {
    const ringing = callFrom(readCall({ id: 'c', personality: 'originator', state: 'connecting', remoteParty: {} })!, false);
    expect(endOf(ringing, undefined, 5).end?.reason).toBe('rejected');
    expect(endOf(ringing, 'hangup', 5).end?.reason).toBe('cancelled');
    const incoming = callFrom(readCall({ id: 'c', personality: 'terminator', state: 'alerting', remoteParty: {} })!, false);
    expect(endOf(incoming, 'reject', 5).end?.reason).toBe('declined');
    expect(endOf(incoming, undefined, 5).end?.reason).toBe('caller-cancelled');
    const talking = callFrom(readCall({ id: 'c', personality: 'terminator', state: 'connected', remoteParty: {}, answered: '2026-12-07T09:00:00Z' })!, false);
    expect(endOf(talking, 'transfer', 5).end?.reason).toBe('transferred');
    expect(endOf(talking, undefined, 5)).toMatchObject({ state: CallState.Ended, endedAt: 5, end: { reason: 'hangup-remote' } });
  });

  it('skips a listed call without an id or a state', () => {
    expect(readCall({ state: 'alerting' })).toBeUndefined();
    expect(readCall(null)).toBeUndefined();
  });
});
