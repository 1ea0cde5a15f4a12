// Ad-hoc A/B of the popup's first render and first interactive frame (not part of `npm run
// bench`): in each round both builds get a registered world (Kamailio, Chromium), open at the
// same time, and take turns load by load (A B, then B A, ...), so both see the same moment's
// machine load; the two warm-up loads of each round are not counted. Besides the medians it
// counts the turns in which B was faster than A: on a loaded machine the medians of two runs
// wander by more than a few milliseconds, the count within a turn much less.
// Measured as `npm run bench` measures it (lib/popup-timing.ts), at the address the toolbar
// button opens the popup at: in a tab, or with --toolbar as the toolbar's popup.
// As root: unshare -n -- bash -c 'ip link set lo up && npx tsx bench/popup-ab.ts <extDirA> <extDirB> [rounds] [loads] [--toolbar]'
import { loadavg } from 'node:os';
import { World } from '../test/e2e/support/world';
import { timePopupOpen, timeToolbarPopup } from './lib/popup-timing';
import { median, quantile } from './lib/stats';

// --toolbar: the popup as the toolbar button opens it (lib/popup-timing.ts), not in a tab.
const toolbar = process.argv.includes('--toolbar');
const [dirA, dirB, roundsArg, loadsArg] = process.argv.slice(2).filter((a) => a !== '--toolbar');
const dirs = [dirA!, dirB!];
const rounds = Number(roundsArg ?? 3);
const loads = Number(loadsArg ?? 8);
const names = ['A', 'B'];
const results = dirs.map(() => ({ render: [] as number[], ready: [] as number[] }));
let bFaster = 0;
let turns = 0;
const load: number[] = [];

for (let r = 0; r < rounds; r++) {
  const worlds: World[] = [];
  try {
    for (const dir of dirs) worlds.push(await World.startRegistered(dir, 'alice'));
    for (let i = 0; i < loads + 2; i++) {
      const ready: number[] = [];
      for (const k of (i + r) % 2 ? [1, 0] : [0, 1]) {
        let t: { firstRenderMs?: number; interactiveMs?: number };
        if (toolbar) {
          // The toolbar popup has no observer: its first render is its first interactive one.
          const m = await timeToolbarPopup(worlds[k]!);
          t = { firstRenderMs: m.interactiveMs, interactiveMs: m.interactiveMs };
        } else {
          const popup = await worlds[k]!.context.newPage();
          t = await timePopupOpen(popup, await worlds[k]!.toolbarPopupUrl());
          await popup.close();
        }
        ready[k] = t.interactiveMs ?? NaN;
        if (i >= 2) {
          results[k]!.render.push(t.firstRenderMs ?? NaN);
          results[k]!.ready.push(t.interactiveMs ?? NaN);
        }
      }
      if (i >= 2) {
        turns++;
        if (ready[1]! < ready[0]!) bFaster++;
      }
    }
    load.push(loadavg()[0]!);
  } finally {
    for (const world of worlds) await world.close();
  }
}

const ms = (x: number | undefined) => (x ?? NaN).toFixed(1);
for (const [k, res] of results.entries()) {
  console.log(`${names[k]} ${dirs[k]}: first render ${ms(median(res.render))} ms, first interactive ${ms(median(res.ready))} ms (median of ${res.ready.length}; p25–p75 ${ms(quantile(res.ready, 0.25))}–${ms(quantile(res.ready, 0.75))}; range ${ms(Math.min(...res.ready))}–${ms(Math.max(...res.ready))})`);
}
console.log(`B faster than A in ${bFaster} of ${turns} turns; load average (1 min) after each round: ${load.map((x) => x.toFixed(1)).join(', ')}`);
