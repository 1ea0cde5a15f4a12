/**
 * The few extension APIs the content script's loader uses, taken straight from the browser.
 * The loader runs in every frame of every page, so it carries no webextension-polyfill (about
 * 9 KB to compile and run there): Chromium's `chrome.*` returns promises in MV3 where the
 * loader needs them (storage.local.get), and Firefox's `browser.*` is the same API. The
 * detection engine, loaded only where a number may be, uses `wxt/browser`, which its build
 * resolves to this namespace (src/content/engine-namespace.ts).
 */

/** What a message's sender carries (Chromium and Firefox alike); see shared/messaging/sender.ts. */
export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export interface Port {
  readonly name: string;
  readonly sender?: MessageSender;
  postMessage(message: unknown): void;
}

export interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}

interface ExtensionEvent<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

/** A listener that answers later returns true and calls `respond` once (both browsers). */
export type MessageListener = (message: unknown, sender: MessageSender, respond: (response?: unknown) => void) => true | undefined;

export interface ExtensionApi {
  runtime: {
    /** Gone once this script is orphaned (the extension was updated, reloaded or removed). */
    readonly id?: string;
    getURL(path: string): string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: ExtensionEvent<MessageListener>;
    onConnect: ExtensionEvent<(port: Port) => void>;
  };
  i18n: { getUILanguage(): string };
  storage: {
    local: { get(keys: string | string[]): Promise<Record<string, unknown>> };
    onChanged: ExtensionEvent<(changes: Record<string, StorageChange>, area: string) => void>;
  };
}

/**
 * The browser's own namespace: `browser` in Firefox, `chrome` in Chromium, chosen when the
 * bundle is built. Not detected at run time: a page's element with `id="browser"` shows up as
 * `window.browser` in Chromium's isolated world too, and must never be taken for the API.
 * Read on each call, because after an update Chromium takes `chrome.runtime` away.
 */
export function extensionApi(): ExtensionApi {
  const g = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
  return (import.meta.env.FIREFOX ? g.browser : g.chrome) as ExtensionApi;
}
