import { startCoordinator } from '../src/coordinator/main';
import { backgroundPageSoftphone } from '../src/platform/background-page-softphone';
import { chromeOffscreen } from '../src/platform/offscreen';
import { startSoftphone } from '../src/softphone/main';

export default defineBackground({
  type: 'module',
  // Firefox keeps the page loaded while a call or registration needs it (see DEVELOPERS.md).
  main() {
    // The one softphone runs in Chromium's offscreen document, in Firefox's background page.
    startCoordinator(import.meta.env.FIREFOX ? backgroundPageSoftphone(() => startSoftphone(document)) : chromeOffscreen());
  },
});
