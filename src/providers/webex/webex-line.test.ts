import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../shared/account/account';
import { testAccount } from '../../shared/account/test-account';
import { CallState } from '../../shared/call/call-state';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import { decodeToken, encodeToken } from './webex-auth';
import { WebexError, type WebexCall, type WebexClient } from './webex-client';
import { ACTIVE_POLL_MS, IDLE_POLL_MS, webexLine, type WebexPhoneChannel } from './webex-line';
import type { WebexPhoneState } from '../../shared/messaging/protocol';

const T0 = Date.parse('2026-12-07T09:00:00Z');
const token = (expiresIn = 14 * 86_400_000) => encodeToken({ accessToken: 'tok', expiresAt: Date.now() + expiresIn, refreshToken: 'ref', refreshExpiresAt: Date.now() + 90 * 86_400_000 });
const webexAccount = (fields: Partial<Account> = {}): Account =>
  testAccount({ kind: 'webex', server: 'webexapis.com', username: 'ann@example.com', domain: 'webexapis.com', oauthClientId: 'C0123456789abcdef0123', password: 'integration-secret', refreshToken: token(), ...fields });

function fakeClient() {
  const asked: string[] = [];
  let current: WebexCall[] = [];
  let failNext: WebexError | undefined;
  const client: WebexClient = {
    me: async () => (asked.push('me'), { id: 'p1', name: 'Ann', email: 'ann@example.com', number: '+14155550100' }),
    dial: async (n) => (asked.push(`dial ${n}`), 'call-out'),
    calls: async () => {
      asked.push('calls');
      if (failNext) {
        const e = failNext;
        failNext = undefined;
        throw e;
      }
      return current;
    },
    control: async (op, id) => void asked.push(`${op} ${id}`),
    transfer: async (id, to) => void asked.push(`transfer ${id} ${to}`),
    dtmf: async (id, d) => void asked.push(`dtmf ${id} ${d}`),
    history: async () => [
      { type: 'missed', name: 'Bob', number: '+14155550142', time: '2026-12-07T08:00:00Z' },
      { type: 'placed', number: '+14155550199', time: '2026-12-07T08:30:00Z' },
    ],
    voicemail: async () => ({ newMessages: 2, oldMessages: 1 }),
    searchPeople: async (term) => [{ id: 'p2', name: `${term} Smith`, email: 'x@example.com', number: '+14155550111', extension: '111' }],
  };
  return {
    client,
    asked,
    set: (calls: WebexCall[]) => (current = calls),
    fail: (e: WebexError) => (failNext = e),
  };
}

const call = (over: Partial<WebexCall>): WebexCall => ({ id: 'c1', personality: 'terminator', state: 'alerting', remoteParty: { name: 'Bob', number: '+14155550142' }, created: '2026-12-07T09:00:00Z', ...over });

describe('the Webex Calling line', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  const start = async (account = webexAccount(), extra: Partial<Parameters<typeof webexLine>[0]> = {}) => {
    const fake = fakeClient();
    const stored: string[] = [];
    const shown: PhoneSnapshot[] = [];
    const line = webexLine({
      authWindow: async () => 'https://x.chromiumapp.org/',
      redirectUri: () => 'https://x.chromiumapp.org/',
      account: async () => account,
      storeToken: async (_a, kept) => void stored.push(kept),
      client: () => fake.client,
      ...extra,
    });
    line.onChange((s) => shown.push(s));
    const first = await line.configure(account);
    return { line, fake, stored, shown, first };
  };

  it('reads the calls every few seconds while idle and every second while a call is up; an incoming call rings, Answer answers it', async () => {
    const { line, fake, first } = await start();
    expect(first.registration).toEqual({ state: 'registered', aor: 'ann@example.com@webexapis.com' });
    expect(first.directory).toBe(true);
    const polls = () => fake.asked.filter((a) => a === 'calls').length;
    expect(polls()).toBe(1);
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS * 3);
    expect(polls()).toBe(4);
    fake.set([call({})]);
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS);
    const ringing = await line.current();
    expect(ringing.calls).toMatchObject([{ id: 'c1', direction: 'inbound', state: CallState.Incoming, remote: { number: '+14155550142', displayName: 'Bob' } }]);
    const before = polls();
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS * 5);
    expect(polls() - before).toBe(5);
    expect(await line.command({ action: 'answer', callId: 'c1' })).toEqual({ ok: true });
    expect(fake.asked).toContain('answer c1');
    fake.set([call({ state: 'connected', answered: '2026-12-07T09:00:10Z' })]);
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS);
    expect((await line.current()).calls[0]?.state).toBe(CallState.Established);
  });

  it('never reads the listing more than once a second, however many commands', async () => {
    const { line, fake } = await start();
    fake.set([call({ state: 'connected', personality: 'originator' })]);
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS);
    const before = fake.asked.filter((a) => a === 'calls').length;
    for (let i = 0; i < 10; i++) await line.command({ action: 'dtmf', callId: 'c1', digits: '1' });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.asked.filter((a) => a === 'calls').length - before).toBeLessThanOrEqual(2);
  });

  it('dials through Webex, shows the call at once, and follows it to its end; a hang-up reads as the user’s', async () => {
    const { line, fake } = await start();
    const placed = await line.dial('+14155550142');
    expect(placed).toEqual({ ok: true, callId: 'call-out' });
    expect(fake.asked).toContain('dial +14155550142');
    expect((await line.current()).calls).toMatchObject([{ id: 'call-out', direction: 'outbound', state: CallState.Dialing }]);
    fake.set([call({ id: 'call-out', personality: 'clickToDial', state: 'connecting' })]);
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS);
    expect((await line.current()).calls[0]?.state).toBe(CallState.Ringing);
    fake.set([call({ id: 'call-out', personality: 'clickToDial', state: 'held', answered: '2026-12-07T09:00:05Z' })]);
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS);
    expect((await line.current()).calls[0]).toMatchObject({ state: CallState.Established, held: true });
    expect(await line.command({ action: 'hold', callId: 'call-out', held: false })).toEqual({ ok: true });
    expect(await line.command({ action: 'hangup', callId: 'call-out' })).toEqual({ ok: true });
    expect(fake.asked).toEqual(expect.arrayContaining(['resume call-out', 'hangup call-out']));
    fake.set([]);
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS);
    const after = await line.current();
    expect(after.calls).toEqual([]);
    expect(after.lastEnded).toMatchObject({ id: 'call-out', state: CallState.Ended, end: { reason: 'hangup-local' } });
  });

  it('an incoming call taken on another of the user’s phones stops ringing; one the caller gave up is missed', async () => {
    const { line, fake } = await start();
    fake.set([call({})]);
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS);
    fake.set([call({ state: 'connected' })]);
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS);
    expect((await line.current()).calls[0]?.state).toBe(CallState.Established);
    fake.set([call({ id: 'c2' })]);
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS);
    expect((await line.current()).lastEnded).toMatchObject({ id: 'c1', end: { reason: 'hangup-remote' } });
    fake.set([]);
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS);
    expect((await line.current()).lastEnded).toMatchObject({ id: 'c2', end: { reason: 'caller-cancelled' } });
  });

  it('a number Webex refuses says Webex’s words, and the attempt stays in the history', async () => {
    const { line, fake } = await start();
    fake.client.dial = async () => {
      throw new WebexError('refused', 'Invalid destination', 400);
    };
    const placed = await line.dial('+999');
    expect(placed).toEqual({ ok: false, error: 'Webex refused: Invalid destination' });
    expect((await line.current()).lastEnded).toMatchObject({ direction: 'outbound', remote: { number: '+999' }, end: { reason: 'rejected', phrase: 'Invalid destination' } });
  });

  it('a missing scope is named, and the line stops instead of retrying', async () => {
    const { line, fake } = await start();
    fake.fail(new WebexError('forbidden', 'Access denied', 403, 'spark:calls_read'));
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS);
    const down = await line.current();
    expect(down.registration).toMatchObject({ state: 'failed', kind: 'config' });
    expect((down.registration as { message: string }).message).toContain('spark:calls_read');
    const polls = fake.asked.filter((a) => a === 'calls').length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.asked.filter((a) => a === 'calls').length).toBe(polls);
  });

  it('renews a lapsing access token with the refresh token and keeps the new sign-in', async () => {
    const fetched: URLSearchParams[] = [];
    const fetchImpl = (async (_url: string, init?: RequestInit) => {
      fetched.push(new URLSearchParams(String(init?.body)));
      return new Response(JSON.stringify({ access_token: 'tok2', expires_in: 1_209_599, refresh_token: 'ref2', refresh_token_expires_in: 7_776_000, token_type: 'Bearer' }));
    }) as typeof fetch;
    const { stored, first } = await start(webexAccount({ refreshToken: token(5 * 60_000) }), { fetch: fetchImpl });
    expect(first.registration.state).toBe('registered');
    expect(fetched[0]?.get('grant_type')).toBe('refresh_token');
    expect(fetched[0]?.get('refresh_token')).toBe('ref');
    expect(fetched[0]?.get('client_secret')).toBe('integration-secret');
    expect(decodeToken(stored.at(-1)!)).toMatchObject({ accessToken: 'tok2', refreshToken: 'ref2' });
  });

  it('a refresh token Webex no longer honours asks to sign in again, once, and forgets the sign-in', async () => {
    const fetchImpl = (async () => new Response(JSON.stringify({ error: 'invalid_grant', error_description: 'The refresh token provided is expired, revoked, malformed, or invalid.' }), { status: 400 })) as unknown as typeof fetch;
    const { line, fake, stored } = await start(webexAccount(), { fetch: fetchImpl });
    fake.set([call({ state: 'connected' })]);
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS);
    fake.fail(new WebexError('signed-out', 'The request requires a valid access token set in the Authorization request header.', 401));
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS);
    const down = await line.current();
    expect(down.registration).toMatchObject({ state: 'failed', kind: 'signin' });
    expect(down.lastEnded).toMatchObject({ id: 'c1', end: { reason: 'failed' } });
    expect(stored).toEqual(['']);
    const polls = fake.asked.filter((a) => a === 'calls').length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.asked.filter((a) => a === 'calls').length).toBe(polls);
  });

  it('Webex out of reach: says so, tries again with backoff, and comes back', async () => {
    const { line, fake } = await start();
    fake.fail(new WebexError('unreachable', 'fetch failed'));
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS);
    expect((await line.current()).registration).toMatchObject({ state: 'failed', kind: 'temporary' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect((await line.current()).registration.state).toBe('registered');
  });

  it('a user without Webex Calling is told so at sign-in, nothing saved', async () => {
    const fake = fakeClient();
    fake.client.calls = async () => Promise.reject(new WebexError('forbidden', 'ann@example.com is not a Webex Calling user', 403, 'spark:calls_read'));
    const line = webexLine({ authWindow: async () => '', redirectUri: () => '', account: async () => null, storeToken: async () => undefined, client: () => fake.client });
    const prepared = await line.prepare(webexAccount());
    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.errors.oauthClientId).toMatch(/no Webex Calling.*spark:calls_read/);
    expect(!prepared.ok && prepared.errors.oauthClientId).toContain('is not a Webex Calling user');
  });

  it('gives the voicemail count, the call history and the directory', async () => {
    const { line } = await start();
    await vi.advanceTimersByTimeAsync(10);
    expect((await line.current()).voicemail).toEqual({ waiting: true, new: 2, old: 1 });
    const log = await line.callLog(T0 - 86_400_000);
    expect(log).toMatchObject([
      { direction: 'inbound', number: '+14155550142', name: 'Bob', outcome: 'missed' },
      { direction: 'outbound', number: '+14155550199', outcome: 'answered' },
    ]);
    expect(await line.searchDirectory('Jo')).toEqual({
      ok: true,
      contacts: [
        { name: 'Jo Smith', number: '+14155550111', label: 'Work' },
        { name: 'Jo Smith', number: '111', label: 'Extension' },
      ],
    });
  });

  it('mute goes to Webex where the call can be muted, and is said plainly where not', async () => {
    const { line, fake } = await start();
    fake.set([call({ state: 'connected', muteCapable: true }), call({ id: 'c2', state: 'connected', muteCapable: false })]);
    await vi.advanceTimersByTimeAsync(IDLE_POLL_MS);
    expect(await line.command({ action: 'mute', callId: 'c1', muted: true })).toEqual({ ok: true });
    expect(fake.asked).toContain('mute c1');
    await vi.advanceTimersByTimeAsync(ACTIVE_POLL_MS);
    expect((await line.current()).calls.find((c) => c.id === 'c1')?.muted).toBe(true);
    expect(await line.command({ action: 'mute', callId: 'c2', muted: true })).toEqual({ ok: false, error: expect.stringContaining('cannot mute') });
  });

  it('is silent once another kind of account takes over', async () => {
    const { line, fake, shown } = await start();
    await line.configure(null);
    const polls = fake.asked.filter((a) => a === 'calls').length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fake.asked.filter((a) => a === 'calls').length).toBe(polls);
    expect(shown.at(-1)?.registration.state).toBe('unconfigured');
  });
});

describe('the Webex line and a token refused right after its renewal', () => {
  it('stops and asks to sign in, instead of renewing again and again', async () => {
    vi.useFakeTimers();
    try {
      const fake = fakeClient();
      let refreshes = 0;
      const fetchImpl = (async () => (refreshes++, new Response(JSON.stringify({ access_token: 'tok2', expires_in: 1_209_599, refresh_token: 'ref2' })))) as unknown as typeof fetch;
      const line = webexLine({ authWindow: async () => '', redirectUri: () => '', account: async () => null, storeToken: async () => undefined, client: () => fake.client, fetch: fetchImpl });
      await line.configure(webexAccount());
      fake.client.calls = async () => Promise.reject(new WebexError('signed-out', 'invalid token', 401));
      await vi.advanceTimersByTimeAsync(20_000);
      expect(refreshes).toBe(1);
      expect((await line.current()).registration).toMatchObject({ state: 'failed', kind: 'signin' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the Webex line with Offhook as the Webex phone', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  /** The offscreen document's Webex phone, as the line reaches it. */
  function fakePhone(running = false) {
    const asked: unknown[][] = [];
    let listener: ((s: WebexPhoneState) => void) | undefined;
    let state: WebexPhoneState & { configured: boolean } = running
      ? { registration: { state: 'registered', aor: 'ann@example.com@webexapis.com' }, calls: [], tone: null, configured: true }
      : { registration: { state: 'unconfigured' }, calls: [], tone: null, configured: false };
    const phone: WebexPhoneChannel = {
      start: async (config) => {
        asked.push(['start', config]);
        state = config ? { registration: { state: 'connecting', aor: config.aor }, calls: [], tone: null, configured: true } : { registration: { state: 'unconfigured' }, calls: [], tone: null, configured: false };
        return state;
      },
      token: async (t) => void asked.push(['token', t]),
      state: async () => (asked.push(['state']), state),
      dial: async (target, tones) => (asked.push(['dial', target, tones]), { ok: true, callId: 'corr-1' }),
      command: async (command) => (asked.push(['command', command]), { ok: true }),
      retry: async () => (asked.push(['retry']), { ok: true }),
      testAudio: async (output) => (asked.push(['testAudio', output]), { ok: true }),
      onChange: (l) => void (listener = l),
    };
    return { phone, asked, report: (s: WebexPhoneState) => listener!(s) };
  }

  const make = (phone: WebexPhoneChannel, fetchImpl?: typeof fetch) => {
    const fake = fakeClient();
    const line = webexLine({
      authWindow: async () => '',
      redirectUri: () => '',
      account: async () => webexAccount({ phoneMode: 'offhook' }),
      storeToken: async () => undefined,
      client: () => fake.client,
      phone,
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    });
    return { line, fake };
  };

  it('starts the phone with the access token; its registration and calls are the line’s; no calls are read from the API', async () => {
    const { phone, asked, report } = fakePhone();
    const { line, fake } = make(phone);
    const first = await line.configure(webexAccount({ phoneMode: 'offhook' }));
    expect(asked).toContainEqual(['start', { token: 'tok', aor: 'ann@example.com@webexapis.com' }]);
    expect(first.registration.state).toBe('connecting');
    report({ registration: { state: 'registered', aor: 'ann@example.com@webexapis.com' }, calls: [], tone: null });
    expect((await line.current()).registration.state).toBe('registered');
    const ringing = { id: 'corr-in', direction: 'inbound' as const, state: CallState.Incoming, remote: { uri: '+14155550143', number: '+14155550143' }, earlyMedia: false, muted: false, held: false, remoteHeld: false, startedAt: T0 };
    report({ registration: { state: 'registered', aor: 'ann@example.com@webexapis.com' }, calls: [ringing], tone: 'ringtone' });
    expect((await line.current()).calls).toEqual([ringing]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.asked.filter((a) => a === 'calls')).toEqual([]);
    // The directory and voicemail still come from the API.
    expect(fake.asked).toContain('me');
  });

  it('sounds the options page’s test on the phone, and shows its sound devices; the platform phone has none of ours', async () => {
    const { phone, asked, report } = fakePhone();
    const { line } = make(phone);
    await line.configure(webexAccount({ phoneMode: 'offhook' }));
    expect(await line.testAudio('ringer')).toEqual({ ok: true });
    expect(asked).toContainEqual(['testAudio', 'ringer']);
    const audio = { warnings: ['The ringer “USB headset” is not connected: using the system default.'], testing: 'ringer' as const };
    report({ registration: { state: 'registered', aor: 'ann@example.com@webexapis.com' }, calls: [], tone: null, audio });
    expect((await line.current()).audio).toEqual(audio);

    const platform = webexLine({
      authWindow: async () => '',
      redirectUri: () => '',
      account: async () => webexAccount(),
      storeToken: async () => undefined,
      client: () => fakeClient().client,
      phone,
    });
    await platform.configure(webexAccount());
    expect(await platform.testAudio('speaker')).toEqual({ ok: false, error: expect.stringMatching(/./) });
    expect(asked).not.toContainEqual(['testAudio', 'speaker']);
  });

  it('dials and controls calls through the phone, not the Call Controls API', async () => {
    const { phone, asked, report } = fakePhone();
    const { line, fake } = make(phone);
    await line.configure(webexAccount({ phoneMode: 'offhook' }));
    report({ registration: { state: 'registered', aor: 'ann@example.com@webexapis.com' }, calls: [], tone: null });
    expect(await line.dial('+14155550142', '12')).toEqual({ ok: true, callId: 'corr-1' });
    expect(await line.command({ action: 'hold', callId: 'corr-1', held: true })).toEqual({ ok: true });
    expect(await line.retry()).toEqual({ ok: true });
    expect(asked).toContainEqual(['dial', '+14155550142', '12']);
    expect(asked).toContainEqual(['command', { action: 'hold', callId: 'corr-1', held: true }]);
    expect(asked).toContainEqual(['retry']);
    expect(fake.asked.some((a) => a.startsWith('dial') || a.startsWith('hold'))).toBe(false);
  });

  it('a worker that woke takes the running phone’s state and token instead of starting it again', async () => {
    const { phone, asked } = fakePhone(true);
    const { line } = make(phone);
    const shown = await line.current();
    expect(shown.registration.state).toBe('registered');
    expect(asked.some((a) => a[0] === 'start')).toBe(false);
    expect(asked).toContainEqual(['token', 'tok']);
  });

  it('a renewed token reaches the phone; another account stops it', async () => {
    const { phone, asked } = fakePhone();
    const fetchImpl = (async () => new Response(JSON.stringify({ access_token: 'tok2', expires_in: 1_209_599, refresh_token: 'ref2', refresh_token_expires_in: 7_776_000 }))) as unknown as typeof fetch;
    const { line } = make(phone, fetchImpl);
    await line.configure(webexAccount({ phoneMode: 'offhook', refreshToken: token(15 * 60_000) }));
    expect(asked).toContainEqual(['start', { token: 'tok', aor: 'ann@example.com@webexapis.com' }]);
    // Renewed ten minutes before it lapses, and handed to the phone.
    await vi.advanceTimersByTimeAsync(5 * 60_000 + 1_000);
    expect(asked).toContainEqual(['token', 'tok2']);
    await line.configure(null);
    expect(asked.at(-1)).toEqual(['start', null]);
  });
});
