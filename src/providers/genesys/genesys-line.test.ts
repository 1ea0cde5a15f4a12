import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../shared/account/account';
import { testAccount } from '../../shared/account/test-account';
import { CallState } from '../../shared/call/call-state';
import { encodeToken } from './genesys-auth';
import { GenesysError, type GenesysClient, type GenesysConversation } from './genesys-client';
import { genesysLine, type GenesysPhoneChannel } from './genesys-line';
import type { GenesysPhoneState } from '../../shared/messaging/protocol';
import type { CallCommand, CommandResult } from '../../shared/phone/call-command';

const account: Account = testAccount({
  kind: 'genesys',
  server: 'mypurecloud.com',
  username: 'agent@example.com',
  domain: 'mypurecloud.com',
  refreshToken: encodeToken({ accessToken: 'tok', expiresAt: Date.now() + 86_400_000 }),
  oauthClientId: '7de3af06-5b0e-4a3c-9d1f-2c8e4b6a9f10',
});

/** A WebSocket the test drives: open it, send it messages, close it. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen?: () => void;
  onmessage?: (e: { data: string }) => void;
  onclose?: () => void;
  onerror?: () => void;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.();
    });
  }
  send(text: string) {
    this.sent.push(text);
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  event(topicName: string, eventBody: unknown) {
    this.onmessage?.({ data: JSON.stringify({ topicName, eventBody }) });
  }
}

function fakeClient() {
  let channel = 0;
  const asked: string[] = [];
  let current: GenesysConversation[] = [];
  const client: GenesysClient = {
    me: async () => (asked.push('me'), { id: 'u1', name: 'Ann', email: 'agent@example.com', hasStation: true }),
    dial: async (n) => (asked.push(`dial ${n}`), 'c-out'),
    calls: async () => (asked.push('calls'), current),
    updateParticipant: async (c, p, change) => void asked.push(`patch ${c} ${p} ${JSON.stringify(change)}`),
    transfer: async () => undefined,
    digits: async () => undefined,
    createChannel: async () => (asked.push('channel'), { id: `ch${++channel}`, connectUri: `wss://streaming.mypurecloud.com/channels/ch${channel}`, expires: Date.now() + 86_400_000 }),
    subscribe: async (id, topics) => void asked.push(`subscribe ${id} ${topics.join(',')}`),
    signOut: async () => undefined,
  };
  return { client, asked, setCalls: (c: GenesysConversation[]) => (current = c) };
}

const ringing = (id: string): GenesysConversation => ({
  id,
  participants: [
    { id: 'ext', purpose: 'external', state: 'connected', address: 'tel:+14155550143', name: 'Carol' },
    { id: 'me', purpose: 'user', userId: 'u1', state: 'alerting', direction: 'inbound' },
  ],
});

/** Offhook as the Genesys phone, as the line reaches it: it records, and the test says its state. */
function fakePhone(running = false) {
  const asked: string[] = [];
  let listener: (s: GenesysPhoneState) => void = () => undefined;
  let state: GenesysPhoneState = { registration: running ? { state: 'registered', aor: 'agent' } : { state: 'unconfigured' }, ringing: [], media: [], tone: null };
  const answers: Record<string, CommandResult> = {};
  const phone: GenesysPhoneChannel = {
    start: async (config) => {
      asked.push(`start ${JSON.stringify(config)}`);
      return { ...state, configured: config !== null };
    },
    token: async (token) => void asked.push(`token ${token}`),
    state: async () => ({ ...state, configured: running }),
    command: async (command: CallCommand) => (asked.push(`${command.action} ${'callId' in command ? command.callId : ''}`), answers[command.action] ?? { ok: true }),
    retry: async () => (asked.push('retry'), { ok: true }),
    testAudio: async (output) => (asked.push(`test ${output}`), { ok: true }),
    onChange: (l) => void (listener = l),
  };
  return {
    phone,
    asked,
    answers,
    report: (next: Partial<GenesysPhoneState>) => {
      state = { ...state, ...next };
      listener(state);
    },
  };
}

function line(client: GenesysClient, authWindow = async (): Promise<string> => Promise.reject(new Error('no session')), phone?: GenesysPhoneChannel) {
  const stored: string[] = [];
  const l = genesysLine({
    ...(phone ? { phone } : {}),
    authWindow,
    redirectUri: () => 'https://ext.chromiumapp.org/',
    account: async () => account,
    storeToken: async (_a, kept) => void stored.push(kept),
    client: () => client,
    webSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
  });
  return { l, stored };
}

describe('the Genesys line', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  it('subscribes to the user’s calls topic on a channel, and is registered once its socket is open', async () => {
    const api = fakeClient();
    const { l } = line(api.client);
    const snap = await l.configure(account);
    expect(api.asked).toEqual(['me', 'channel', 'subscribe ch1 v2.users.u1.conversations.calls', 'calls']);
    expect(snap.registration).toEqual({ state: 'registered', aor: 'agent@example.com@mypurecloud.com' });
  });

  it('an event rings; Answer patches the user’s own participant', async () => {
    const api = fakeClient();
    const { l } = line(api.client);
    await l.configure(account);
    FakeSocket.all[0]!.event('v2.users.u1.conversations.calls', ringing('c1'));
    expect((await l.current()).calls[0]).toMatchObject({ id: 'c1', state: CallState.Incoming, remote: { displayName: 'Carol' } });
    await l.command({ action: 'answer', callId: 'c1' });
    expect(api.asked.at(-1)).toBe('patch c1 me {"state":"connected"}');
  });

  it('pings every 20 s, and a socket silent for 75 s is dropped and replaced, the calls reconciled', async () => {
    const api = fakeClient();
    const { l } = line(api.client);
    await l.configure(account);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(FakeSocket.all[0]!.sent).toContain('{"message":"ping"}');
    api.setCalls([ringing('c2')]);
    await vi.advanceTimersByTimeAsync(80_000);
    expect(FakeSocket.all.length).toBeGreaterThanOrEqual(2);
    const snap = await l.current();
    expect(snap.registration.state).toBe('registered');
    expect(snap.calls.map((c) => c.id)).toEqual(['c2']);
  });

  it('socket_closing moves to a new channel before the old socket goes', async () => {
    const api = fakeClient();
    const { l } = line(api.client);
    await l.configure(account);
    FakeSocket.all[0]!.event('v2.system.socket_closing', { message: 'closing' });
    await vi.advanceTimersByTimeAsync(10);
    expect(api.asked.filter((a) => a === 'channel')).toHaveLength(2);
    expect(FakeSocket.all[0]!.readyState).toBe(3);
    expect((await l.current()).registration.state).toBe('registered');
  });

  it('a token Genesys no longer takes, and no silent sign-in: Sign in again, the token forgotten, no loop', async () => {
    const api = fakeClient();
    api.client.createChannel = async () => {
      throw new GenesysError('signed-out', 'Invalid login credentials.', 401);
    };
    const { l, stored } = line(api.client);
    const snap = await l.configure(account);
    expect(snap.registration).toMatchObject({ state: 'failed', kind: 'signin' });
    expect(stored).toEqual(['']);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(api.asked.filter((a) => a === 'me')).toHaveLength(1);
  });

  describe('with Offhook as the Genesys phone', () => {
    const asPhone: Account = { ...account, phoneMode: 'offhook' };

    it('starts the phone once the channel is up, with the token, region and address; registered only when the phone is', async () => {
      const api = fakeClient();
      const p = fakePhone();
      const { l } = line(api.client, undefined, p.phone);
      const snap = await l.configure(asPhone);
      expect(p.asked).toEqual(['start {"token":"tok","region":"mypurecloud.com","aor":"agent@example.com@mypurecloud.com"}']);
      expect(snap.registration).toEqual({ state: 'connecting', aor: 'agent@example.com@mypurecloud.com' });
      p.report({ registration: { state: 'registered', aor: 'agent@example.com@mypurecloud.com' } });
      expect((await l.current()).registration.state).toBe('registered');
      // The phone's own trouble is the line's: a desk phone as the station, say.
      p.report({ registration: { state: 'failed', aor: 'agent@example.com@mypurecloud.com', kind: 'config', message: 'not a WebRTC phone' } });
      expect((await l.current()).registration).toMatchObject({ state: 'failed', message: 'not a WebRTC phone' });
    });

    it('a phone that cannot be started is said so, and Retry starts it', async () => {
      const api = fakeClient();
      const p = fakePhone();
      const start = p.phone.start;
      p.phone.start = async () => {
        throw new Error('the offscreen document is gone');
      };
      const { l } = line(api.client, undefined, p.phone);
      const snap = await l.configure(asPhone);
      expect(snap.registration).toMatchObject({ state: 'failed', message: 'Genesys Cloud did not take this browser as your phone: the offscreen document is gone' });
      p.phone.start = start;
      expect(await l.retry()).toEqual({ ok: true });
      expect(p.asked.at(-1)).toMatch(/^start \{"token":"tok"/);
      p.report({ registration: { state: 'registered', aor: 'agent' } });
      expect((await l.current()).registration.state).toBe('registered');
    });

    it('a phone already running (a worker that woke) is told the token, not started again', async () => {
      const api = fakeClient();
      const p = fakePhone(true);
      const { l } = line(api.client, undefined, p.phone);
      await l.configure(asPhone);
      expect(p.asked).toEqual(['token tok']);
      expect((await l.current()).registration.state).toBe('registered');
    });

    it('Answer and the call’s figures are the phone’s; Decline is the phone’s where it rings, else the API’s; hold stays the API’s', async () => {
      const api = fakeClient();
      const p = fakePhone(true);
      const { l } = line(api.client, undefined, p.phone);
      await l.configure(asPhone);
      FakeSocket.all[0]!.event('v2.users.u1.conversations.calls', ringing('c1'));
      await l.command({ action: 'answer', callId: 'c1' });
      await l.command({ action: 'stats', callId: 'c1' });
      expect(p.asked.slice(-2)).toEqual(['answer c1', 'stats c1']);
      expect(api.asked.filter((a) => a.startsWith('patch'))).toEqual([]);
      await l.command({ action: 'decline', callId: 'c1', status: 603 });
      expect(api.asked.filter((a) => a.startsWith('patch'))).toEqual([]);
      p.answers.decline = { ok: false, error: 'not ringing here' };
      await l.command({ action: 'decline', callId: 'c1', status: 603 });
      expect(api.asked.at(-1)).toBe('patch c1 me {"state":"disconnected"}');
      await l.command({ action: 'hold', callId: 'c1', held: true });
      expect(api.asked.at(-1)).toBe('patch c1 me {"held":true}');
    });

    it('the debug snapshot with media carries each call’s audio figures from the phone', async () => {
      const api = fakeClient();
      const p = fakePhone(true);
      p.answers.stats = { ok: true, media: { bytesSent: 5000, bytesReceived: 4000, packetsReceived: 30 } };
      const { l } = line(api.client, undefined, p.phone);
      await l.configure(asPhone);
      FakeSocket.all[0]!.event('v2.users.u1.conversations.calls', ringing('c1'));
      expect((await l.debugSnapshot(true)).calls[0]?.media).toEqual({ bytesSent: 5000, bytesReceived: 4000, packetsReceived: 30 });
      expect((await l.debugSnapshot(false)).calls[0]?.media).toBeUndefined();
    });

    it('Test speaker sounds through the phone; the account going stops the phone', async () => {
      const api = fakeClient();
      const p = fakePhone(true);
      const { l } = line(api.client, undefined, p.phone);
      await l.configure(asPhone);
      expect(await l.testAudio('speaker')).toEqual({ ok: true });
      await l.configure(null);
      expect(p.asked.slice(-2)).toEqual(['test speaker', 'start null']);
    });

    it('driving the user’s own phone never touches Offhook’s', async () => {
      const api = fakeClient();
      const p = fakePhone();
      const { l } = line(api.client, undefined, p.phone);
      await l.configure(account);
      FakeSocket.all[0]!.event('v2.users.u1.conversations.calls', ringing('c1'));
      await l.command({ action: 'answer', callId: 'c1' });
      await l.configure(null);
      expect(p.asked).toEqual([]);
      expect(await genesysLine({ authWindow: async () => '', redirectUri: () => '', account: async () => null, storeToken: async () => undefined }).testAudio('speaker')).toMatchObject({ ok: false });
    });
  });
});
