// What `wxt/browser` resolves to in every build (see wxt.config.ts): the browser's own
// promise-based `browser` namespace where there is one (Firefox; Chromium since it has the
// alias), and webextension-polyfill wrapping `chrome` only where there is not.
//
// Why not import the polyfill always: it is a CommonJS module, and the bundler's interop
// copies every property of its export, which is the native `browser` object when one exists.
// Reading each property's descriptor makes Chromium build the bindings of every API the
// extension may use (windows, contextMenus, notifications, ...): milliseconds on the popup's
// critical path for nothing. Required lazily, the polyfill costs nothing where it is not needed.
import { chooseNamespace } from './choose-namespace';

declare const require: (id: string) => unknown;

export const browser = chooseNamespace(
  (globalThis as { browser?: unknown }).browser,
  () => require('webextension-polyfill'),
) as typeof import('@wxt-dev/browser').browser;
