// What `wxt/browser` resolves to in the content engine's build only (wxt.config.ts,
// `vite:build:extendConfig`): the browser's own namespace, with no webextension-polyfill.
//
// The engine calls three things through it: runtime.id and runtime.sendMessage (the call
// and describe requests, shared/messaging/endpoint.ts) and i18n (the call card's text). In
// every Chromium with Manifest V3, `chrome.runtime.sendMessage` returns a promise, so the
// polyfill, which the pages and the service worker keep for their promise-returning message
// listeners before Chrome 148, adds nothing here but about 2 KB gzip to every page that
// loads the engine. Chosen when the bundle is built, as the loader does
// (content/extension-api.ts): a page's element with `id="browser"` shows up as
// `window.browser` in Chromium's isolated world and must never be taken for the API.
const g = globalThis as unknown as { browser?: unknown; chrome?: unknown };

export const browser = (import.meta.env.FIREFOX ? g.browser : g.chrome) as typeof import('@wxt-dev/browser').browser;
