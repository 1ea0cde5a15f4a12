// First, so the read of the last state starts before the rest of the script is evaluated.
import { earlySnapshot } from '../src/faces/popup/early-snapshot';
import { browser } from 'wxt/browser';
import { startPopup } from '../src/faces/popup/start-popup';
import { FORMATTER_FILE, FORMATTER_GLOBAL, type DialFormatterFactory } from '../src/faces/popup/handoff';

// The popup's code in one classic script (popup.html loads it with `defer`): a module graph
// of several chunks costs a fetch each before anything runs, and on this machine that was
// most of the popup's time to its first interactive frame.
export default defineUnlistedScript(() => {
  startPopup(document.getElementById('app')!, earlySnapshot, async () => {
    // Written out: Mozilla's add-on linter accepts a dynamic import of runtime.getURL(…) as such.
    await import(/* @vite-ignore */ browser.runtime.getURL(`/${FORMATTER_FILE}`));
    const factory = (globalThis as { [FORMATTER_GLOBAL]?: DialFormatterFactory })[FORMATTER_GLOBAL];
    if (!factory) throw new Error('the dial formatter did not register');
    return factory(navigator.language);
  });
});
