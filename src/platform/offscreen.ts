/**
 * Chromium's offscreen and getContexts APIs, which webextension-polyfill does not cover.
 * Kept behind this one module so tests and the Firefox host (a later issue) can replace it.
 */
export interface OffscreenPlatform {
  /** True when an offscreen document of ours exists right now (asked of the browser). */
  hasDocument(url: string): Promise<boolean>;
  createDocument(url: string, justification: string): Promise<void>;
}

interface ChromeLike {
  runtime: {
    getURL(path: string): string;
    getContexts(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<unknown[]>;
  };
  offscreen: {
    createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>;
  };
}

export function chromeOffscreen(): OffscreenPlatform {
  const chrome = (globalThis as unknown as { chrome: ChromeLike }).chrome;
  return {
    async hasDocument(url) {
      const contexts = await chrome.runtime.getContexts({
        contextTypes: ['OFFSCREEN_DOCUMENT'],
        documentUrls: [chrome.runtime.getURL(url)],
      });
      return contexts.length > 0;
    },
    async createDocument(url, justification) {
      // WEB_RTC and USER_MEDIA keep the document alive for as long as it is needed;
      // AUDIO_PLAYBACK would let Chromium close it after 30 s of silence.
      await chrome.offscreen.createDocument({ url, reasons: ['WEB_RTC', 'USER_MEDIA'], justification });
    },
  };
}
