// Ad-hoc A/B of 100 appended rows (not part of `npm run bench`): a Chromium without the
// extension and one per build, the bench's append page in each, rounds interleaved browser by
// browser. TaskDuration is read in thread ticks (CPU time of the page's main thread), which
// holds far better than wall time on a shared machine. Run `npm run bench` once first (it
// writes the page). npx tsx bench/append-ab.ts <extDir>... <rounds>
import { createServer } from 'node:http';
import type { CDPSession, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchChromium, extensionId } from '../test/harness/browser';
const dirs = process.argv.slice(2, -1);
const rounds = Number(process.argv.at(-1));
const html = readFileSync(new URL('./.cache/pages/append-rows.html', import.meta.url), 'utf8');
const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
const sides: { dir: string; b: Awaited<ReturnType<typeof launchChromium>>; page?: Page; cdp?: CDPSession; task: number[]; count: number }[] = [];
for (const dir of ['bare', ...dirs]) {
  const b = await launchChromium(dir === 'bare' ? {} : { extensionDir: dir });
  if (dir !== 'bare') await extensionId(b.context);
  sides.push({ dir, b, task: [], count: 0 });
}
const metric = async (cdp: CDPSession, name: string) => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
const PER_PAGE = 5;
for (let i = 0; i < rounds; i++) {
  for (const s of sides) {
    if (s.count % PER_PAGE === 0) {
      await s.page?.close();
      s.page = await s.b.context.newPage();
      await s.page.goto(url, { waitUntil: 'load' });
      await new Promise((r) => setTimeout(r, 1200));
      s.cdp = await s.b.context.newCDPSession(s.page);
      await s.cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    }
    s.count++;
    await new Promise((r) => setTimeout(r, 200));
    const m0 = await metric(s.cdp!, 'TaskDuration');
    await s.page!.evaluate('window.__appendRows(100)');
    await new Promise((r) => setTimeout(r, 500));
    s.task.push((await metric(s.cdp!, 'TaskDuration')) - m0);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bare = median(sides[0]!.task);
for (const s of sides) console.log(`${s.dir}: median ${median(s.task).toFixed(1)} ms, added ${(median(s.task) - bare).toFixed(1)} ms; per round-in-page [${s.task.map((x) => x.toFixed(0)).join(' ')}]`);
for (const s of sides) await s.b.close();
server.close();
