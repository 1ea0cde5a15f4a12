import { describe, expect, it } from 'vitest';
import { defaultDetectionSettings, type DetectionSettings } from '../../shared/settings/detection-settings';
import { createDetectionModel } from './detection-model';

function fake(initial: DetectionSettings = { ...defaultDetectionSettings, disabledSites: ['a.example', 'b.example'] }) {
  const saved: DetectionSettings[] = [];
  let fail = false;
  const model = createDetectionModel({
    load: async () => initial,
    save: async (next) => {
      if (fail) throw new Error('storage is full');
      saved.push(next);
    },
  });
  return { model, saved, failNext: () => (fail = true) };
}

describe('detection settings in the options page', () => {
  it('saves a two-letter default country in capitals', async () => {
    const { model, saved } = fake();
    await model.load();
    await model.setRegion(' de ');
    expect(saved.at(-1)?.defaultRegion).toBe('DE');
    expect(model.regionError.value).toBeNull();
  });

  it('explains a bad country and saves nothing', async () => {
    const { model, saved } = fake();
    await model.load();
    await model.setRegion('Germany');
    expect(model.regionError.value).toBe('Use the two-letter country code, e.g. US, DE or GB.');
    expect(saved).toEqual([]);
  });

  it('an empty country means "follow the browser"', async () => {
    const { model, saved } = fake({ ...defaultDetectionSettings, defaultRegion: 'FR' });
    await model.load();
    await model.setRegion('');
    expect(saved.at(-1)?.defaultRegion).toBe('');
  });

  it('turns a site back on and keeps the others off', async () => {
    const { model, saved } = fake();
    await model.load();
    await model.enableSite('a.example');
    expect(saved.at(-1)?.disabledSites).toEqual(['b.example']);
  });

  it('switches call-link handling and the global switch', async () => {
    const { model, saved } = fake();
    await model.load();
    await model.setCallLinks(false);
    await model.setEnabled(false);
    expect(saved.at(-1)).toMatchObject({ handleCallLinks: false, enabled: false });
  });

  it('keeps the previous settings when saving fails, and says so', async () => {
    const { model, failNext } = fake();
    await model.load();
    failNext();
    await model.setEnabled(false);
    expect(model.settings.value?.enabled).toBe(true);
    expect(model.message.value).toBe('Not saved: storage is full');
  });
});
