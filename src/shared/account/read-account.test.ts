import { describe, expect, it } from 'vitest';
import type { Account } from './account';
import { readAccount } from './read-account';

const account: Account = {
  kind: 'sip',
  server: 'wss://pbx.example.com:8089/ws',
  username: 'alice',
  authUsername: '',
  domain: 'pbx.example.com',
  displayName: 'Alice',
  password: 'secret',
  ha1: '',
  refreshToken: '',
  oauthClientId: '',
  iceServers: [{ urls: 'stun:stun.example.com' }, { urls: 'turn:turn.example.com', username: 'a', credential: 'b' }],
  dtmfMethod: 'rfc4733',
  autoAnswer: 'off',
  transferRequests: 'decline',
  dialPlan: { international: 'prefix', internationalPrefix: '00', homeCountry: 'DE', outsideLine: '0' },
  expires: 300,
};

describe('readAccount', () => {
  it('returns the account unchanged', () => {
    expect(readAccount(structuredClone(account))).toEqual(account);
  });

  it('drops fields that are not part of an account', () => {
    expect(readAccount({ ...account, debug: true })).toEqual(account);
    expect(readAccount({ ...account, iceServers: [{ urls: 'stun:x', extra: 1 }] }).iceServers).toEqual([{ urls: 'stun:x' }]);
  });

  it.each(['server', 'username', 'authUsername', 'domain', 'displayName', 'password', 'ha1'])('refuses a missing %s', (key) => {
    const { [key as keyof Account]: _, ...rest } = account;
    expect(() => readAccount(rest)).toThrow(`${key} is not text`);
  });

  it.each(['server', 'username', 'domain'])('refuses an empty %s', (key) => {
    expect(() => readAccount({ ...account, [key]: '' })).toThrow(/empty/);
  });

  it.each([
    ['not a list', { iceServers: 'stun:x' }],
    ['an entry without a URL', { iceServers: [{ username: 'a' }] }],
    ['a null entry', { iceServers: [null] }],
  ])('refuses ICE servers that are %s', (_, change) => {
    expect(() => readAccount({ ...account, ...change })).toThrow();
  });

  it('keeps a platform account’s phone when it is Offhook, and refuses any other word for it', () => {
    expect(readAccount({ ...account, phoneMode: 'offhook' }).phoneMode).toBe('offhook');
    expect(readAccount({ ...account, phoneMode: 'platform' })).toEqual(account);
    expect(() => readAccount({ ...account, phoneMode: 'desk' })).toThrow('phoneMode is neither platform nor offhook');
  });

  it.each([null, 'account', 42])('refuses %j', (value) => {
    expect(() => readAccount(value)).toThrow('not an object');
  });
});

describe('the stored registration interval', () => {
  it.each([59, 3601, 300.5, '300', null])('refuses %j', (expires) => {
    expect(() => readAccount({ ...account, expires })).toThrow(/expires/);
  });

  it.each([60, 3600])('accepts %j', (expires) => {
    expect(readAccount({ ...account, expires }).expires).toBe(expires);
  });
});
