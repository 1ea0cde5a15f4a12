import { extensionApi } from './extension-api';

// What `wxt/browser` resolves to in the content engine's build only (wxt.config.ts,
// `vite:build:extendConfig`): the browser's own namespace, as the loader takes it
// (extension-api.ts), with no webextension-polyfill.
//
// The engine calls three things through it: runtime.id and runtime.sendMessage (the call
// and describe requests, shared/messaging/endpoint.ts) and i18n (the call card's text). In
// every Chromium with Manifest V3, `chrome.runtime.sendMessage` returns a promise, so the
// polyfill, which the pages and the service worker keep for their promise-returning message
// listeners before Chrome 148, adds nothing here but about 2 KB gzip to every page that
// loads the engine.
export const browser = extensionApi() as unknown as typeof import('@wxt-dev/browser').browser;
