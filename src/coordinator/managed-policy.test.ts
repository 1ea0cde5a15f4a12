import { describe, expect, it } from 'vitest';
import { lockedView, readManagedPolicy, withPolicy } from './managed-policy';

describe('the organization’s policy', () => {
  it('maps the account and the dial plan onto the form’s fields', () => {
    const policy = readManagedPolicy({
      account: { kind: 'sip', server: 'wss://pbx.example.com:8089/ws', domain: 'pbx.example.com', expires: 600, dtmfMethod: 'info', iceServers: [{ urls: 'stun:stun.example.com' }, { urls: 'turn:turn.example.com', username: 'office', credential: 't0p-secret' }] },
      dialPlan: { international: 'prefix', internationalPrefix: '00', homeCountry: 'DE', outsideLine: '0' },
    });
    expect(policy.problems).toEqual([]);
    expect(policy.account).toEqual({
      kind: 'sip',
      server: 'wss://pbx.example.com:8089/ws',
      domain: 'pbx.example.com',
      expires: '600',
      dtmfMethod: 'info',
      iceServers: 'stun:stun.example.com\nturn:turn.example.com office:t0p-secret',
      dialInternational: 'prefix',
      dialInternationalPrefix: '00',
      dialHomeCountry: 'DE',
      dialOutsideLine: '0',
    });
  });

  it('shows a page the TURN credential masked, and the form’s typed values lose to the locked ones', () => {
    const policy = readManagedPolicy({ account: { server: 'wss://pbx.example.com/ws', iceServers: [{ urls: 'turn:turn.example.com', username: 'office', credential: 't0p-secret' }] } });
    expect(lockedView(policy).iceServers).toBe('turn:turn.example.com office:••••••••');
    expect(JSON.stringify(lockedView(policy))).not.toContain('t0p-secret');
    expect(withPolicy({ kind: 'sip', server: 'wss://evil.example.net/ws', username: 'alice', domain: 'pbx.example.com', password: 'pw' }, policy)).toMatchObject({
      server: 'wss://pbx.example.com/ws',
      username: 'alice',
      password: 'pw',
      iceServers: 'turn:turn.example.com office:t0p-secret',
    });
  });

  it.each([
    ['a ws:// server that is not local', { account: { server: 'ws://pbx.example.com/ws' } }, 'account.server'],
    ['an unknown country', { dialPlan: { homeCountry: 'XX' } }, 'dialPlan.homeCountry'],
    ['an unknown phone system', { account: { kind: 'skype' } }, 'account.kind'],
    ['a registration interval out of range', { account: { expires: 5 } }, 'account.expires'],
    ['a registration interval that is text', { account: { expires: '300' } }, 'account.expires'],
    ['an ICE server without a URL', { account: { iceServers: [{ username: 'x' }] } }, 'account.iceServers'],
    ['a STUN address that is not one', { account: { iceServers: [{ urls: 'http://stun.example.com' }] } }, 'account.iceServers'],
    ['a keypad method Offhook lacks', { account: { dtmfMethod: 'inband' } }, 'account.dtmfMethod'],
    ['a password without its username (only a shared account’s comes by policy)', { account: { password: 'x' } }, 'account.password'],
    ['an unknown setting', { colour: 'blue' }, 'colour'],
    ['a dial plan that is a string', { dialPlan: 'plus' }, 'dialPlan'],
  ])('ignores %s by its key, and applies the rest', (_, raw, key) => {
    const policy = readManagedPolicy({ ...raw, account: { ...((raw as { account?: object }).account ?? {}), domain: 'pbx.example.com' } });
    expect(policy.problems.map((p) => p.key)).toEqual([key]);
    expect(policy.problems[0]!.message.length).toBeGreaterThan(10);
    expect(policy.account.domain).toBe('pbx.example.com');
  });

  it('checks fields as the kind the policy sets: a Genesys region', () => {
    expect(readManagedPolicy({ account: { kind: 'genesys', server: 'mypurecloud.de' } }).problems).toEqual([]);
    expect(readManagedPolicy({ account: { kind: 'genesys', server: 'example.com' } }).problems.map((p) => p.key)).toEqual(['account.server']);
  });

  it('no policy is no lock; a policy that is not an object is told, never a crash', () => {
    expect(readManagedPolicy(undefined)).toEqual({ account: {}, detection: {}, problems: [] });
    expect(readManagedPolicy({})).toEqual({ account: {}, detection: {}, problems: [] });
    expect(readManagedPolicy('sip').problems).toHaveLength(1);
  });

  it('reads detection on/off, the default country, the site lists and "may add other accounts"', () => {
    const policy = readManagedPolicy({
      detection: { enabled: true, defaultCountry: 'de', allowSites: ['https://*.crm.example.com/*', 'intranet.example.com'], denySites: ['*://crm.example.com/admin/*'] },
      allowOtherAccounts: false,
    });
    expect(policy.problems).toEqual([]);
    expect(policy.detection).toEqual({
      enabled: true,
      defaultRegion: 'DE',
      allowSites: ['https://*.crm.example.com/*', 'intranet.example.com'],
      denySites: ['*://crm.example.com/admin/*'],
    });
    expect(policy.allowOtherAccounts).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a switch as text', { detection: { enabled: 'yes' } }, ['detection.enabled']],
    ['an unknown country', { detection: { defaultCountry: 'XX' } }, ['detection.defaultCountry']],
    ['a country that is no text', { detection: { defaultCountry: 49 } }, ['detection.defaultCountry']],
    ['a site list that is text', { detection: { denySites: 'example.com' } }, ['detection.denySites']],
    ['a malformed pattern among good ones', { detection: { denySites: ['example.com', 'https://exa*mple.com/*', 7] } }, ['detection.denySites[1]', 'detection.denySites[2]']],
    ['an unknown detection key', { detection: { colour: 'green' } }, ['detection.colour']],
    ['detection that is no object', { detection: ['example.com'] }, ['detection']],
    ['"may add accounts" as text', { allowOtherAccounts: 'no' }, ['allowOtherAccounts']],
  ])('ignores %s, naming the key, and keeps the rest', (_name, raw, keys) => {
    const policy = readManagedPolicy({ ...raw, dialPlan: { homeCountry: 'US' } });
    expect(policy.problems.map((p) => p.key)).toEqual(keys);
    expect(policy.account.dialHomeCountry).toBe('US');
  });

  it('keeps the good patterns of a list, and leaves out an allow list with none good (it does not turn Offhook off everywhere)', () => {
    expect(readManagedPolicy({ detection: { denySites: ['example.com', 'bad pattern'] } }).detection).toEqual({ denySites: ['example.com'] });
    expect(readManagedPolicy({ detection: { allowSites: ['bad pattern'] } }).detection).toEqual({});
  });

  it('takes a shared account whole (username and password), and a page sees the password masked', () => {
    const policy = readManagedPolicy({ account: { server: 'wss://pbx.example.com/ws', domain: 'pbx.example.com', username: 'frontdesk', password: 'shared-secret' } });
    expect(policy.problems).toEqual([]);
    expect(policy.account).toMatchObject({ username: 'frontdesk', password: 'shared-secret' });
    expect(lockedView(policy).password).toBe('••••••••');
    expect(JSON.stringify(lockedView(policy))).not.toContain('shared-secret');
    expect(withPolicy({ kind: 'sip', server: '', username: 'me', domain: '', password: '••••••••' }, policy)).toMatchObject({ username: 'frontdesk', password: 'shared-secret' });
  });
});
