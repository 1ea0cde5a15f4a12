// Detection on pages: the built extension vs the same pages in a browser without it, the
// floor (one bare TreeWalker pass) and the peer (ringcentral-c2d) on the same pages.
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import type { World } from '../test/e2e/support/world';
import { FLOOR_WALK, PAGE_PROBE, peerStart, READ_PEER, READ_PROBE, type PeerState, type ProbeState } from './lib/page-probe';
import { sleep } from './lib/stats';
import { contentCost, longTasksAfterStart, startTrace, type ContentCost, type LongTask } from './lib/trace';

/** The console.timeStamp that ends the detection's window in a traced run. */
const SETTLED = 'offhook-bench:settled';

/** `empty`: a browser with an extension whose content script does nothing (lib/empty-extension.ts). */
export type Mode = 'bare' | 'offhook' | 'peer' | 'empty';

export interface LoadRun {
  page: string;
  mode: Mode;
  /** CDP Performance.getMetrics deltas over the load and settle, ms. */
  taskMs: number;
  scriptMs: number;
  layoutMs: number;
  heapUsedMB: number;
  /** Long tasks (> 50 ms) the page saw, all of them. */
  longtasks: { start: number; dur: number }[];
  /** Longest long task overlapping the detector's window (offhook: first highlight … last change; peer: injection … done). */
  longestInWindowMs: number;
  loadEndMs: number;
  numbers?: number;
  /** offhook: last number highlighted, ms after the load event ended. */
  foundAfterLoadMs?: number;
  /** offhook: first number highlighted, ms after the load event ended. */
  firstAfterLoadMs?: number;
  /** The floor, measured in the bare browser after the settle. */
  floor?: { ms: number; nodes: number; chars: number };
  peer?: { matchMs: number; longestMatchMs: number; error: string | null };
  trace?: ContentCost;
  /** Traced runs: every task over 50 ms from the content script's start to `tailMs` after the settle. */
  tail?: LongTask[];
  error?: string;
}

export interface AppendRun {
  mode: Mode;
  round: number;
  taskMs: number;
  scriptMs: number;
  /** offhook: the 100 new numbers all highlighted, ms after the rows were appended. */
  foundMs?: number;
  added?: number;
  /** How long the round was measured: APPEND_WINDOW_MS, or longer when the work went on. */
  windowMs: number;
}

type Metrics = Record<string, number>;

async function metrics(cdp: import('playwright-core').CDPSession): Promise<Metrics> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

function delta(a: Metrics, b: Metrics, name: string): number {
  const before = a[name] ?? 0;
  const after = b[name] ?? 0;
  // A cross-process navigation restarts the counters: then the second reading is the whole.
  return (after >= before ? after - before : after) * 1000;
}

export interface Browsers {
  world: World;
  bare: BrowserContext;
  /** The browser with the empty content script, when the run measures it. */
  empty?: BrowserContext;
  peerBundle: string | undefined;
  peerError: string | undefined;
}

export async function loadPeerBundle(): Promise<{ bundle?: string; error?: string }> {
  try {
    const { createRequire } = await import('node:module');
    const file = createRequire(import.meta.url).resolve('ringcentral-c2d/build/index.js');
    return { bundle: await readFile(file, 'utf8') };
  } catch (error) {
    return { error: `ringcentral-c2d's browser bundle (build/index.js) not found: ${String(error)}; run npm ci` };
  }
}

function contextOf(b: Browsers, mode: Mode): BrowserContext {
  if (mode === 'offhook') return b.world.context;
  if (mode === 'empty') {
    if (!b.empty) throw new Error('no browser with the empty content script');
    return b.empty;
  }
  return b.bare;
}

/** Reads the page probe every 50 ms until `done` says so (or 20 s pass); the last reading. */
async function pollProbe(page: Page, done: (s: ProbeState) => boolean): Promise<ProbeState> {
  const deadline = Date.now() + 20_000;
  let s = (await page.evaluate(READ_PROBE)) as ProbeState;
  while (!done(s) && Date.now() < deadline) {
    await sleep(50);
    s = (await page.evaluate(READ_PROBE)) as ProbeState;
  }
  return s;
}

/** Opens `url` in a fresh tab in the browser of `mode`, lets the detector finish, measures. */
export async function measureLoad(
  b: Browsers,
  name: string,
  url: string,
  mode: Mode,
  opts: { trace?: boolean; tailMs?: number; floor?: boolean; settleMs?: number; keepOpen?: boolean } = {},
): Promise<LoadRun & { tab?: Page }> {
  const context = contextOf(b, mode);
  const page = await context.newPage();
  const run: LoadRun = { page: name, mode, taskMs: 0, scriptMs: 0, layoutMs: 0, heapUsedMB: 0, longtasks: [], longestInWindowMs: 0, loadEndMs: 0 };
  try {
    await page.bringToFront();
    await page.addInitScript(PAGE_PROBE);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const tracer = opts.trace ? await startTrace(context, page) : undefined;
    const m0 = await metrics(cdp);
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    const settle = opts.settleMs ?? 500;
    let windowStart = 0;
    let windowEnd = 0;
    if (mode === 'offhook') {
      // Quiet: the highlight registered and unchanged for `settle` ms, then the content
      // script's own answer (it waits for the scans under way) to be sure.
      let s = await pollProbe(page, (s) => {
        const last = s.lastChangeAt ?? s.injectAt;
        // Nothing marked yet: most pages have no number, and then the content script never loads
        // its engine. Stop when bare does; numbersOn() below still waits for any work under way.
        return last !== null ? s.now - last > settle : s.now - s.loadEnd > settle + 200;
      });
      const found = await b.world.numbersOn(page).catch((e: unknown) => {
        run.error = `numbersOn: ${String(e)}`;
        return undefined;
      });
      s = (await page.evaluate(READ_PROBE)) as ProbeState;
      run.numbers = found?.length ?? s.size;
      if (s.lastChangeAt !== null) run.foundAfterLoadMs = s.lastChangeAt - s.loadEnd;
      if (s.firstAt !== null) run.firstAfterLoadMs = s.firstAt - s.loadEnd;
      windowStart = s.injectAt ?? s.loadEnd;
      windowEnd = (s.lastChangeAt ?? s.injectAt ?? s.now) + 50;
    } else if (mode === 'peer') {
      if (!b.peerBundle) throw new Error(b.peerError ?? 'no peer bundle');
      const err = (await page.evaluate(peerStart(b.peerBundle))) as string | null;
      if (err) throw new Error(`ringcentral-c2d did not start: ${err}`);
      const deadline = Date.now() + 30_000;
      let p = (await page.evaluate(READ_PEER)) as PeerState;
      while (Date.now() < deadline) {
        const quietFor = p.now - (p.lastMatchEnd ?? p.startedAt);
        if (!p.busy && p.calls > 0 && quietFor > settle) break;
        await sleep(50);
        p = (await page.evaluate(READ_PEER)) as PeerState;
      }
      run.numbers = p.found;
      run.peer = { matchMs: p.matchMs, longestMatchMs: p.longestMatchMs, error: p.error };
      const s = (await page.evaluate(READ_PROBE)) as ProbeState;
      if (p.lastMatchEnd !== null) run.foundAfterLoadMs = p.lastMatchEnd - s.loadEnd;
      windowStart = p.startedAt - 1; // the bundle's own evaluation ends here; counted below
      windowEnd = (p.lastMatchEnd ?? p.now) + 50;
    } else {
      // The same wait as a page with no number gets in Offhook's browser, polling the same
      // probe: each poll is a task in the page (about 13 ms in all on a real page), which must
      // count in every mode or it reads as Offhook's.
      await pollProbe(page, (s) => s.now - s.loadEnd > settle + 200);
      await page.evaluate(READ_PROBE); // as Offhook's mode reads it once more after its answer
    }
    const m1 = await metrics(cdp);
    if (tracer) {
      // Past the detection: a garbage collection of what it left, or a late frame, comes later.
      // The detection's slices are counted up to this mark only.
      await page.evaluate(`console.timeStamp(${JSON.stringify(SETTLED)})`);
      if (opts.tailMs) await sleep(opts.tailMs);
      const events = await tracer.stop();
      run.trace = contentCost(events, b.world.extensionId, SETTLED);
      run.tail = longTasksAfterStart(events, b.world.extensionId);
    }
    const s = (await page.evaluate(READ_PROBE)) as ProbeState;
    run.loadEndMs = s.loadEnd;
    run.longtasks = s.longtasks;
    run.taskMs = delta(m0, m1, 'TaskDuration');
    run.scriptMs = delta(m0, m1, 'ScriptDuration');
    run.layoutMs = delta(m0, m1, 'LayoutDuration') + delta(m0, m1, 'RecalcStyleDuration');
    run.heapUsedMB = (m1.JSHeapUsedSize ?? 0) / 2 ** 20;
    if (mode === 'peer') {
      // The bundle's evaluation is one task that ends when window.__peer is set.
      run.longestInWindowMs = Math.max(0, ...s.longtasks.filter((t) => t.start + t.dur >= windowStart - 5000 && t.start >= s.loadEnd - 1 && t.start <= windowEnd).map((t) => t.dur));
    } else if (mode === 'offhook') {
      run.longestInWindowMs = Math.max(0, ...s.longtasks.filter((t) => t.start + t.dur >= windowStart && t.start <= windowEnd).map((t) => t.dur));
    } else {
      run.longestInWindowMs = Math.max(0, ...s.longtasks.filter((t) => t.start >= s.loadEnd - 1).map((t) => t.dur));
    }
    if (opts.floor) run.floor = (await page.evaluate(FLOOR_WALK)) as LoadRun['floor'];
    await cdp.detach().catch(() => undefined);
  } catch (error) {
    run.error = String(error instanceof Error ? error.message : error).split('\n')[0];
  }
  if (opts.keepOpen && !run.error) return { ...run, tab: page };
  await page.close().catch(() => undefined);
  return run;
}

/** The window each round of 100 rows is measured over, in every mode: past Offhook's
 * FLUSH_MS (400 ms, when waiting marks reach the highlight at the latest) and the peer's
 * pass (about 1,030 ms after the rows: c2d waits before it looks), each followed by the
 * 250 ms of quiet that says it is done. */
export const APPEND_WINDOW_MS = 1500;
const APPEND_POLL_MS = 25;

/**
 * The append page: settle, then 100 rows at a time, `rounds` times, each measured.
 * Every mode is measured over the same window, read once at its end: each read is a task in
 * the page (about 1 ms of CPU), and so is each tick of the probe's interval, so a mode that
 * polled longer would be charged for the bench's own work. Until 2026-12-08 bare slept
 * 400 ms without a read while Offhook's mode read every 25 ms until 250 ms after its last
 * mark. The time is the main thread's CPU time (thread ticks), as in bench/append-ab.ts.
 */
export async function measureAppends(b: Browsers, url: string, mode: Mode, rounds: number): Promise<AppendRun[]> {
  const first = await measureLoad(b, 'append-rows', url, mode, { keepOpen: true, settleMs: 300 });
  const page = first.tab;
  if (!page) throw new Error(`append page did not load (${mode}): ${first.error}`);
  const context = contextOf(b, mode);
  const cdp = await context.newCDPSession(page);
  // Thread ticks: the main thread's CPU time. A round is 1.5 s of small tasks (the polls,
  // the probe's interval, the rows, Offhook's work), and in wall time each one also counts
  // its waits for a core on a busy machine.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const out: AppendRun[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      await sleep(300);
      const before = (await page.evaluate(READ_PROBE)) as ProbeState;
      const peerBefore = mode === 'peer' ? ((await page.evaluate(READ_PEER)) as PeerState) : undefined;
      const m0 = await metrics(cdp);
      const appendedAt = (await page.evaluate(() => {
        const t = performance.now();
        (window as unknown as { __appendRows(n: number): void }).__appendRows(100);
        return t;
      })) as number;
      let foundMs: number | undefined;
      let added: number | undefined;
      /** Offhook's or the peer's work for this round is over (bare: nothing to wait for). */
      let done = mode === 'bare';
      let last = appendedAt;
      // No poll inside the window (each costs the page about 1 ms of CPU, in every mode);
      // the probe in the page stamps its own times. Then one read, more only if not done.
      await sleep(APPEND_WINDOW_MS);
      const deadline = Date.now() + 10_000;
      for (;;) {
        if (mode === 'peer') {
          const p = (await page.evaluate(READ_PEER)) as PeerState;
          last = p.now;
          if (!p.busy && p.calls > (peerBefore?.calls ?? 0) && p.now - (p.lastMatchEnd ?? 0) > 250) {
            added = p.found - (peerBefore?.found ?? 0);
            if (p.lastMatchEnd !== null) foundMs = p.lastMatchEnd - appendedAt;
            done = true;
          }
        } else {
          const s = (await page.evaluate(READ_PROBE)) as ProbeState;
          last = s.now;
          if (mode === 'offhook') {
            added = s.size - before.size;
            if (s.size >= before.size + 100 && s.lastChangeAt !== null && s.now - s.lastChangeAt > 250) {
              foundMs = s.lastChangeAt - appendedAt;
              done = true;
            }
          }
        }
        if (done || Date.now() > deadline) break;
        await sleep(APPEND_POLL_MS);
      }
      const m1 = await metrics(cdp);
      out.push({ mode, round, taskMs: delta(m0, m1, 'TaskDuration'), scriptMs: delta(m0, m1, 'ScriptDuration'), foundMs, added, windowMs: last - appendedAt });
    }
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close().catch(() => undefined);
  }
  return out;
}
