// Ad-hoc (not part of `npm run bench`): what a page pays, per frame in which its DOM changed,
// for the ranges a highlight holds. Chrome rebuilds every highlight marker after any DOM change
// (HighlightRegistry::ValidateHighlightMarkers), so on a page with many marks each such frame
// costs more. Bare Chrome, no extension: the directory page with a highlight of N ranges, then
// five appended paragraphs, each in its own frame; the frames' phases are traced.
// Measured (2026-11-23): PrePaint 10 ms per append with no ranges, 12–16 with 500, 19–27 with
// 2,000 (5–8 µs a range), Paint +2–3 ms.
// npx tsx bench/highlight-upkeep.ts   (run `npm run bench` once first: it writes the pages)
import path from 'node:path';
import { launchChromium } from '../test/harness/browser';
import { startStaticServer } from '../test/harness/static-server';
import { phaseMs, startTrace } from './lib/trace';
import { HIGHLIGHT_CSS } from '../src/content/overlay/highlight-style';

const counts = [0, 500, 2000];
const appends = 5;
const b = await launchChromium({});
const srv = await startStaticServer({ '/p/': path.join(import.meta.dirname, '.cache/pages') });
try {
  for (let round = 0; round < 2; round++) {
    for (const n of counts) {
      const p = await b.context.newPage();
      await p.goto(`${srv.origin}/p/directory-1mb.html`, { waitUntil: 'load' });
      await p.addStyleTag({ content: HIGHLIGHT_CSS.replace(/::highlight\([^)]*\)/, '::highlight(probe)') });
      // A string, not a function: tsx's helpers do not exist in the page.
      await p.evaluate(`(() => {
        const h = new Highlight();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let k = 0;
        for (let t = walker.nextNode(); t && k < ${n}; t = walker.nextNode()) {
          if (!/\\d{3}/.test(t.data)) continue;
          const r = new Range();
          r.setStart(t, 0);
          r.setEnd(t, Math.min(5, t.length));
          h.add(r);
          k++;
        }
        CSS.highlights.set('probe', h);
      })()`);
      await p.waitForTimeout(1000);
      const trace = await startTrace(b.context, p);
      for (let i = 0; i < appends; i++) {
        await p.evaluate(`document.body.append(Object.assign(document.createElement('p'), { textContent: 'row ${i}' }))`);
        await p.waitForTimeout(150);
      }
      const events = await trace.stop();
      const per = (name: string) => phaseMs(events, name) / appends;
      console.log(`round ${round} ${String(n).padStart(5)} ranges: per appended paragraph PrePaint ${per('PrePaint').toFixed(1)} ms, Paint ${per('Paint').toFixed(1)} ms, style ${per('UpdateLayoutTree').toFixed(1)} ms, layout ${per('Layout').toFixed(1)} ms`);
      await p.close();
    }
  }
} finally {
  await srv.stop();
  await b.context.close();
}
