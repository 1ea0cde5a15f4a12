import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultDetectionSettings, detectionSettings, type DetectionSettings } from '../shared/settings/detection-settings';
import { SiteSwitch } from './site-switch';

const off: DetectionSettings = { ...defaultDetectionSettings, disabledSites: ['shop.example'] };

describe('SiteSwitch (the loader reading the switches without the storage library)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // The loader uses the browser's own namespace (chrome.* in a Chromium build), not wxt/browser.
    vi.stubGlobal('chrome', fakeBrowser);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('reads what the settings item wrote, under the same key', async () => {
    await detectionSettings.setValue(off);
    const site = new SiteSwitch(() => undefined, new AbortController().signal);
    await expect(site.ready).resolves.toEqual(off);
    expect(site.current).toEqual(off);
  });

  it('uses the defaults when nothing is stored or the stored value is unreadable', async () => {
    expect(await new SiteSwitch(() => undefined, new AbortController().signal).ready).toEqual(defaultDetectionSettings);
    await fakeBrowser.storage.local.set({ detection: { enabled: 'yes' } });
    expect(await new SiteSwitch(() => undefined, new AbortController().signal).ready).toEqual(defaultDetectionSettings);
  });

  it('follows changes until its signal aborts', async () => {
    const changed = vi.fn();
    const stop = new AbortController();
    const site = new SiteSwitch(changed, stop.signal);
    await site.ready;
    await detectionSettings.setValue(off);
    expect(changed).toHaveBeenLastCalledWith(off);
    expect(site.current).toEqual(off);
    stop.abort();
    await detectionSettings.setValue(defaultDetectionSettings);
    expect(changed).toHaveBeenCalledTimes(1);
  });
});
