import { startCoordinator } from '../src/coordinator/main';
import { backgroundPageSoftphone } from '../src/platform/background-page-softphone';
import { keepEventPageAlive } from '../src/platform/event-page-keep-alive';
import { chromeOffscreen } from '../src/platform/offscreen';
import { startSoftphone } from '../src/providers/sip/softphone/main';
import { serveWebexPhone } from '../src/providers/webex/softphone/serve';
import { serveGenesysPhone } from '../src/providers/genesys/softphone/serve';

export default defineBackground({
  type: 'module',
  main() {
    // The one softphone runs in Chromium's offscreen document, in Firefox's background
    // page, kept loaded while it has an account or a call (see event-page-keep-alive.ts).
    startCoordinator(
      import.meta.env.FIREFOX
        ? backgroundPageSoftphone(() => {
            const phone = startSoftphone(document);
            const webexPhone = serveWebexPhone(document);
            const genesysPhone = serveGenesysPhone(document);
            keepEventPageAlive(() => phone.configured || phone.snapshot().calls.length > 0 || webexPhone.configured || genesysPhone.configured);
          })
        : chromeOffscreen(),
    );
  },
});
