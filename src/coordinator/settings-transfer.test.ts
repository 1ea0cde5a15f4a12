import { describe, expect, it, vi } from 'vitest';
import type { Account } from '../shared/account/account';
import { defaultDialPlan } from '../shared/dial-plan/dial-plan';
import { defaultDetectionSettings } from '../shared/settings/detection-settings';
import { buildSettingsFile } from '../shared/settings/settings-file';
import { toView } from '../shared/account/account';
import { importSettings } from './settings-transfer';

const stored: Account = {
  kind: 'sip',
  server: 'wss://pbx.example.com/ws',
  username: 'alice',
  authUsername: '',
  domain: 'pbx.example.com',
  displayName: 'Alice',
  password: 'alice-secret',
  ha1: '',
  refreshToken: '',
  oauthClientId: '',
  iceServers: [{ urls: 'turn:turn.example.com', username: 'u', credential: 'c' }],
  dtmfMethod: 'rfc4733',
  autoAnswer: 'off',
  transferRequests: 'decline',
  dialPlan: defaultDialPlan,
  expires: 300,
};

const lookup = async (aor: string) => (aor === 'alice@pbx.example.com' ? stored : undefined);

function appliers() {
  return { detection: vi.fn(async () => undefined), account: vi.fn(async (_: Account) => undefined) };
}

describe('a Wazo account in a settings file', () => {
  const wazo: Account = { ...stored, kind: 'wazo', server: 'https://wazo.example.com', domain: 'wazo.example.com', password: '', refreshToken: 'refresh-secret', iceServers: [] };
  const find = async (aor: string) => (aor === 'alice@wazo.example.com' ? wazo : undefined);

  it('is exported with its kind and server, never its sign-in', () => {
    const file = buildSettingsFile(defaultDetectionSettings, [toView(wazo)]);
    expect(file).toContain('"kind": "wazo"');
    expect(file).not.toContain('refresh-secret');
  });

  it('comes back signed in where it is stored, and waits for the password where it is not', async () => {
    const file = buildSettingsFile(defaultDetectionSettings, [toView(wazo)]);
    const apply = appliers();
    expect(await importSettings(file, find, apply)).toEqual({ ok: true, account: 'saved' });
    expect(apply.account).toHaveBeenCalledWith(expect.objectContaining({ kind: 'wazo', refreshToken: 'refresh-secret' }));
    const elsewhere = await importSettings(file, async () => undefined, appliers());
    expect(elsewhere).toMatchObject({ ok: true, account: 'needs-password', input: { kind: 'wazo', server: 'https://wazo.example.com' } });
  });
});

describe('importSettings', () => {
  it('refuses two accounts that both need their password', async () => {
    const file = buildSettingsFile(defaultDetectionSettings, [toView({ ...stored, username: 'bob' }), toView({ ...stored, username: 'carol' })]);
    const apply = appliers();
    const result = await importSettings(file, lookup, apply);
    expect(result.ok).toBe(false);
    expect(apply.detection).not.toHaveBeenCalled();
  });

  it('restores the stored account with its secret and TURN credentials kept', async () => {
    const file = buildSettingsFile({ ...defaultDetectionSettings, defaultRegion: 'FR' }, [toView({ ...stored, displayName: 'Old name' })]);
    const apply = appliers();
    expect(await importSettings(file, lookup, apply)).toEqual({ ok: true, account: 'saved' });
    expect(apply.detection).toHaveBeenCalledWith({ ...defaultDetectionSettings, defaultRegion: 'FR' });
    expect(apply.account).toHaveBeenCalledWith({ ...stored, displayName: 'Old name' });
  });

  it('asks for the password of an account that is not stored here, and saves nothing of it', async () => {
    const file = buildSettingsFile(defaultDetectionSettings, [toView({ ...stored, username: 'bob' })]);
    const apply = appliers();
    const result = await importSettings(file, lookup, apply);
    expect(result).toMatchObject({ ok: true, account: 'needs-password', input: { username: 'bob' }, warnings: [expect.stringContaining('ICE/TURN')] });
    expect(apply.account).not.toHaveBeenCalled();
    expect(apply.detection).toHaveBeenCalled();
  });

  it('applies nothing when any field is wrong, and says which', async () => {
    const file = buildSettingsFile(defaultDetectionSettings, [toView({ ...stored, server: 'http://evil.example', dialPlan: { ...defaultDialPlan, outsideLine: 'x' } })]);
    const apply = appliers();
    const result = await importSettings(file, lookup, apply);
    expect(result.ok).toBe(false);
    if (!result.ok && 'problems' in result) {
      expect(result.problems).toContainEqual(expect.stringMatching(/^Account 1, Server \(WebSocket URL\): /));
      expect(result.problems).toContainEqual(expect.stringMatching(/^Account 1, Outside-line prefix: /));
    }
    expect(apply.detection).not.toHaveBeenCalled();
    expect(apply.account).not.toHaveBeenCalled();
  });
});

describe('a shared file must not move the account', () => {
  it.each([
    ['another server', { server: 'wss://evil.example/ws' }],
    ['another authentication user', { authUsername: 'admin' }],
  ])('one that points the stored account at %s keeps no password: the form asks for it', async (_, change) => {
    const file = buildSettingsFile(defaultDetectionSettings, [toView({ ...stored, ...change })]);
    const apply = appliers();
    const result = await importSettings(file, lookup, apply);
    expect(result).toMatchObject({ ok: true, account: 'needs-password', moved: true, input: change });
    expect(apply.account).not.toHaveBeenCalled();
  });

  it('turning on auto-answer or changing the ICE servers needs a confirmation, and is said', async () => {
    const file = buildSettingsFile(defaultDetectionSettings, [toView({ ...stored, autoAnswer: 'intercom', iceServers: [{ urls: 'turn:relay.evil.example' }] })]);
    const apply = appliers();
    const asked = await importSettings(file, lookup, apply);
    expect(asked).toEqual({
      ok: false,
      confirm: [
        'Account 1: turns on auto-answer for intercom calls.',
        'Account 1: sets the ICE/TURN servers, through which calls’ audio goes, to: turn:relay.evil.example.',
      ],
    });
    expect(apply.detection).not.toHaveBeenCalled();
    expect(apply.account).not.toHaveBeenCalled();
    const done = await importSettings(file, lookup, apply, true);
    expect(done).toMatchObject({ ok: true, account: 'saved', warnings: expect.arrayContaining([expect.stringContaining('auto-answer')]) });
    expect(apply.account).toHaveBeenCalledWith(expect.objectContaining({ autoAnswer: 'intercom', password: 'alice-secret' }));
  });
});

describe('the phone system of an imported account', () => {
  it('is SIP for a file of an older Offhook, which had no kind', async () => {
    const file = JSON.parse(buildSettingsFile(defaultDetectionSettings, [toView(stored)]));
    delete file.accounts[0].kind;
    const apply = appliers();
    expect(await importSettings(JSON.stringify(file), lookup, apply)).toMatchObject({ ok: true, account: 'saved' });
    expect(apply.account).toHaveBeenCalledWith(expect.objectContaining({ kind: 'sip' }));
  });

  it('is refused, named, when this Offhook has no provider for it', async () => {
    const file = JSON.parse(buildSettingsFile(defaultDetectionSettings, [toView(stored)]));
    file.accounts[0].kind = 'teams';
    const result = await importSettings(JSON.stringify(file), lookup, appliers());
    expect(result).toEqual({ ok: false, problems: ['Account 1, Phone system: Offhook has no phone system called "teams".'] });
  });
});

describe('importing where the organization sets fields by policy', () => {
  const policy = { account: { server: 'wss://pbx.example.com/ws', domain: 'pbx.example.com' }, detection: { defaultRegion: 'US' } };

  it('keeps the organization’s value of a locked field, and says so', async () => {
    const file = buildSettingsFile({ ...defaultDetectionSettings, defaultRegion: 'FR' }, [toView({ ...stored, server: 'wss://elsewhere.example.net/ws', domain: 'pbx.example.com' })]);
    const apply = appliers();
    const result = await importSettings(file, lookup, apply, false, { policy, accountsStored: 1 });
    expect(result).toMatchObject({ ok: true, account: 'saved' });
    expect(apply.account).toHaveBeenCalledWith(expect.objectContaining({ server: 'wss://pbx.example.com/ws', password: 'alice-secret' }));
    const warnings = (result as { warnings?: string[] }).warnings ?? [];
    expect(warnings).toEqual([expect.stringMatching(/Account 1: .*organization/), expect.stringMatching(/organization/)]);
  });

  it('refuses an account not stored here when the organization allows no other accounts, and applies nothing', async () => {
    const file = buildSettingsFile(defaultDetectionSettings, [toView({ ...stored, username: 'mallory' })]);
    const apply = appliers();
    const result = await importSettings(file, lookup, apply, false, { policy: { ...policy, allowOtherAccounts: false }, accountsStored: 1 });
    expect(result).toEqual({ ok: false, problems: [expect.stringContaining('mallory@pbx.example.com')] });
    expect(apply.detection).not.toHaveBeenCalled();
    // The account already stored is fine.
    const own = buildSettingsFile(defaultDetectionSettings, [toView(stored)]);
    expect(await importSettings(own, lookup, appliers(), false, { policy: { ...policy, allowOtherAccounts: false }, accountsStored: 1 })).toMatchObject({ ok: true });
  });
});
