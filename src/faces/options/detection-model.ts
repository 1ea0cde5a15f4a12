import { signal } from '@preact/signals';
import { t } from '../../shared/i18n/t';
import type { EffectiveDetection as DetectionSettings } from '../../shared/settings/detection-settings';

export interface DetectionClient {
  load(): Promise<DetectionSettings>;
  save(next: DetectionSettings): Promise<void>;
}

/**
 * The options page's detection section: default country, call-link handling, the global
 * switch and the sites where Offhook is off. A change is saved at once and open pages
 * follow it without a reload; an invalid country is explained and not saved.
 */
export function createDetectionModel(client: DetectionClient) {
  const settings = signal<DetectionSettings | null>(null);
  const regionInput = signal('');
  const regionError = signal<string | null>(null);
  const message = signal<string | null>(null);

  async function save(next: DetectionSettings) {
    try {
      await client.save(next);
      settings.value = next;
      message.value = t('optionsSaved');
    } catch (e) {
      message.value = t('optionsNotSaved', (e as Error).message);
    }
  }

  return {
    settings,
    regionInput,
    regionError,
    message,
    async load() {
      try {
        settings.value = await client.load();
        regionInput.value = settings.value.defaultRegion;
      } catch (e) {
        message.value = t('optionsDetectionUnreadable', (e as Error).message);
      }
    },
    async setRegion(text: string) {
      regionInput.value = text;
      const region = text.trim().toUpperCase();
      if (region && !/^[A-Z]{2}$/.test(region)) {
        regionError.value = t('optionsRegionInvalid');
        return;
      }
      regionError.value = null;
      if (settings.value) await save({ ...settings.value, defaultRegion: region });
    },
    setCallLinks: (on: boolean) => (settings.value ? save({ ...settings.value, handleCallLinks: on }) : Promise.resolve()),
    setEnabled: (on: boolean) => (settings.value ? save({ ...settings.value, enabled: on }) : Promise.resolve()),
    enableSite: (host: string) =>
      settings.value
        ? save({ ...settings.value, disabledSites: settings.value.disabledSites.filter((h) => h !== host) })
        : Promise.resolve(),
  };
}

export type DetectionModel = ReturnType<typeof createDetectionModel>;
