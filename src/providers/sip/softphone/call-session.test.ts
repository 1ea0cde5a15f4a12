import { SessionState, type Inviter } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallSession } from './call-session';

/** Just enough of a sip.js session for CallSession: state changes, an SDH with a peer
 * connection whose ICE state the test sets, and re-INVITEs the far end accepts. */
function fakeCall(answer: 'accept' | 'reject' = 'accept') {
  const listeners: ((s: SessionState) => void)[] = [];
  const pc = Object.assign(new EventTarget(), { iceConnectionState: 'connected' as RTCIceConnectionState });
  const reInvites: unknown[] = [];
  const session = {
    stateChange: { addListener: (f: (s: SessionState) => void) => listeners.push(f) },
    delegate: undefined,
    sessionDescriptionHandler: { peerConnection: pc },
    sessionDescriptionHandlerOptionsReInvite: {},
    invite: vi.fn((options: { requestDelegate: { onAccept(): void; onReject(r: unknown): void } }) => {
      reInvites.push(session.sessionDescriptionHandlerOptionsReInvite);
      if (answer === 'accept') options.requestDelegate.onAccept();
      else options.requestDelegate.onReject({ message: { statusCode: 488 } });
      return Promise.resolve();
    }),
  };
  const call = new CallSession(session as unknown as Inviter, 'outbound', { uri: 'sip:bob@x', number: 'bob' }, { play() {}, release() {} }, () => undefined);
  listeners.forEach((f) => f(SessionState.Established));
  const ice = (state: RTCIceConnectionState) => {
    pc.iceConnectionState = state;
    pc.dispatchEvent(new Event('iceconnectionstatechange'));
  };
  return { call, reInvites, ice };
}

const restarts = (reInvites: unknown[]) =>
  reInvites.filter((o) => (o as { offerOptions?: { iceRestart?: boolean } }).offerOptions?.iceRestart).length;

describe('ICE restart', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('restarts at once when ICE fails', async () => {
    const { reInvites, ice } = fakeCall();
    ice('failed');
    await vi.advanceTimersByTimeAsync(0);
    expect(restarts(reInvites)).toBe(1);
  });

  it('gives "disconnected" two seconds to heal before restarting', async () => {
    const { reInvites, ice } = fakeCall();
    ice('disconnected');
    await vi.advanceTimersByTimeAsync(1500);
    expect(restarts(reInvites)).toBe(0);
    await vi.advanceTimersByTimeAsync(600);
    expect(restarts(reInvites)).toBe(1);
  });

  it('does not restart when "disconnected" heals by itself', async () => {
    const { reInvites, ice } = fakeCall();
    ice('disconnected');
    await vi.advanceTimersByTimeAsync(1000);
    ice('connected');
    await vi.advanceTimersByTimeAsync(5000);
    expect(restarts(reInvites)).toBe(0);
  });

  it('keeps the hold state in the restart offer, and runs one restart at a time', async () => {
    const { call, reInvites } = fakeCall();
    const [a, b] = await Promise.all([call.restartIce(), call.restartIce()]);
    expect([a, b]).toEqual([true, true]);
    expect(reInvites).toEqual([{ hold: false, constraints: { audio: true, video: false }, offerOptions: { iceRestart: true } }]);
  });

  it('carries a refused restart on the next re-INVITE after reconnecting', async () => {
    const { call, reInvites } = fakeCall('reject');
    expect(await call.restartIce()).toBe(false);
    await call.refreshTarget();
    expect(restarts(reInvites)).toBe(2);
  });
});
