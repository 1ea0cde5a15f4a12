import { browser } from 'wxt/browser';
import { PAGE_PORT, type PageReport } from '../../shared/messaging/page-report';
import {
  detectionSettings,
  readDetectionSettings,
  type DetectionSettings,
} from '../../shared/settings/detection-settings';

/** How the popup reads the active tab's numbers and the detection switches; faked in tests. */
export interface PageClient {
  /** One report per frame of the active tab that runs Offhook's content script. */
  activeTabReports(): Promise<PageReport[]>;
  settings(): Promise<DetectionSettings>;
  saveSettings(next: DetectionSettings): Promise<void>;
}

const COLLECT_MS = 400;

export function pageClient(): PageClient {
  return {
    async activeTabReports() {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return [];
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
        port.onMessage.addListener((message: unknown) => reports.push(message as PageReport));
        port.onDisconnect.addListener(() => {
          clearTimeout(timer);
          resolve(reports);
        });
      });
    },
    settings: () => readDetectionSettings(),
    saveSettings: (next) => detectionSettings.setValue(next),
  };
}
