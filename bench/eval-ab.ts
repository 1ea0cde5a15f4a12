// Ad-hoc A/B of the content script's evaluation (not part of `npm run bench`): two builds,
// each in its own Chromium, the same small page loaded alternately N times, every load traced.
// npx tsx bench/eval-ab.ts <extDirA> <extDirB> [loads]
import { createServer } from 'node:http';
import { launchChromium, extensionId } from '../test/harness/browser';
import { contentCost, startTrace } from './lib/trace';

const [dirA, dirB, loadsArg] = process.argv.slice(2);
const loads = Number(loadsArg ?? 15);
const page = `<!doctype html><html lang="en"><body><h1>Contact</h1><p>Opening hours 9 to 5, closed on 24.12.2026.</p>${'<p>Some text without any number in it at all, just words.</p>'.repeat(50)}</body></html>`;
const server = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;

const open = async (dir: string) => {
  const b = await launchChromium({ extensionDir: dir });
  return { b, id: await extensionId(b.context) };
};
const sides = [await open(dirA!), await open(dirB!)];
const results: number[][] = [[], []];
for (let i = 0; i < loads; i++) {
  for (const [k, side] of sides.entries()) {
    const tab = await side.b.context.newPage();
    const tracer = await startTrace(side.b.context, tab);
    await tab.goto(url, { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 400));
    const cost = contentCost(await tracer.stop(), side.id);
    if (cost.evaluationMs !== undefined) results[k]!.push(cost.evaluationMs);
    await tab.close();
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [k, dir] of [dirA, dirB].entries())
  console.log(`${dir}: evaluation median ${median(results[k]!)?.toFixed(2)} ms over ${results[k]!.length} (${results[k]!.map((x) => x.toFixed(1)).join(' ')})`);
for (const s of sides) await s.b.close();
server.close();
