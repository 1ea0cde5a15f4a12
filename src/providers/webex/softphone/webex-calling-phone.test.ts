import type { CALL_EVENT_KEYS, LINE_EVENTS, LocalMicrophoneStream } from '@webex/calling';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallState } from '../../../shared/call/call-state';
import type { CallingInit, CallingInstance, CallingLine, CallingSdk } from './calling-sdk';
import { START_TIMEOUT_MS, WebexCallingPhone, type WebexPhoneState } from './webex-calling-phone';

// Fakes of Cisco's Calling SDK at its object boundary: a Calling instance, its CallingClient's
// line and the line's calls, with the SDK's own event names (LINE_EVENTS, CALL_EVENT_KEYS: a
// misspelt event does not type-check) and the SDK's behaviour where Offhook relies on it:
// register() never rejects, mute() toggles, makeCall() may give no call.

type Listener = (...args: unknown[]) => void;
class Emitter<E extends string> {
  private readonly listeners = new Map<string, Listener[]>();
  on(event: E, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  once(event: E, listener: Listener): void {
    const wrapped: Listener = (...args) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
      listener(...args);
    };
    this.on(event, wrapped);
  }
  emit(event: E, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

class FakeCall extends Emitter<`${CALL_EVENT_KEYS}`> {
  muted = false;
  held = false;
  readonly digits: string[] = [];
  readonly did: string[] = [];
  stream?: LocalMicrophoneStream;
  disconnectCause = 'Normal Disconnect.';
  transferredTo?: [string, string | undefined, string | undefined];
  constructor(
    readonly correlationId: string,
    readonly direction: 'inbound' | 'outbound',
    readonly caller = { name: undefined as string | undefined, num: undefined as string | undefined },
  ) {
    super();
  }
  getCorrelationId = () => this.correlationId;
  getDirection = () => this.direction as never;
  getCallerInfo = () => ({ avatarSrc: undefined, id: undefined, ...this.caller });
  dial = (mic: LocalMicrophoneStream) => void ((this.stream = mic), this.did.push('dial'));
  answer = (mic: LocalMicrophoneStream) => void ((this.stream = mic), this.did.push('answer'));
  end = () => void this.did.push('end');
  mute = () => void (this.muted = !this.muted);
  isMuted = () => this.muted;
  isHeld = () => this.held;
  doHoldResume = () => void this.did.push(this.held ? 'resume' : 'hold');
  sendDigit = (d: string) => void this.digits.push(d);
  completeTransfer = (type: string, callId?: string, target?: string) => void (this.transferredTo = [type, callId, target]);
  getDisconnectReason = () => ({ code: 0, cause: this.disconnectCause }) as never;
  getCallRtpStats = async () => ({}) as never;
}

class FakeLine extends Emitter<`${LINE_EVENTS}`> {
  lineId = 'line-1';
  phoneNumber = '+14155550100';
  extension = '100';
  registers = 0;
  deregistered = false;
  readonly made: { type: string; address: string }[] = [];
  readonly calls: FakeCall[] = [];
  /** null: the next makeCall gives no call (the SDK's `ICall | undefined`). */
  nextCall?: null;
  register = () => void this.registers++;
  deregister = () => void (this.deregistered = true);
  makeCall = (dest?: { type: string; address: string }) => {
    this.made.push(dest!);
    if (this.nextCall === null) return (this.nextCall = undefined);
    const call = new FakeCall(`corr-${this.made.length}`, 'outbound');
    this.calls.push(call);
    return call as never;
  };
}

class FakeCalling extends Emitter<'ready'> {
  registered = false;
  callingClient?: { getLines(): Record<string, CallingLine> };
  tokens: string[] = [];
  deregistered = false;
  /** What register() does: by default, registered with one line. */
  onRegister: () => void = () => {
    this.registered = true;
    this.callingClient = { getLines: () => ({ 'line-1': this.line as unknown as CallingLine }) };
  };
  webex = { credentials: { set: (attrs: { supertoken: { access_token: string } }) => void this.tokens.push(attrs.supertoken.access_token) } };
  constructor(readonly line = new FakeLine()) {
    super();
  }
  register = async () => this.onRegister();
  deregister = async () => void (this.deregistered = true);
}

describe('WebexCallingPhone (Offhook as the Webex phone, at the SDK’s object boundary)', () => {
  let calling: FakeCalling;
  let inits: CallingInit[];
  let mics: { deviceId?: string }[];
  let states: WebexPhoneState[];
  let played: string[];
  let released: string[];
  let phone: WebexCallingPhone;
  let readyAtOnce: boolean;

  const sdk = (): CallingSdk => ({
    init: async (attrs) => {
      inits.push(attrs);
      if (readyAtOnce) setTimeout(() => calling.emit('ready'), 0);
      return calling as unknown as CallingInstance;
    },
    createMicrophoneStream: async (constraints) => {
      mics.push(constraints ?? {});
      return { stop: vi.fn() } as unknown as LocalMicrophoneStream;
    },
  });
  const last = () => phone.state();
  const lastCall = () => calling.line.calls.at(-1)!;
  const flush = () => vi.advanceTimersByTimeAsync(1);
  const registered = async () => {
    await phone.start({ token: 'access-1', aor: 'ann@example.com@webexapis.com' });
    await flush();
    calling.line.emit('registered');
  };

  beforeEach(() => {
    vi.useFakeTimers();
    calling = new FakeCalling();
    inits = [];
    mics = [];
    states = [];
    played = [];
    released = [];
    readyAtOnce = true;
    phone = new WebexCallingPhone({
      loadSdk: async () => sdk(),
      audio: { play: (id) => void played.push(id), release: (id) => void released.push(id) },
      onChange: (s) => void states.push(s),
      microphone: () => 'mic-2',
    });
  });
  afterEach(() => vi.useRealTimers());

  it('starts Calling with the token and only the calling client, registers its line, and is registered on the line’s event', async () => {
    await phone.start({ token: 'access-1', aor: 'ann@example.com@webexapis.com' });
    expect(last().registration.state).toBe('connecting');
    await flush();
    expect(inits[0]!.webexConfig.credentials).toEqual({ access_token: 'access-1' });
    expect(inits[0]!.callingConfig.clientConfig).toEqual({ calling: true, contact: false, callHistory: false, callSettings: false, voicemail: false });
    expect(calling.line.registers).toBe(1);
    expect(last().registration.state).toBe('registering');
    calling.line.emit('registered');
    expect(last().registration).toEqual({ state: 'registered', aor: 'ann@example.com@webexapis.com' });
  });

  it('says so when Webex Calling cannot be reached (the SDK never ready), and tries again', async () => {
    readyAtOnce = false;
    await phone.start({ token: 'access-1', aor: 'a@webexapis.com' });
    await vi.advanceTimersByTimeAsync(START_TIMEOUT_MS);
    expect(last().registration).toMatchObject({ state: 'failed', kind: 'temporary', message: expect.stringContaining('could not reach Webex Calling') });
    readyAtOnce = true;
    await vi.advanceTimersByTimeAsync(5_000);
    await flush();
    expect(inits).toHaveLength(2);
    calling.line.emit('registered');
    expect(last().registration.state).toBe('registered');
  });

  it('register() that did not register (it never rejects) reads as unreachable; registered with no line, as a user without a line', async () => {
    calling.onRegister = () => undefined;
    await phone.start({ token: 'access-1', aor: 'a@webexapis.com' });
    await flush();
    expect(last().registration).toMatchObject({ state: 'failed', message: expect.stringContaining('could not reach Webex Calling') });
    calling = new FakeCalling();
    calling.onRegister = () => {
      calling.registered = true;
      calling.callingClient = { getLines: () => ({}) };
    };
    await phone.start({ token: 'access-1', aor: 'a@webexapis.com' });
    await flush();
    expect(last().registration).toMatchObject({ state: 'failed', kind: 'config', message: expect.stringContaining('spark:webrtc_calling') });
  });

  it('a line error is told in Webex’s words', async () => {
    await registered();
    calling.line.emit('error', { message: 'Device limit reached' });
    expect(last().registration).toMatchObject({ state: 'failed', message: 'Webex Calling refused this browser as your phone: Device limit reached' });
  });

  it('dials with makeCall and the chosen microphone; progress rings, connect establishes and sends the tones; hold, resume and hang up', async () => {
    await registered();
    const id = await phone.dial('+14155550142', '12#');
    expect(calling.line.made).toEqual([{ type: 'uri', address: '+14155550142' }]);
    expect(mics).toEqual([{ deviceId: 'mic-2' }]);
    expect(last().calls).toMatchObject([{ id, direction: 'outbound', state: CallState.Dialing, remote: { number: '+14155550142' } }]);
    const fake = lastCall();
    expect(fake.did).toEqual(['dial']);
    fake.emit('progress', 'call-1');
    expect(last().calls[0]!.state).toBe(CallState.Ringing);
    fake.emit('connect', 'call-1');
    expect(last().calls[0]).toMatchObject({ state: CallState.Established, answeredAt: expect.any(Number) });
    expect(fake.digits).toEqual(['1', '2', '#']);
    fake.emit('remote_media', {} as MediaStreamTrack);
    expect(played).toEqual([id]);
    await phone.command({ action: 'hold', callId: id, held: true });
    expect(fake.did).toContain('hold');
    fake.held = true;
    fake.emit('held', 'call-1');
    expect(last().calls[0]!.held).toBe(true);
    await phone.command({ action: 'hold', callId: id, held: true });
    expect(fake.did.filter((d) => d === 'hold')).toHaveLength(1);
    await phone.command({ action: 'hold', callId: id, held: false });
    fake.held = false;
    fake.emit('resumed', 'call-1');
    expect(last().calls[0]!.held).toBe(false);
    await phone.command({ action: 'hangup', callId: id });
    expect(fake.did.at(-1)).toBe('end');
    fake.emit('disconnect', 'call-1');
    expect(last().calls).toEqual([]);
    expect(last().lastEnded).toMatchObject({ id, state: CallState.Ended, end: { reason: 'hangup-local' } });
    expect(released).toEqual([id]);
  });

  it('an incoming call rings (the ringtone) with the caller’s name and number; Answer answers with the microphone; the far end hangs up', async () => {
    await registered();
    const incoming = new FakeCall('corr-in', 'inbound', { name: 'Carol Customer', num: '+14155550143' });
    calling.line.emit('line:incoming_call', incoming);
    expect(last().calls).toMatchObject([{ id: 'corr-in', direction: 'inbound', state: CallState.Incoming, remote: { number: '+14155550143', displayName: 'Carol Customer' } }]);
    expect(last().tone).toBe('ringtone');
    await phone.command({ action: 'answer', callId: 'corr-in' });
    expect(incoming.did).toEqual(['answer']);
    expect(incoming.stream).toBeTruthy();
    expect(last().tone).toBeNull();
    incoming.emit('established', 'c');
    expect(last().calls[0]!.state).toBe(CallState.Established);
    incoming.emit('disconnect', 'c');
    expect(last().lastEnded!.end).toEqual({ reason: 'hangup-remote' });
  });

  it('Decline ends the ringing call as declined; a caller who gives up is a missed call; a caller id that arrives later is shown', async () => {
    await registered();
    const first = new FakeCall('corr-a', 'inbound', { name: undefined, num: '+14155550144' });
    calling.line.emit('line:incoming_call', first);
    first.emit('caller_id', { correlationId: 'corr-a', callerId: { name: 'Dan Declined', num: '+14155550144' } });
    expect(last().calls[0]!.remote.displayName).toBe('Dan Declined');
    await phone.command({ action: 'decline', callId: 'corr-a', status: 486 });
    expect(first.did).toEqual(['end']);
    first.emit('disconnect', 'c');
    expect(last().lastEnded!.end).toEqual({ reason: 'declined' });
    const second = new FakeCall('corr-b', 'inbound', { name: 'Eve', num: '+14155550145' });
    calling.line.emit('line:incoming_call', second);
    second.emit('disconnect', 'c');
    expect(last().lastEnded).toMatchObject({ id: 'corr-b', end: { reason: 'caller-cancelled' } });
  });

  it('mute toggles the SDK’s mute only when it differs; keypad digits one by one; blind transfer with completeTransfer', async () => {
    await registered();
    const id = await phone.dial('+14155550142');
    const fake = lastCall();
    fake.emit('connect', 'c');
    await phone.command({ action: 'mute', callId: id, muted: true });
    await phone.command({ action: 'mute', callId: id, muted: true });
    expect(fake.muted).toBe(true);
    expect(last().calls[0]!.muted).toBe(true);
    await phone.command({ action: 'mute', callId: id, muted: false });
    expect(fake.muted).toBe(false);
    await phone.command({ action: 'dtmf', callId: id, digits: '42' });
    expect(fake.digits).toEqual(['4', '2']);
    await phone.command({ action: 'transfer', callId: id, target: '+14155550199' });
    expect(fake.transferredTo).toEqual(['BLIND', undefined, '+14155550199']);
    fake.emit('disconnect', 'c');
    expect(last().lastEnded!.end).toEqual({ reason: 'transferred' });
    expect(await phone.command({ action: 'merge' })).toMatchObject({ ok: false });
    expect(await phone.command({ action: 'hangup', callId: 'nope' })).toMatchObject({ ok: false });
  });

  it('a call the far end refuses ends as rejected in Webex’s words; a call error ends it as failed with the error', async () => {
    await registered();
    await phone.dial('+14155550142');
    const busy = lastCall();
    busy.disconnectCause = 'User Busy.';
    busy.emit('progress', 'c');
    busy.emit('disconnect', 'c');
    expect(last().lastEnded!.end).toEqual({ reason: 'rejected', phrase: 'User Busy.' });
    await phone.dial('+14155550143');
    const broken = lastCall();
    broken.emit('call_error', { getError: () => ({ message: 'An invalid destination was provided.' }) });
    broken.emit('disconnect', 'c');
    expect(last().lastEnded!.end).toEqual({ reason: 'failed', phrase: 'An invalid destination was provided.' });
  });

  it('no dial before the line is registered, nor when makeCall gives no call', async () => {
    await phone.start({ token: 'access-1', aor: 'a@webexapis.com' });
    await flush();
    await expect(phone.dial('+14155550142')).rejects.toThrow(/registering/);
    calling.line.emit('registered');
    calling.line.nextCall = null;
    await expect(phone.dial('+14155550142')).rejects.toThrow(/refused/);
    expect(last().calls).toEqual([]);
  });

  it('a renewed token reaches the SDK’s credentials; stop ends the calls and takes the device off Webex', async () => {
    await registered();
    phone.setToken('access-2');
    expect(calling.tokens).toEqual(['access-2']);
    const id = await phone.dial('+14155550142');
    await phone.start(null);
    expect(lastCall().did).toContain('end');
    expect(last().lastEnded).toMatchObject({ id, end: { reason: 'cancelled' } });
    expect(calling.line.deregistered).toBe(true);
    expect(calling.deregistered).toBe(true);
    expect(last().registration.state).toBe('unconfigured');
    // A late event of the old line changes nothing.
    calling.line.emit('registered');
    expect(last().registration.state).toBe('unconfigured');
  });
});
