import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  defaultDetectionSettings,
  detectionSettings,
  detectionPolicy,
  isActiveOn,
  readDetectionSettings,
  saveDetectionSettings,
  siteRule,
  validateDetectionSettings,
  type DetectionSettings,
} from './detection-settings';
import { withDetectionPolicy } from './detection-values';

const valid: DetectionSettings = { enabled: false, disabledSites: ['a.example'], defaultRegion: 'DE', handleCallLinks: false };

describe('validateDetectionSettings', () => {
  it('accepts the defaults', () => {
    expect(validateDetectionSettings(defaultDetectionSettings)).toEqual(defaultDetectionSettings);
  });

  it('accepts every field set', () => {
    expect(validateDetectionSettings(valid)).toEqual(valid);
  });

  it('keeps only the known fields', () => {
    expect(validateDetectionSettings({ ...valid, extra: 1 })).toEqual(valid);
  });

  it.each([null, undefined, 'on', 1, true])('refuses %j as a whole', (value) => {
    expect(() => validateDetectionSettings(value)).toThrow('detection settings are not an object');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing switch', { enabled: undefined }, 'enabled is not true/false'],
    ['a switch as text', { enabled: 'true' }, 'enabled is not true/false'],
    ['sites as text', { disabledSites: 'a.example' }, 'disabledSites is not a list of host names'],
    ['sites missing', { disabledSites: undefined }, 'disabledSites is not a list of host names'],
    ['a site that is no text', { disabledSites: ['a.example', 42] }, 'disabledSites is not a list of host names'],
    ['a lower-case region', { defaultRegion: 'de' }, 'defaultRegion is not a two-letter region'],
    ['a three-letter region', { defaultRegion: 'DEU' }, 'defaultRegion is not a two-letter region'],
    ['a region with spaces', { defaultRegion: ' DE' }, 'defaultRegion is not a two-letter region'],
    ['a region as a number', { defaultRegion: 49 }, 'defaultRegion is not a two-letter region'],
    ['a missing link switch', { handleCallLinks: undefined }, 'handleCallLinks is not true/false'],
    ['a link switch as a number', { handleCallLinks: 1 }, 'handleCallLinks is not true/false'],
  ])('refuses %s', (_name, change, message) => {
    expect(() => validateDetectionSettings({ ...defaultDetectionSettings, ...change })).toThrow(message);
  });
});

describe('isActiveOn', () => {
  const on: DetectionSettings = { ...defaultDetectionSettings, disabledSites: ['blocked.example'] };

  it('is active on a site that is not listed', () => {
    expect(isActiveOn(on, 'other.example')).toBe(true);
  });

  it('is off everywhere when the global switch is off', () => {
    expect(isActiveOn({ ...on, enabled: false }, 'other.example')).toBe(false);
  });

  it('is off on a listed site', () => {
    expect(isActiveOn(on, 'blocked.example')).toBe(false);
  });

  it('matches the host name whatever its case', () => {
    expect(isActiveOn(on, 'Blocked.EXAMPLE')).toBe(false);
  });

  it('does not treat a subdomain or a longer name as listed', () => {
    expect(isActiveOn(on, 'www.blocked.example')).toBe(true);
    expect(isActiveOn(on, 'blocked.example.org')).toBe(true);
  });
});

describe('readDetectionSettings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('gives the defaults when nothing is stored', async () => {
    expect(await readDetectionSettings()).toEqual(defaultDetectionSettings);
  });

  it('gives what is stored', async () => {
    await detectionSettings.setValue(valid);
    expect(await readDetectionSettings()).toEqual(valid);
  });

  it('reports bad stored data and uses the defaults, leaving the stored value alone', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const bad = { ...valid, defaultRegion: 'Germany' };
    await fakeBrowser.storage.local.set({ detection: bad });
    expect(await readDetectionSettings()).toEqual(defaultDetectionSettings);
    expect(errors).toHaveBeenCalledOnce();
    expect(String(errors.mock.calls[0]![0])).toContain('defaultRegion is not a two-letter region');
    expect(await fakeBrowser.storage.local.get('detection')).toEqual({ detection: bad });
  });
});

describe('the organization’s rules over the user’s switches', () => {
  const mine: DetectionSettings = { ...defaultDetectionSettings, disabledSites: ['crm.example.com'] };
  const rule = (policy: Parameters<typeof withDetectionPolicy>[1], url: string, own = mine) => siteRule(withDetectionPolicy(own, policy), url);

  it('no policy: the user’s switches decide', () => {
    expect(rule({}, 'https://news.example.org/a')).toBe('on');
    expect(rule({}, 'https://crm.example.com/a')).toBe('site-off');
    expect(rule({}, 'https://news.example.org/a', { ...mine, enabled: false })).toBe('off');
  });

  it('a denied site is off whatever the user chose, and the deny list wins over the allow list', () => {
    expect(rule({ denySites: ['*.example.org'] }, 'https://news.example.org/a')).toBe('denied');
    expect(rule({ allowSites: ['*.example.org'], denySites: ['https://news.example.org/private/*'] }, 'https://news.example.org/private/x')).toBe('denied');
  });

  it('with an allow list, only listed sites are marked, and there the user’s switches do not turn it off', () => {
    const policy = { allowSites: ['*.example.com'] };
    expect(rule(policy, 'https://news.example.org/a')).toBe('not-allowed');
    expect(rule(policy, 'https://crm.example.com/a')).toBe('on');
    expect(rule(policy, 'https://crm.example.com/a', { ...mine, enabled: false })).toBe('on');
  });

  it('the organization’s off is off everywhere; its on overrides the user’s global switch but not a site the user turned off', () => {
    expect(rule({ enabled: false }, 'https://news.example.org/a')).toBe('organization-off');
    expect(rule({ enabled: true }, 'https://news.example.org/a', { ...mine, enabled: false })).toBe('on');
    expect(rule({ enabled: true }, 'https://crm.example.com/a')).toBe('site-off');
  });

  it('a bare host name still works (pages with no URL)', () => {
    expect(isActiveOn(withDetectionPolicy(mine, { denySites: ['crm.example.com'] }), 'crm.example.com')).toBe(false);
  });
});

describe('reading and saving with a policy', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads the settings as they apply: the organization’s country and switch over the user’s', async () => {
    await detectionSettings.setValue({ ...defaultDetectionSettings, defaultRegion: 'GB', enabled: false });
    await detectionPolicy.setValue({ enabled: true, defaultRegion: 'DE', denySites: ['example.com'] });
    const applied = await readDetectionSettings();
    expect(applied).toMatchObject({ enabled: true, defaultRegion: 'DE', policy: { denySites: ['example.com'] } });
  });

  it('saving keeps the user’s own value where the organization decides, so it is theirs again when the rule is lifted', async () => {
    await detectionSettings.setValue({ ...defaultDetectionSettings, defaultRegion: 'GB', enabled: false });
    await detectionPolicy.setValue({ enabled: true, defaultRegion: 'DE' });
    const shown = await readDetectionSettings();
    await saveDetectionSettings({ ...shown, disabledSites: ['a.example'] });
    expect(await detectionSettings.getValue()).toEqual({ enabled: false, disabledSites: ['a.example'], defaultRegion: 'GB', handleCallLinks: true });
    await detectionPolicy.removeValue();
    expect(await readDetectionSettings()).toEqual({ enabled: false, disabledSites: ['a.example'], defaultRegion: 'GB', handleCallLinks: true });
  });
});
