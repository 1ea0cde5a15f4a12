// Ad-hoc (not part of `npm run bench`): what one change to the CSS highlight registry costs
// Chrome on a large page, without Offhook. After load, a page script registers a highlight on
// N ranges (or, with --registered, adds them to a highlight registered before); the next
// frames' PrePaint and Paint are traced, for Offhook's rule (a background) and for a dotted
// underline (Offhook's rule until session 7). On the 200k-node page the cost is the same for
// 1 range as for 800: Chrome repaints the whole document for any change. The underline adds
// 20–40 ms of PrePaint to it (a decoration may paint outside the text's box, so Chrome
// recomputes the page's visual overflow); the background adds about 2 ms.
// npx tsx bench/highlight-repaint.ts [page] [--registered]   (run `npm run bench` once first:
// it writes the synthetic pages into bench/.cache/pages)
import path from 'node:path';
import { launchChromium } from '../test/harness/browser';
import { startStaticServer } from '../test/harness/static-server';
import { phaseMs, startTrace } from './lib/trace';
import { HIGHLIGHT_CSS } from '../src/content/overlay/highlight-style';

const registered = process.argv.includes('--registered');
const page = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'text-200k.html';
const counts = [1, 10, 100, 800];
const rounds = 2;
const styles = {
  offhook: HIGHLIGHT_CSS.replace(/::highlight\([^)]*\)/, '::highlight(probe)'),
  underline: '::highlight(probe) { text-decoration: underline dotted 1.5px; text-decoration-color: #1a7f37; text-underline-offset: 2px }',
};

const b = await launchChromium({});
const srv = await startStaticServer({ '/p/': path.join(import.meta.dirname, '.cache/pages') });
try {
  for (let round = 0; round < rounds; round++) {
    for (const [style, css] of Object.entries(styles)) for (const n of counts) {
      const p = await b.context.newPage();
      await p.goto(`${srv.origin}/p/${page}`, { waitUntil: 'load' });
      await p.addStyleTag({ content: css });
      if (registered) await p.evaluate(`CSS.highlights.set('probe', (window.__h = new Highlight()))`);
      await p.waitForTimeout(1500);
      const trace = await startTrace(b.context, p);
      // A string, not a function: tsx's helpers do not exist in the page.
      await p.evaluate(`(() => {
        const h = window.__h ?? new Highlight();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        let k = 0;
        for (let t = walker.nextNode(); t && k < ${n}; t = walker.nextNode()) {
          const m = /\\d[\\d ]{3,}\\d/.exec(t.data);
          if (!m) continue;
          const r = new Range();
          r.setStart(t, m.index);
          r.setEnd(t, m.index + m[0].length);
          h.add(r);
          k++;
        }
        if (!window.__h) CSS.highlights.set('probe', h);
      })()`);
      await p.waitForTimeout(700);
      const events = await trace.stop();
      const sum = (name: string) => phaseMs(events, name);
      console.log(`round ${round} ${style.padEnd(9)} ${String(n).padStart(4)} ranges${registered ? ' (added to a registered highlight)' : ''}: PrePaint ${sum('PrePaint').toFixed(1)} ms, Paint ${sum('Paint').toFixed(1)} ms, style ${sum('UpdateLayoutTree').toFixed(1)} ms, layout ${sum('Layout').toFixed(1)} ms`);
      await p.close();
    }
  }
} finally {
  await srv.stop();
  await b.context.close();
}
