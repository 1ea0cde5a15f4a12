import { startContent } from '../src/content/main';

/** How often an orphaned script (the extension was updated or reloaded) looks for it. */
const ORPHAN_CHECK_MS = 1000;

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  matchAboutBlank: true,
  // about:blank, srcdoc and data: frames take their opener's origin: numbers there count too.
  matchOriginAsFallback: true,
  runAt: 'document_idle',
  main(ctx) {
    startContent(ctx.signal);
    // After an update or reload this script is orphaned: runtime.id is gone and nothing it
    // sends arrives. ctx notices on its next tick and aborts the signal, which removes the
    // marks, the card and every listener, quietly.
    ctx.setInterval(() => undefined, ORPHAN_CHECK_MS);
  },
});
