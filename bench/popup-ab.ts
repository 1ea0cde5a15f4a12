// Ad-hoc A/B of the popup's first render and first interactive frame (not part of `npm run
// bench`): builds A and B, each in a registered world (Kamailio, Chromium), taking turns round
// by round so both see the same machine; medians of every load after two warm-ups per round.
// Measured as `npm run bench` measures it (lib/popup-timing.ts), at the address the toolbar
// button opens the popup at.
// As root: unshare -n -- bash -c 'ip link set lo up && npx tsx bench/popup-ab.ts <extDirA> <extDirB> [rounds] [loads]'
import { World } from '../test/e2e/support/world';
import { timePopupOpen } from './lib/popup-timing';
import { median } from './lib/stats';

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
        const t = await timePopupOpen(popup, await world.toolbarPopupUrl());
        if (i >= 2) {
          results[k]!.render.push(t.firstRenderMs ?? NaN);
          results[k]!.ready.push(t.interactiveMs ?? NaN);
        }
        await popup.close();
      }
    } finally {
      await world.close();
    }
  }
}

for (const [k, res] of results.entries()) {
  console.log(`${names[k]} ${[dirA, dirB][k]}: first render ${(median(res.render) ?? NaN).toFixed(1)} ms, first interactive ${(median(res.ready) ?? NaN).toFixed(1)} ms (median of ${res.ready.length}; range ${Math.min(...res.ready).toFixed(1)}–${Math.max(...res.ready).toFixed(1)})`);
}
