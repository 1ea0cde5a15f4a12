import { describe, expect, it } from 'vitest';
import type { PageNumber, PageReport } from '../../shared/messaging/page-report';
import { defaultDetectionSettings, type DetectionSettings } from '../../shared/settings/detection-settings';
import type { PageClient } from './page-client';
import { createPageModel } from './page-model';

function number(tel: string): PageNumber {
  return { tel, text: tel.slice(4), formatted: tel.slice(4), kind: 'fixed-line' };
}

function report(hostname: string, top: boolean, ...tels: string[]): PageReport {
  return { top, hostname, url: `https://${hostname}/`, numbers: tels.map(number) };
}

/** Stands in for the tab and storage: answers from its fields, records what was saved. */
function fakeClient(options: { reports?: PageReport[]; settings?: DetectionSettings } = {}) {
  const state = {
    reports: options.reports ?? [report('shop.example', true, 'tel:+12127363100')],
    reportsFail: false,
    settings: options.settings ?? defaultDetectionSettings,
    saveFails: false,
    saved: [] as DetectionSettings[],
    asks: 0,
  };
  const client: PageClient = {
    async activeTabReports() {
      state.asks++;
      if (state.reportsFail) throw new Error('Could not establish connection. Receiving end does not exist.');
      return state.reports;
    },
    async settings() {
      return state.settings;
    },
    async saveSettings(next) {
      if (state.saveFails) throw new Error('quota exceeded');
      state.saved.push(next);
      state.settings = next;
    },
  };
  return { client, state };
}

async function loaded(options?: Parameters<typeof fakeClient>[0]) {
  const fake = fakeClient(options);
  const model = createPageModel(fake.client);
  await model.load();
  return { model, ...fake };
}

describe('the page model', () => {
  it('shows nothing before it has loaded', () => {
    const model = createPageModel(fakeClient().client);
    expect(model.numbers.value).toEqual([]);
    expect(model.hostname.value).toBe('');
    expect(model.onThisSite.value).toBe(false);
  });

  it('lists the numbers of every frame, the top frame first', async () => {
    const { model } = await loaded({
      reports: [
        report('ads.example', false, 'tel:+441', 'tel:+442'),
        report('shop.example', true, 'tel:+11', 'tel:+12'),
        report('map.example', false, 'tel:+491'),
      ],
    });
    expect(model.numbers.value.map((n) => n.tel)).toEqual(['tel:+11', 'tel:+12', 'tel:+441', 'tel:+442', 'tel:+491']);
  });

  it("takes the site from the top frame's report", async () => {
    const { model } = await loaded({ reports: [report('ads.example', false), report('shop.example', true)] });
    expect(model.hostname.value).toBe('shop.example');
  });

  it('has no site when only subframes reported', async () => {
    const { model } = await loaded({ reports: [report('ads.example', false, 'tel:+441')] });
    expect(model.hostname.value).toBe('');
    expect(model.numbers.value.map((n) => n.tel)).toEqual(['tel:+441']);
  });

  it('shows the switches from the settings', async () => {
    const { model } = await loaded({ settings: { ...defaultDetectionSettings, enabled: false, disabledSites: ['shop.example'] } });
    expect(model.everywhere.value).toBe(false);
    expect(model.onThisSite.value).toBe(false);

    const other = await loaded({ settings: { ...defaultDetectionSettings, disabledSites: ['elsewhere.example'] } });
    expect(other.model.everywhere.value).toBe(true);
    expect(other.model.onThisSite.value).toBe(true);
  });

  it('turning the site off adds it to the list once', async () => {
    const { model, state } = await loaded({ settings: { ...defaultDetectionSettings, disabledSites: ['a.example'] } });
    await model.setSite(false);
    expect(state.saved.at(-1)?.disabledSites).toEqual(['a.example', 'shop.example']);
    expect(model.onThisSite.value).toBe(false);
    await model.setSite(false);
    expect(state.saved.at(-1)?.disabledSites).toEqual(['a.example', 'shop.example']);
  });

  it('turning the site on removes it from the list and keeps the others', async () => {
    const { model, state } = await loaded({
      settings: { ...defaultDetectionSettings, disabledSites: ['a.example', 'shop.example', 'b.example'] },
    });
    expect(model.onThisSite.value).toBe(false);
    await model.setSite(true);
    expect(state.saved).toEqual([{ ...defaultDetectionSettings, disabledSites: ['a.example', 'b.example'] }]);
    expect(model.onThisSite.value).toBe(true);
  });

  it('does not touch the settings for a page without a site', async () => {
    const { model, state } = await loaded({ reports: [] });
    await model.setSite(false);
    expect(state.saved).toEqual([]);
  });

  it('switches every site off and on, keeping the rest of the settings', async () => {
    const settings = { ...defaultDetectionSettings, disabledSites: ['a.example'], defaultRegion: 'DE' };
    const { model, state } = await loaded({ settings });
    await model.setEverywhere(false);
    expect(state.saved.at(-1)).toEqual({ ...settings, enabled: false });
    expect(model.everywhere.value).toBe(false);
    await model.setEverywhere(true);
    expect(state.saved.at(-1)).toEqual({ ...settings, enabled: true });
    expect(model.everywhere.value).toBe(true);
  });

  it('shows the new switch state while the save is still under way', async () => {
    const { model } = await loaded();
    const saving = model.setEverywhere(false);
    expect(model.everywhere.value).toBe(false);
    await saving;
    expect(model.everywhere.value).toBe(false);
  });

  it('reads the page again after a change, so its numbers follow the switch', async () => {
    const { model, state } = await loaded();
    expect(model.numbers.value).toHaveLength(1);
    state.reports = [report('shop.example', true)];
    await model.setSite(false);
    expect(model.numbers.value).toEqual([]);
  });

  it('shows an error when saving fails and keeps the previous settings', async () => {
    const { model, state } = await loaded();
    const before = model.settings.value;
    state.saveFails = true;
    await model.setSite(false);
    expect(model.error.value).toBe('Could not save: quota exceeded');
    expect(model.settings.value).toBe(before);
    expect(model.onThisSite.value).toBe(true);
    await model.setEverywhere(false);
    expect(model.everywhere.value).toBe(true);
  });

  it('clears the error once a later save succeeds', async () => {
    const { model, state } = await loaded();
    state.saveFails = true;
    await model.setEverywhere(false);
    expect(model.error.value).not.toBeNull();
    state.saveFails = false;
    await model.setEverywhere(false);
    expect(model.error.value).toBeNull();
    expect(model.everywhere.value).toBe(false);
  });

  it('shows no numbers, and no error, for a page Offhook cannot run on', async () => {
    const fake = fakeClient();
    fake.state.reportsFail = true;
    const model = createPageModel(fake.client);
    await model.load();
    expect(fake.state.asks).toBe(1);
    expect(model.reports.value).toEqual([]);
    expect(model.numbers.value).toEqual([]);
    expect(model.error.value).toBeNull();
    expect(model.everywhere.value).toBe(true);
  });
});

describe('the organization’s site rules in the popup', () => {
  it('says why a denied site has no marks, and the site switch shows it, locked', async () => {
    const { client } = fakeClient({ settings: { ...defaultDetectionSettings, policy: { denySites: ['shop.example'] } } as DetectionSettings });
    const model = createPageModel(client);
    await model.load();
    expect(model.rule.value).toBe('denied');
    expect(model.organizationReason.value).toMatch(/organization/);
    expect(model.organizationDecides.value).toEqual({ site: true, everywhere: false });
  });

  it('a site outside the organization’s allow list is told too; one inside it is on and locked', async () => {
    const outside = createPageModel(fakeClient({ settings: { ...defaultDetectionSettings, policy: { allowSites: ['*.crm.example'] } } as DetectionSettings }).client);
    await outside.load();
    expect(outside.rule.value).toBe('not-allowed');
    expect(outside.organizationReason.value).toMatch(/organization/);
    const inside = createPageModel(fakeClient({ settings: { ...defaultDetectionSettings, disabledSites: ['shop.example'], policy: { allowSites: ['shop.example'] } } as DetectionSettings }).client);
    await inside.load();
    expect(inside.rule.value).toBe('on');
    expect(inside.organizationReason.value).toBeNull();
    expect(inside.organizationDecides.value.site).toBe(true);
  });

  it('without a policy nothing is said and the switches are the user’s', async () => {
    const model = createPageModel(fakeClient().client);
    await model.load();
    expect(model.organizationReason.value).toBeNull();
    expect(model.organizationDecides.value).toEqual({ site: false, everywhere: false });
  });
});
