import { describe, expect, it } from 'vitest';
import { CallState } from '../../shared/call/call-state';
import { callFrom } from './genesys-call';
import type { GenesysConversation, GenesysParticipant } from './genesys-client';

const ME = 'user-1';
const me = (state: string, extra: Partial<GenesysParticipant> = {}): GenesysParticipant => ({ id: 'p-me', purpose: 'user', userId: ME, state, direction: 'outbound', startTime: '2026-12-06T10:00:00.000Z', ...extra });
const them = (state: string, extra: Partial<GenesysParticipant> = {}): GenesysParticipant => ({ id: 'p-ext', purpose: 'external', state, address: 'tel:+14155550142', name: 'Bob Example', ...extra });
const conv = (...participants: GenesysParticipant[]): GenesysConversation => ({ id: 'c-1', participants });

describe('a Genesys call conversation as Offhook’s call', () => {
  it('an outbound call: contacting is dialling, the far end dialling is ringing, both connected is established', () => {
    expect(callFrom(conv(me('contacting')), ME)?.state).toBe(CallState.Dialing);
    expect(callFrom(conv(me('dialing'), them('dialing')), ME)?.state).toBe(CallState.Ringing);
    const up = callFrom(conv(me('connected', { connectedTime: '2026-12-06T10:00:05.000Z' }), them('connected')), ME)!;
    expect(up).toMatchObject({ state: CallState.Established, direction: 'outbound', remote: { number: '+14155550142', displayName: 'Bob Example' }, answeredAt: Date.UTC(2026, 11, 6, 10, 0, 5) });
  });

  it('an inbound call alerting is incoming; held and muted follow the user’s participant', () => {
    const ringing = callFrom(conv(them('connected', { direction: 'inbound' }), me('alerting', { direction: 'inbound' })), ME)!;
    expect(ringing).toMatchObject({ state: CallState.Incoming, direction: 'inbound' });
    const held = callFrom(conv(them('connected'), me('connected', { direction: 'inbound', connectedTime: 'x', held: true, muted: true })), ME)!;
    expect(held).toMatchObject({ held: true, muted: true });
  });

  it('why it ended: the user, the other side, a transfer, or another agent answering', () => {
    const talked = { connectedTime: '2026-12-06T10:00:05.000Z' };
    expect(callFrom(conv(me('disconnected', { ...talked, disconnectType: 'client' }), them('disconnected')), ME)?.end?.reason).toBe('hangup-local');
    expect(callFrom(conv(me('disconnected', { ...talked, disconnectType: 'peer' }), them('disconnected')), ME)?.end?.reason).toBe('hangup-remote');
    expect(callFrom(conv(me('disconnected', { ...talked, disconnectType: 'transfer' }), them('connected')), ME)?.end?.reason).toBe('transferred');
    const elsewhere = conv(them('connected'), me('disconnected', { direction: 'inbound', disconnectType: 'system' }), { id: 'p-2', purpose: 'user', userId: 'user-2', state: 'connected' });
    expect(callFrom(elsewhere, ME)?.end?.reason).toBe('answered-elsewhere');
    expect(callFrom(conv(them('disconnected'), me('disconnected', { direction: 'inbound', disconnectType: 'client' })), ME)?.end?.reason).toBe('declined');
  });

  it('a conversation the user is not in is none of the line’s calls', () => {
    expect(callFrom(conv(them('connected')), ME)).toBeUndefined();
  });
});
