import { afterEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_WAIT_MS, GenesysWebrtcPhone, START_TIMEOUT_MS, type GenesysPhoneState } from './genesys-webrtc-phone';
import type { WebrtcSdk, WebrtcSdkConfig } from './webrtc-sdk';

// A fake of Genesys's WebRTC SDK: its methods record, its events are fired by the test, with
// the shapes of the SDK's own types (IPendingSession, IExtendedMediaSession, IStation).
class FakeSdk {
  listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  calls: unknown[][] = [];
  station: { type: string } | null = { type: 'inin_webrtc_softphone' };
  initialize = vi.fn(async () => undefined as void);
  constructor(readonly config: WebrtcSdkConfig) {}
  on(event: string, listener: (...args: unknown[]) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  acceptPendingSession = vi.fn(async (p: unknown) => void this.calls.push(['acceptPending', p]));
  rejectPendingSession = vi.fn(async (p: unknown) => void this.calls.push(['rejectPending', p]));
  acceptSession = vi.fn(async (p: unknown) => void this.calls.push(['acceptSession', p]));
  setAccessToken = vi.fn((token: string) => void this.calls.push(['token', token]));
  destroy = vi.fn(async () => void this.calls.push(['destroy']));
}

const CONFIG = { token: 'tok-1', region: 'mypurecloud.de', aor: 'agent@example.com' };
const flush = () => new Promise((r) => setTimeout(r, 0));
const pending = (conversationId: string, autoAnswer = false) => ({ id: `s-${conversationId}`, sessionId: `s-${conversationId}`, conversationId, autoAnswer, sessionType: 'softphone', fromJid: `${conversationId}@gjoll.example/gjoll`, toJid: 'me' });

function setup(prepare: (sdk: FakeSdk) => void = () => undefined) {
  const sdks: FakeSdk[] = [];
  const states: GenesysPhoneState[] = [];
  const audio = { element: vi.fn((id: string) => ({ id }) as unknown as HTMLAudioElement), reroute: vi.fn(), release: vi.fn(), follow: vi.fn() };
  const track = { stop: vi.fn() };
  const microphone = vi.fn(async () => ({ getTracks: () => [track] }) as unknown as MediaStream);
  const phone = new GenesysWebrtcPhone({
    loadSdk: async () => (config) => {
      const sdk = new FakeSdk(config);
      prepare(sdk);
      sdks.push(sdk);
      return sdk as unknown as WebrtcSdk;
    },
    audio,
    microphone,
    onChange: (s) => void states.push(s),
    now: () => 1_000,
  });
  const sdk = () => sdks.at(-1)!;
  return { phone, sdks, sdk, states, audio, microphone, track };
}

afterEach(() => vi.useRealTimers());

describe('GenesysWebrtcPhone: becoming the station', () => {
  it('starts the SDK for the softphone only, in the region, accepting sessions itself; registered with a WebRTC station', async () => {
    const { phone, sdk } = setup();
    await phone.start(CONFIG);
    await flush();
    expect(sdk().config).toEqual({
      accessToken: 'tok-1',
      environment: 'mypurecloud.de',
      allowedSessionTypes: ['softphone'],
      optOutOfTelemetry: true,
      logLevel: 'warn',
      autoConnectSessions: false,
      useHeadsets: false,
    });
    expect(phone.state().registration).toEqual({ state: 'registered', aor: 'agent@example.com' });
    expect(phone.configured).toBe(true);
  });

  it('a desk phone as the station cannot ring here: says so, without retrying; a WebRTC station associated later registers', async () => {
    vi.useFakeTimers();
    const { phone, sdk, sdks } = setup((s) => (s.station = { type: 'inin_remote' }));
    await phone.start(CONFIG);
    await vi.advanceTimersByTimeAsync(0);
    expect(phone.state().registration).toMatchObject({ state: 'failed', kind: 'config', message: expect.stringContaining('not a WebRTC phone') });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sdks).toHaveLength(1);
    sdk().station = { type: 'inin_webrtc_softphone' };
    sdk().fire('station', { action: 'Associated', station: sdk().station });
    expect(phone.state().registration.state).toBe('registered');
  });

  it('an SDK that fails to start is reported with its reason and tried again with backoff', async () => {
    vi.useFakeTimers();
    const { phone, sdks } = setup((s) => s.initialize.mockRejectedValueOnce(Object.assign(new Error('Request failed with status code 401'), { type: 'initialization' })));
    await phone.start(CONFIG);
    await vi.advanceTimersByTimeAsync(0);
    expect(phone.state().registration).toEqual({ state: 'failed', aor: 'agent@example.com', kind: 'temporary', message: 'Genesys Cloud did not take this browser as your phone: Request failed with status code 401', retryAt: 6_000 });
    expect(sdks[0]!.destroy).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sdks).toHaveLength(2);
  });

  it('an SDK that never connects is unreachable after the start timeout', async () => {
    vi.useFakeTimers();
    const { phone } = setup((s) => s.initialize.mockReturnValue(new Promise(() => undefined)));
    await phone.start(CONFIG);
    await vi.advanceTimersByTimeAsync(START_TIMEOUT_MS);
    expect(phone.state().registration).toMatchObject({ state: 'failed', message: expect.stringContaining('could not reach Genesys Cloud') });
  });

  it('a dropped socket is "connecting" while the SDK reconnects by itself; its sessions live on', async () => {
    const { phone, sdk } = setup();
    await phone.start(CONFIG);
    await flush();
    sdk().fire('sessionStarted', { conversationId: 'c1', id: 's1', sessionType: 'softphone' });
    await flush();
    sdk().fire('disconnected', { reconnecting: true });
    expect(phone.state()).toMatchObject({ registration: { state: 'connecting' }, media: ['c1'] });
    sdk().fire('connected', { reconnect: true });
    expect(phone.state()).toMatchObject({ registration: { state: 'registered' }, media: ['c1'] });
  });

  it('a renewed token goes to the SDK; stop destroys it and lets every sound go', async () => {
    const { phone, sdk, audio, track } = setup();
    await phone.start(CONFIG);
    await flush();
    phone.setToken('tok-2');
    expect(sdk().setAccessToken).toHaveBeenCalledWith('tok-2');
    sdk().fire('sessionStarted', { conversationId: 'c1', id: 's1', sessionType: 'softphone' });
    await flush();
    await phone.start(null);
    expect(sdk().destroy).toHaveBeenCalled();
    expect(audio.release).toHaveBeenCalledWith('c1');
    expect(track.stop).toHaveBeenCalled();
    expect(phone.state()).toEqual({ registration: { state: 'unconfigured' }, ringing: [], media: [], tone: null });
  });
});

describe('GenesysWebrtcPhone: ringing and answering', () => {
  async function started() {
    const ctx = setup();
    await ctx.phone.start(CONFIG);
    await flush();
    return ctx;
  }

  it('a propose rings with the ringtone until another client takes it or the caller gives up', async () => {
    const { phone, sdk, audio } = await started();
    sdk().fire('pendingSession', pending('c1'));
    expect(phone.state()).toMatchObject({ ringing: ['c1'], tone: 'ringtone' });
    expect(audio.follow).toHaveBeenLastCalledWith(expect.objectContaining({ tone: 'ringtone' }));
    sdk().fire('handledPendingSession', { conversationId: 'c1', sessionId: 's-c1' });
    expect(phone.state()).toMatchObject({ ringing: [], tone: null });
    sdk().fire('pendingSession', pending('c2'));
    sdk().fire('cancelPendingSession', { conversationId: 'c2', sessionId: 's-c2' });
    expect(phone.state()).toMatchObject({ ringing: [], tone: null });
    expect(audio.follow).toHaveBeenLastCalledWith(expect.objectContaining({ tone: null }));
  });

  it('a call the user dialled is proposed with autoAnswer: it does not ring', async () => {
    const { phone, sdk } = await started();
    sdk().fire('pendingSession', pending('c1', true));
    expect(phone.state()).toMatchObject({ ringing: [], tone: null });
  });

  it('Answer accepts the pending session; the session is accepted with the chosen microphone and speaker element', async () => {
    const { phone, sdk, microphone, audio } = await started();
    sdk().fire('pendingSession', pending('c1'));
    expect(await phone.command({ action: 'answer', callId: 'c1' })).toEqual({ ok: true });
    expect(sdk().acceptPendingSession).toHaveBeenCalledWith({ conversationId: 'c1' });
    sdk().fire('sessionStarted', { conversationId: 'c1', id: 's1', sessionType: 'softphone' });
    await flush();
    expect(microphone).toHaveBeenCalledTimes(1);
    expect(sdk().acceptSession).toHaveBeenCalledWith({ conversationId: 'c1', mediaStream: expect.anything(), audioElement: { id: 'c1' } });
    expect(audio.element).toHaveBeenCalledWith('c1');
    // The SDK's accept moves the element to its own default device: it is put back after.
    expect(audio.reroute).toHaveBeenCalledWith('c1');
    expect(audio.reroute.mock.invocationCallOrder[0]).toBeGreaterThan(sdk().acceptSession.mock.invocationCallOrder[0]!);
    expect(phone.state()).toMatchObject({ ringing: [], media: ['c1'], tone: null });
  });

  it('Answer pressed before the propose arrives waits for it; with none in time it says the call does not ring here', async () => {
    const { phone, sdk } = await started();
    vi.useFakeTimers();
    const early = phone.command({ action: 'answer', callId: 'c1' });
    await vi.advanceTimersByTimeAsync(500);
    sdk().fire('pendingSession', pending('c1'));
    expect(await early).toEqual({ ok: true });
    const never = phone.command({ action: 'answer', callId: 'c9' });
    await vi.advanceTimersByTimeAsync(ANSWER_WAIT_MS);
    expect(await never).toEqual({ ok: false, error: expect.stringContaining('not ringing in this browser') });
    expect(sdk().acceptPendingSession).toHaveBeenCalledTimes(1);
  });

  it('Decline rejects the pending session; one not ringing here is left to the API', async () => {
    const { phone, sdk } = await started();
    sdk().fire('pendingSession', pending('c1'));
    expect(await phone.command({ action: 'decline', callId: 'c1', status: 603 })).toEqual({ ok: true });
    expect(sdk().rejectPendingSession).toHaveBeenCalledWith({ conversationId: 'c1' });
    expect(phone.state().ringing).toEqual([]);
    expect(await phone.command({ action: 'decline', callId: 'c1', status: 603 })).toMatchObject({ ok: false });
  });

  it('reads the call’s audio figures from its peer connection', async () => {
    const { phone, sdk } = await started();
    const report = [
      { type: 'outbound-rtp', kind: 'audio', bytesSent: 4000 },
      { type: 'inbound-rtp', kind: 'audio', bytesReceived: 3000, packetsReceived: 20 },
    ];
    const peerConnection = { getStats: async () => ({ forEach: (cb: (e: unknown) => void) => report.forEach(cb) }) };
    sdk().fire('sessionStarted', { conversationId: 'c1', id: 's1', sessionType: 'softphone', peerConnection });
    await flush();
    expect(await phone.command({ action: 'stats', callId: 'c1' })).toMatchObject({ ok: true, media: { bytesSent: 4000, bytesReceived: 3000, packetsReceived: 20 } });
    expect(await phone.command({ action: 'stats', callId: 'c2' })).toEqual({ ok: true, media: null });
  });

  it('an ended session lets its sound and microphone go', async () => {
    const { phone, sdk, audio, track } = await started();
    sdk().fire('sessionStarted', { conversationId: 'c1', id: 's1', sessionType: 'softphone' });
    await flush();
    sdk().fire('sessionEnded', { conversationId: 'c1', id: 's1', sessionType: 'softphone' }, { condition: 'success' });
    expect(audio.release).toHaveBeenCalledWith('c1');
    expect(track.stop).toHaveBeenCalled();
    expect(phone.state().media).toEqual([]);
  });

  it('an SDK refusal is shown with its reason', async () => {
    const { phone, sdk } = await started();
    sdk().fire('pendingSession', pending('c1'));
    sdk().acceptPendingSession.mockRejectedValueOnce(new Error('session is gone'));
    expect(await phone.command({ action: 'answer', callId: 'c1' })).toEqual({ ok: false, error: 'Genesys Cloud refused: session is gone' });
  });
});
