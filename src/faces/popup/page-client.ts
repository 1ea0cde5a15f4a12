import { browser } from 'wxt/browser';
import { PAGE_PORT, type PageReport } from '../../shared/messaging/page-report';
import { readPageReport } from '../../shared/messaging/page-channel';
import {
  readDetectionSettings,
  saveDetectionSettings,
  type EffectiveDetection,
} from '../../shared/settings/detection-settings';

/** How the popup reads the active tab's numbers and the detection switches; faked in tests. */
export interface PageClient {
  /** One report per frame of the active tab that runs Offhook's content script. */
  activeTabReports(): Promise<PageReport[]>;
  settings(): Promise<EffectiveDetection>;
  saveSettings(next: EffectiveDetection): Promise<void>;
}

const COLLECT_MS = 400;

/**
 * `tabId` names the tab when the dialer is opened in a tab of its own (popup.html?tab=N),
 * where "the active tab" would be the dialer itself.
 */
export function pageClient(tabId?: number): PageClient {
  return {
    async activeTabReports() {
      const id = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id === undefined) return [];
      const tab = { id };
      // tabs.connect without a frameId reaches the content script of every frame.
      const port = browser.tabs.connect(tab.id, { name: PAGE_PORT });
      const reports: PageReport[] = [];
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          port.disconnect();
          resolve(reports);
        };
        const timer = setTimeout(done, COLLECT_MS);
        port.onMessage.addListener((message: unknown) => {
          const report = readPageReport(message);
          if (report) reports.push(report);
        });
        port.onDisconnect.addListener(() => {
          clearTimeout(timer);
          resolve(reports);
        });
      });
    },
    settings: () => readDetectionSettings(),
    saveSettings: (next) => saveDetectionSettings(next),
  };
}
