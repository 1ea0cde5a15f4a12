import { computed, signal } from '@preact/signals';
import type { PageNumber, PageReport } from '../../shared/messaging/page-report';
import { siteRule, type EffectiveDetection as DetectionSettings } from '../../shared/settings/detection-settings';
import { t } from '../../shared/i18n/t';
import type { PageClient } from './page-client';

/**
 * "On this page": the numbers found in the active tab (all frames, top frame first), and
 * the switches for this site and for every site. Changes apply to open pages at once.
 */
export function createPageModel(client: PageClient) {
  const reports = signal<PageReport[] | null>(null);
  const settings = signal<DetectionSettings | null>(null);
  const error = signal<string | null>(null);

  const hostname = computed(() => reports.value?.find((r) => r.top)?.hostname ?? '');
  const numbers = computed<PageNumber[]>(() => {
    const ordered = [...(reports.value ?? [])].sort((a, b) => Number(b.top) - Number(a.top));
    return ordered.flatMap((r) => r.numbers);
  });
  const onThisSite = computed(() => !!settings.value && !settings.value.disabledSites.includes(hostname.value));
  const everywhere = computed(() => settings.value?.enabled ?? true);
  /** Why numbers are (not) marked on this page: the organization's rules win over the switches. */
  const rule = computed(() => {
    const top = reports.value?.find((r) => r.top);
    return settings.value && top ? siteRule(settings.value, top.url || top.hostname) : 'on';
  });
  /** The organization decides here: the switches show its decision and cannot change it. */
  const organizationDecides = computed(() => {
    const policy = settings.value?.policy;
    return {
      site: rule.value === 'denied' || rule.value === 'not-allowed' || rule.value === 'organization-off' || (!!policy?.allowSites?.length && rule.value === 'on'),
      everywhere: policy?.enabled !== undefined,
    };
  });
  const organizationReason = computed(() =>
    rule.value === 'organization-off' ? t('popupOrgOff') : rule.value === 'denied' ? t('popupOrgDenied') : rule.value === 'not-allowed' ? t('popupOrgNotAllowed') : null,
  );

  async function save(change: (s: DetectionSettings) => DetectionSettings) {
    const previous = settings.value;
    if (!previous) return;
    const next = change(previous);
    // The switch follows the click at once. Applied only after the save, any re-render in
    // between (a page report arriving) put the checkbox back for a moment under the pointer.
    settings.value = next;
    try {
      await client.saveSettings(next);
      error.value = null;
      await refresh();
    } catch (e) {
      if (settings.value === next) settings.value = previous;
      error.value = t('popupSaveFailed', (e as Error).message);
    }
  }

  async function refresh() {
    try {
      reports.value = await client.activeTabReports();
    } catch {
      // Pages Offhook cannot run on (the browser's own pages, the store) simply have no numbers.
      reports.value = [];
    }
  }

  return {
    reports,
    settings,
    error,
    hostname,
    numbers,
    onThisSite,
    everywhere,
    rule,
    organizationDecides,
    organizationReason,
    async load() {
      settings.value = await client.settings();
      await refresh();
    },
    setSite(on: boolean) {
      const host = hostname.value;
      if (!host) return Promise.resolve();
      return save((s) => ({
        ...s,
        disabledSites: on ? s.disabledSites.filter((h) => h !== host) : [...new Set([...s.disabledSites, host])],
      }));
    },
    setEverywhere(on: boolean) {
      return save((s) => ({ ...s, enabled: on }));
    },
  };
}

export type PageModel = ReturnType<typeof createPageModel>;
