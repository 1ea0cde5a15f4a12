/**
 * Chromium's offscreen and getContexts APIs, which webextension-polyfill does not cover.
 * Kept behind this one module so tests and the Firefox host (a later issue) can replace it.
 */
export interface OffscreenPlatform {
  /** The id of our offscreen document at `url` if one exists right now (asked of the browser),
   * else null. A document made anew has a new id. */
  documentId(url: string): Promise<string | null>;
  createDocument(url: string, justification: string): Promise<void>;
}

interface ChromeLike {
  runtime: {
    getURL(path: string): string;
    getContexts(filter: { contextTypes: string[]; documentUrls?: string[] }): Promise<{ documentId?: string; contextId: string }[]>;
  };
  offscreen: {
    createDocument(params: { url: string; reasons: string[]; justification: string }): Promise<void>;
  };
}

export function chromeOffscreen(): OffscreenPlatform {
  const chrome = (globalThis as unknown as { chrome: ChromeLike }).chrome;
  return {
    async documentId(url) {
      const [context] = await chrome.runtime.getContexts({
        contextTypes: ['OFFSCREEN_DOCUMENT'],
        documentUrls: [chrome.runtime.getURL(url)],
      });
      return context ? (context.documentId ?? context.contextId) : null;
    },
    async createDocument(url, justification) {
      // WEB_RTC and USER_MEDIA keep the document alive for as long as it is needed;
      // AUDIO_PLAYBACK would let Chromium close it after 30 s of silence.
      await chrome.offscreen.createDocument({ url, reasons: ['WEB_RTC', 'USER_MEDIA'], justification });
    },
  };
}
