import { describe, expect, it } from 'vitest';
import type { Account } from '../../shared/account/account';
import { testAccount } from '../../shared/account/test-account';
import { validateWazoAccount, wazoServer } from './wazo-account';

const stored: Account = testAccount({ kind: 'wazo', server: 'https://wazo.example.com', username: 'alice@example.com', domain: 'wazo.example.com', refreshToken: 'refresh-1' });

describe('a Wazo account as typed', () => {
  it('takes the server as a name, a name and port, or an https address, and keeps its origin', () => {
    expect(wazoServer('wazo.example.com')).toEqual({ url: 'https://wazo.example.com', host: 'wazo.example.com' });
    expect(wazoServer(' Wazo.Example.com:8443 ')).toEqual({ url: 'https://wazo.example.com:8443', host: 'wazo.example.com' });
    expect(wazoServer('https://wazo.example.com/portal/')).toEqual({ url: 'https://wazo.example.com', host: 'wazo.example.com' });
  });

  it('refuses plain http, credentials in the address and nothing at all, each saying what to type', () => {
    expect(wazoServer('http://wazo.example.com')).toEqual({ error: expect.stringMatching(/https:\/\//) });
    expect(wazoServer('https://bob:pw@wazo.example.com')).toEqual({ error: expect.stringMatching(/not a server address/) });
    expect(wazoServer('')).toEqual({ error: expect.stringMatching(/wazo\.example\.com/) });
  });

  it('signs in with the typed password (the account keeps no token yet), login as typed, domain from the server', () => {
    const result = validateWazoAccount({ kind: 'wazo', server: 'wazo.example.com', username: 'alice@example.com', domain: '', password: 'pw' });
    expect(result.ok && result.account).toMatchObject({ kind: 'wazo', server: 'https://wazo.example.com', username: 'alice@example.com', domain: 'wazo.example.com', password: 'pw', refreshToken: '' });
  });

  it('keeps the sign-in when the password is left empty for the same server and login, and asks for it elsewhere', () => {
    const same = validateWazoAccount({ kind: 'wazo', server: 'https://wazo.example.com', username: 'alice@example.com', domain: 'wazo.example.com' }, stored);
    expect(same.ok && same.account.refreshToken).toBe('refresh-1');
    const moved = validateWazoAccount({ kind: 'wazo', server: 'other.example.com', username: 'alice@example.com', domain: '' }, stored);
    expect(moved.ok).toBe(false);
    expect(!moved.ok && moved.errors.password).toMatch(/Type your Wazo password/);
  });

  it('names every wrong field at once', () => {
    const result = validateWazoAccount({ kind: 'wazo', server: 'http://x', username: 'a b', domain: '', expires: '5' });
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['expires', 'password', 'server', 'username']);
  });
});
