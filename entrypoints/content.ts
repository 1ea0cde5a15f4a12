import { browser } from 'wxt/browser';
import { startLoader, type StartEngine } from '../src/content/loader';
import { ENGINE_FILE, ENGINE_GLOBAL } from '../src/content/engine-handoff';
import { nextTask } from '../src/content/scan/time-slicer';

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
    // The engine (entrypoints/content-engine.ts) is a web-accessible file, imported into this
    // content script's isolated world only when the frame may hold a number. The loader starts
    // in a task of its own, so the script's evaluation (one task the page waits for) stays short.
    void nextTask().then(() => {
      if (ctx.signal.aborted) return;
      startLoader(ctx.signal, async () => {
        await import(/* @vite-ignore */ browser.runtime.getURL(`/${ENGINE_FILE}`));
        const start = (globalThis as Record<symbol, StartEngine | undefined>)[ENGINE_GLOBAL];
        if (!start) throw new Error('the detection engine did not register');
        return start;
      });
    });
    // After an update or reload this script is orphaned: runtime.id is gone and nothing it
    // sends arrives. ctx notices on its next tick and aborts the signal, which removes the
    // marks, the card and every listener, quietly.
    ctx.setInterval(() => undefined, ORPHAN_CHECK_MS);
  },
});
