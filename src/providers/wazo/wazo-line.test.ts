import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../shared/account/account';
import { testAccount } from '../../shared/account/test-account';
import type { PhoneLine } from '../../shared/phone/phone-line';
import { emptySnapshot, type PhoneSnapshot } from '../../shared/phone/snapshot';
import { WazoError, type WazoClient, type WazoToken } from './wazo-client';
import { wazoLine } from './wazo-line';

const wazo: Account = testAccount({ kind: 'wazo', server: 'https://wazo.example.com', username: 'alice', domain: 'wazo.example.com', refreshToken: 'refresh-1' });

/** A SIP line that records what it is configured with and lets the test publish snapshots. */
function fakeSip() {
  const configured: (Account | null)[] = [];
  const listeners: ((s: PhoneSnapshot) => void)[] = [];
  let snapshot: PhoneSnapshot = emptySnapshot;
  const line = {
    current: async () => snapshot,
    configure: async (account: Account | null) => {
      configured.push(account);
      snapshot = { ...snapshot, registration: account ? { state: 'registered', aor: `${account.username}@${account.domain}` } : { state: 'unconfigured' } };
      return snapshot;
    },
    onChange: (l: (s: PhoneSnapshot) => void) => void listeners.push(l),
  } as unknown as PhoneLine;
  return { line, configured, publish: (s: PhoneSnapshot) => listeners.forEach((l) => l(s)) };
}

function fakeClient(lifetimeMs: number) {
  let n = 0;
  const calls: string[] = [];
  let secret = 's3cret';
  let revoked = false;
  const token = (): WazoToken => ({ token: `t${++n}`, expiresAt: Date.now() + lifetimeMs, userUuid: 'u1' });
  const client: WazoClient = {
    signIn: async () => ({ ...token(), refreshToken: 'refresh-2' }),
    refresh: async () => {
      calls.push('refresh');
      if (revoked) throw new WazoError('signed-out', 'revoked', 401);
      return token();
    },
    revoke: async () => void calls.push('revoke'),
    user: async () => (calls.push('me'), { uuid: 'u1', firstname: 'Alice', lastname: 'Liddell', lines: [{ id: 7 }] }),
    sipEndpoint: async () => (calls.push('line'), { username: 'abcd', secret, options: [['webrtc', 'yes']] }),
    callLog: async () => [],
    setDoNotDisturb: async (_token, on) => void calls.push(`dnd:${on}`),
    lookup: async (_token, term) => (calls.push(`lookup:${term}`), [{ name: 'Bob Builder', number: '1002' }]),
  };
  return { client, calls, revoke: () => (revoked = true), setSecret: (s: string) => (secret = s) };
}

describe('the Wazo line', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("registers the user's WebRTC line over the server's /api/asterisk/ws, and shows the Wazo login", async () => {
    const sip = fakeSip();
    const api = fakeClient(3_600_000);
    const line = wazoLine({ sip: sip.line, account: async () => null, signedOut: async () => undefined, clientId: async () => 'c', client: () => api.client });
    const snapshot = await line.configure(wazo);
    expect(sip.configured[0]).toMatchObject({ kind: 'sip', server: 'wss://wazo.example.com/api/asterisk/ws', username: 'abcd', password: 's3cret', domain: 'wazo.example.com', displayName: 'Alice Liddell' });
    expect(snapshot.registration).toEqual({ state: 'registered', aor: 'alice@wazo.example.com' });
  });

  it('refreshes the access token before it lapses, with no user action, and keeps the phone registered', async () => {
    const sip = fakeSip();
    const api = fakeClient(20_000);
    const line = wazoLine({ sip: sip.line, account: async () => null, signedOut: async () => undefined, clientId: async () => 'c', client: () => api.client });
    await line.configure(wazo);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.calls.filter((c) => c === 'refresh').length).toBeGreaterThanOrEqual(4);
    expect(sip.configured).toHaveLength(1);
  });

  it('a revoked sign-in stops the phone, forgets the token and says "Sign in again", once', async () => {
    const sip = fakeSip();
    const api = fakeClient(20_000);
    const forgotten: Account[] = [];
    const line = wazoLine({ sip: sip.line, account: async () => null, signedOut: async (a) => void forgotten.push(a), clientId: async () => 'c', client: () => api.client });
    const shown: PhoneSnapshot[] = [];
    line.onChange((s) => shown.push(s));
    await line.configure(wazo);
    api.revoke();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sip.configured.at(-1)).toBeNull();
    expect(forgotten).toHaveLength(1);
    expect(api.calls.filter((c) => c === 'refresh')).toHaveLength(2);
    expect((await line.current()).registration).toMatchObject({ state: 'failed', kind: 'signin', message: expect.stringMatching(/Sign in again/) });
  });

  it('a worker that woke takes the sign-in up again: a forgotten one says "Sign in again", a revoked one is noticed', async () => {
    const sip = fakeSip();
    const api = fakeClient(20_000);
    const forgotten = wazoLine({ sip: sip.line, account: async () => ({ ...wazo, refreshToken: '' }), signedOut: async () => undefined, clientId: async () => 'c', client: () => api.client });
    expect((await forgotten.current()).registration).toMatchObject({ state: 'failed', kind: 'signin' });
    expect(api.calls).toEqual([]);
    api.revoke();
    const signedOut: Account[] = [];
    const revoked = wazoLine({ sip: sip.line, account: async () => wazo, signedOut: async (a) => void signedOut.push(a), clientId: async () => 'c', client: () => api.client });
    await revoked.current();
    await vi.advanceTimersByTimeAsync(10);
    expect(signedOut).toHaveLength(1);
    expect((await revoked.current()).registration).toMatchObject({ state: 'failed', kind: 'signin' });
    // Registered as it was, nothing configured anew until then; stopped once revoked.
    expect(sip.configured).toEqual([null]);
  });

  it('a 401 on REGISTER fetches the line again once, and registers with a changed secret', async () => {
    const sip = fakeSip();
    const api = fakeClient(3_600_000);
    const line = wazoLine({ sip: sip.line, account: async () => null, signedOut: async () => undefined, clientId: async () => 'c', client: () => api.client });
    await line.configure(wazo);
    api.setSecret('n3w');
    const refused: PhoneSnapshot = { ...emptySnapshot, registration: { state: 'failed', aor: 'abcd@wazo.example.com', kind: 'auth', message: 'Wrong password.' } };
    sip.publish(refused);
    await vi.advanceTimersByTimeAsync(10);
    expect(sip.configured.at(-1)).toMatchObject({ password: 'n3w' });
    sip.publish(refused);
    await vi.advanceTimersByTimeAsync(10);
    expect(api.calls.filter((c) => c === 'line')).toHaveLength(2);
  });

  it("signs in at save, trading the password for the refresh token; a refused login names the password", async () => {
    const api = fakeClient(3_600_000);
    const line = wazoLine({ sip: fakeSip().line, account: async () => null, signedOut: async () => undefined, clientId: async () => 'c', client: () => api.client });
    const ready = await line.prepare({ ...wazo, refreshToken: '', password: 'pw' });
    expect(ready).toEqual({ ok: true, account: expect.objectContaining({ password: '', refreshToken: 'refresh-2' }) });
    api.client.signIn = async () => {
      throw new WazoError('login', 'Authentication Failed', 401);
    };
    expect(await line.prepare({ ...wazo, refreshToken: '', password: 'bad' })).toEqual({ ok: false, errors: { password: expect.stringMatching(/refused this login/) } });
  });

  it('a user without a WebRTC line is told so at save, and nothing is stored', async () => {
    const api = fakeClient(3_600_000);
    api.client.sipEndpoint = async () => ({ username: 'abcd', secret: 'x', options: [] });
    const line = wazoLine({ sip: fakeSip().line, account: async () => null, signedOut: async () => undefined, clientId: async () => 'c', client: () => api.client });
    expect(await line.prepare({ ...wazo, refreshToken: '', password: 'pw' })).toEqual({ ok: false, errors: { username: expect.stringMatching(/WebRTC/) } });
  });
});
