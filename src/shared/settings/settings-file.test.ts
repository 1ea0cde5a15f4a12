import { describe, expect, it } from 'vitest';
import type { AccountView } from '../account/account';
import { defaultDetectionSettings, type DetectionSettings } from './detection-settings';
import { buildSettingsFile, readSettingsFile } from './settings-file';

const detection: DetectionSettings = { ...defaultDetectionSettings, defaultRegion: 'DE', disabledSites: ['a.example'] };
const view: AccountView = {
  kind: 'sip',
  oauthClientId: '',
  server: 'wss://pbx.example.com/ws',
  username: 'alice',
  authUsername: '',
  domain: 'pbx.example.com',
  displayName: 'Alice',
  iceServers: [{ urls: 'turn:turn.example.com', username: 'turnuser', hasCredential: true }],
  dtmfMethod: 'info',
  autoAnswer: 'off',
  transferRequests: 'decline',
  dialPlan: { international: 'prefix', internationalPrefix: '00', homeCountry: 'DE', outsideLine: '0' },
  expires: 120,
  secret: 'password',
};

describe('the settings file', () => {
  it('carries detection and accounts but no secret, TURN credentials included', () => {
    const text = buildSettingsFile(detection, [view], new Date(0));
    expect(text).not.toMatch(/turnsecret|turnuser|"secret"|password|ha1/);
    const file = JSON.parse(text);
    expect(file).toMatchObject({ offhook: 'settings', version: 1, detection, accounts: [{ username: 'alice', iceServers: [{ urls: 'turn:turn.example.com' }] }] });
  });

  it('reads back what it wrote, accounts as the form would send them', () => {
    const read = readSettingsFile(buildSettingsFile(detection, [view]));
    expect(read).toEqual({
      ok: true,
      detection,
      accounts: [
        {
          server: 'wss://pbx.example.com/ws', username: 'alice', authUsername: '', domain: 'pbx.example.com', displayName: 'Alice',
          kind: 'sip', iceServers: 'turn:turn.example.com', dtmfMethod: 'info', autoAnswer: 'off', transferRequests: 'decline', expires: '120',
          dialInternational: 'prefix', dialInternationalPrefix: '00', dialHomeCountry: 'DE', dialOutsideLine: '0',
          oauthClientId: '',
        },
      ],
    });
  });

  it('gives missing detection settings (an older export) their defaults', () => {
    const read = readSettingsFile(JSON.stringify({ offhook: 'settings', version: 1, detection: { defaultRegion: 'FR' }, accounts: [] }));
    expect(read).toEqual({ ok: true, detection: { ...defaultDetectionSettings, defaultRegion: 'FR' }, accounts: [] });
  });

  it.each([
    ['not json', '{', /not JSON/],
    ['another file', '{"name":"x"}', /not an Offhook settings file/],
    ['a newer version', '{"offhook":"settings","version":7}', /newer Offhook/],
  ])('refuses %s with one clear sentence', (_, text, message) => {
    const read = readSettingsFile(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems).toEqual([expect.stringMatching(message)]);
  });

  it('reports every problem in a hostile file, each with where it is', () => {
    const read = readSettingsFile(
      JSON.stringify({
        offhook: 'settings',
        version: 1,
        detection: { enabled: 'yes', defaultRegion: '<img>', __proto__x: 1 },
        accounts: [{ server: 'wss://x', username: 'a', domain: 'b', password: 'stolen', iceServers: [{ urls: 'turn:x', credential: 'c' }], evil: '1' }, 'x'],
        extra: true,
      }),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual(
      expect.arrayContaining([
        'Unknown setting "extra".',
        expect.stringMatching(/^Detection, enabled: /),
        expect.stringMatching(/^Detection, defaultRegion: /),
        'Detection: unknown setting "__proto__x".',
        expect.stringMatching(/^Account 1: a settings file never carries passwords/),
        expect.stringMatching(/^Account 1, iceServers: /),
        'Account 1: unknown field "evil".',
        'Account 2: not an object.',
      ]),
    );
  });

  it('refuses a huge file unread', () => {
    expect(readSettingsFile(' '.repeat(300 * 1024)).ok).toBe(false);
  });
});
