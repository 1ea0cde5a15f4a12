// Ad-hoc A/B of the popup's first render and first interactive frame (not part of `npm run
// bench`): builds A and B, each in a registered world (Kamailio, Chromium), taking turns round
// by round so both see the same machine; medians of every load after two warm-ups per round.
// Measured as `npm run bench` measures it: a MutationObserver from an init script notes when
// `.status` first appears and when it first shows a state other than "loading".
// As root: unshare -n -- bash -c 'ip link set lo up && npx tsx bench/popup-ab.ts <extDirA> <extDirB> [rounds] [loads]'
import { World } from '../test/e2e/support/world';

const [dirA, dirB, roundsArg, loadsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const loads = Number(loadsArg ?? 8);
const names = ['A', 'B'];
const results = [
  { render: [] as number[], ready: [] as number[] },
  { render: [] as number[], ready: [] as number[] },
];

for (let r = 0; r < rounds; r++) {
  for (const [k, dir] of [dirA!, dirB!].entries()) {
    const world = await World.startRegistered(dir, 'alice');
    try {
      for (let i = 0; i < loads + 2; i++) {
        const popup = await world.context.newPage();
        await popup.addInitScript(() => {
          const w = window as unknown as { __render?: number; __ready?: number };
          new MutationObserver(() => {
            const s = document.querySelector('.status');
            if (s && w.__render === undefined) w.__render = performance.now();
            const state = s?.getAttribute('data-state');
            if (state && state !== 'loading' && w.__ready === undefined) w.__ready = performance.now();
          }).observe(document, { childList: true, subtree: true, attributes: true });
        });
        await popup.goto(world.url('popup.html'));
        await popup.locator('.status[data-state="registered"]').waitFor();
        const t = (await popup.evaluate(() => {
          const w = window as unknown as { __render?: number; __ready?: number };
          return { render: w.__render ?? NaN, ready: w.__ready ?? NaN };
        })) as { render: number; ready: number };
        if (i >= 2) {
          results[k]!.render.push(t.render);
          results[k]!.ready.push(t.ready);
        }
        await popup.close();
      }
    } finally {
      await world.close();
    }
  }
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
for (const [k, res] of results.entries()) {
  console.log(`${names[k]} ${[dirA, dirB][k]}: first render ${median(res.render).toFixed(1)} ms, first interactive ${median(res.ready).toFixed(1)} ms (median of ${res.ready.length}; range ${Math.min(...res.ready).toFixed(1)}–${Math.max(...res.ready).toFixed(1)})`);
}
