/** The contexts of Offhook, as told apart from a message's sender. */
export type ContextKind = 'background' | 'offscreen' | 'popup' | 'options' | 'content';

/** The subset of runtime.MessageSender (Chrome and Firefox) that we rely on. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface SelfIdentity {
  /** runtime.id */
  id: string;
  /** runtime.getURL('/'), e.g. chrome-extension://abc/ */
  origin: string;
}

const pagePaths: Record<string, ContextKind> = {
  '/background.js': 'background',
  // Firefox's MV3 background is an event page that Firefox generates around background.js.
  '/_generated_background_page.html': 'background',
  '/offscreen.html': 'offscreen',
  '/popup.html': 'popup',
  '/options.html': 'options',
};

/**
 * Which of our contexts sent a message, or null for anything else (another extension, a
 * page of ours we do not know, a malformed sender). The extension id is checked first:
 * nothing from outside Offhook is ever classified.
 */
export function classifySender(sender: SenderLike, self: SelfIdentity): ContextKind | null {
  if (sender.id !== self.id || !sender.url) return null;
  if (sender.url.startsWith(self.origin)) {
    const path = new URL(sender.url).pathname;
    return pagePaths[path] ?? null;
  }
  // Not an extension page: only a content script in a tab sends from a web URL.
  if (sender.tab && typeof sender.tab.id === 'number' && typeof sender.frameId === 'number') return 'content';
  return null;
}
