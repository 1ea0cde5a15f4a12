import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  defaultDetectionSettings,
  detectionSettings,
  isActiveOn,
  readDetectionSettings,
  validateDetectionSettings,
  type DetectionSettings,
} from './detection-settings';

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
