import { startLoader, type StartEngine } from '../src/content/loader';
import { ENGINE_FILE, ENGINE_GLOBAL } from '../src/content/engine-handoff';
import { extensionApi, type ExtensionApi } from '../src/content/extension-api';
import { scriptLifetime } from '../src/content/script-lifetime';
import { nextTask } from '../src/content/scan/time-slicer';

// The browser's own namespace, named as such: Firefox has `chrome` in content scripts too.
// (Not `browser`: WXT would auto-import wxt/browser, the polyfill, for that name.)
declare const chrome: ExtensionApi;

// The content script of every frame, declared in wxt.config.ts (`content_scripts`) and built
// as a plain script: WXT's content-script wrapper would bring webextension-polyfill and its
// context object into every frame of every page, and the loader needs neither.
export default defineUnlistedScript(() => {
  const signal = scriptLifetime(extensionApi);
  // The engine (entrypoints/content-engine.ts) is a web-accessible file, imported into this
  // content script's isolated world only when the frame may hold a number. The loader starts
  // in a task of its own, so the script's evaluation (one task the page waits for) stays short.
  void nextTask().then(() => {
    if (signal.aborted) return;
    startLoader(signal, async () => {
      // Written out: Mozilla's add-on linter accepts a dynamic import only of
      // chrome.runtime.getURL(…) or browser.runtime.getURL(…) as such.
      await import(/* @vite-ignore */ chrome.runtime.getURL(`/${ENGINE_FILE}`));
      const start = (globalThis as Record<symbol, StartEngine | undefined>)[ENGINE_GLOBAL];
      if (!start) throw new Error('the detection engine did not register');
      return start;
    });
  });
});
