// `npm run bench`: Offhook measured against the floor and the peer, in one run.
// Options: --quick (fewer runs), --runs N (synthetic page runs), --real N (first N real
// pages; 0 skips them), --pages a,b (only these synthetic pages; append-rows for the append
// rounds), --skip detection,calls,bundle, --report-only (re-render the last
// result's runs). Prints a table, writes
// bench/results/latest.json. A report, not a test: timings never fail the run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/harness/browser';
import { World } from '../test/e2e/support/world';
import { bundleSizes, type EntrySize } from './bundle';
import { runCalls, type CallsResult } from './calls';
import { APPEND_WINDOW_MS, loadPeerBundle, measureAppends, measureLoad, type AppendRun, type Browsers, type LoadRun } from './detection';
import { writeSyntheticPages } from './lib/pages';
import { writeEmptyExtension } from './lib/empty-extension';
import { atMost, figure, notMeasured, ratioText, renderTable, type Figure } from './lib/report';
import { max, median } from './lib/stats';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('quick');
const runs = Number(option('runs') ?? (quick ? 2 : 3));
const realLimit = Number(option('real') ?? (quick ? 20 : Infinity));
const skip = new Set((option('skip') ?? '').split(',').filter(Boolean));
/** --pages article,append-rows: only these synthetic pages (and the append rounds only if named). */
const onlyPages = option('pages')?.split(',').filter(Boolean);
const measured = (page: string) => !onlyPages || onlyPages.includes(page);
const extensionDir = path.resolve(option('extension') ?? process.env.OFFHOOK_EXTENSION_DIR ?? path.join(here, '.cache/ext/chrome-mv3'));
const REAL_DIR = path.resolve(root, '../shared/corpus/real-pages');

const log = (s: string) => process.stderr.write(`bench: ${s}\n`);
const started = Date.now();

async function versions(): Promise<Record<string, string>> {
  const req = createRequire(import.meta.url);
  const pkg = (name: string) => {
    try {
      return (JSON.parse(execFileSync('node', ['-p', `JSON.stringify(require('${name}/package.json'))`], { cwd: root }).toString()) as { version: string }).version;
    } catch {
      try {
        return (req(`${name}/package.json`) as { version: string }).version;
      } catch {
        return 'unknown';
      }
    }
  };
  const run = (cmd: string, a: string[]) => {
    try {
      return execFileSync(cmd, a, { stdio: ['ignore', 'pipe', 'pipe'] }).toString().split('\n')[0]!.trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    node: process.version,
    chromium: run(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version']),
    kamailio: run(existsSync('/usr/sbin/kamailio') ? '/usr/sbin/kamailio' : 'kamailio', ['-v']),
    'libphonenumber-js': pkg('libphonenumber-js'),
    'sip.js': pkg('sip.js'),
    'ringcentral-c2d': pkg('ringcentral-c2d'),
    'playwright-core': pkg('playwright-core'),
    offhook: (JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string }).version,
  };
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    loadavg: os.loadavg(),
  };
}

interface Detection {
  synthetic: LoadRun[];
  real: LoadRun[];
  appends: AppendRun[];
  peerError?: string;
}

async function runDetection(): Promise<Detection> {
  const pagesDir = path.join(here, '.cache/pages');
  const pages = await writeSyntheticPages(pagesDir);
  const realFiles = existsSync(REAL_DIR) ? (await readdir(REAL_DIR)).filter((f) => /\.html?$/.test(f)).sort().slice(0, realLimit) : [];
  const peer = await loadPeerBundle();
  const world = await World.start(extensionDir, { extraStatics: { '/bench/': pagesDir, ...(existsSync(REAL_DIR) ? { '/real/': REAL_DIR } : {}) } });
  const bare = await launchChromium({});
  // Only the real pages are measured with the empty content script as well.
  const empty = realFiles.length ? await launchChromium({ extensionDir: await writeEmptyExtension(extensionDir) }) : undefined;
  const b: Browsers = { world, bare: bare.context, empty: empty?.context, peerBundle: peer.bundle, peerError: peer.error };
  const out: Detection = { synthetic: [], real: [], appends: [], peerError: peer.error };
  try {
    world.takeWelcomePage()?.close().catch(() => undefined);
    // Warm both browsers up (first tab, first process) so run 1 is not a cold outlier.
    for (const mode of ['bare', 'offhook'] as const) await measureLoad(b, 'warm-up', `${world.statics.origin}/bench/article.html`, mode);
    for (const p of pages.filter((p) => p.name !== 'append-rows' && measured(p.name))) {
      const url = `${world.statics.origin}/bench/${p.file}`;
      for (let r = 0; r < runs; r++) {
        // Interleaved, so drift on a noisy machine hits all three alike.
        out.synthetic.push({ ...(await measureLoad(b, p.name, url, 'bare', { floor: true })), tab: undefined } as LoadRun);
        out.synthetic.push(await measureLoad(b, p.name, url, 'offhook'));
        out.synthetic.push(await measureLoad(b, p.name, url, 'peer'));
      }
      // Traced runs: content script evaluation, every detection slice, and the 4 s after. As
      // many as the plain runs: one run's longest slice says more about the machine than about
      // Offhook (a minor GC or a compile inside it).
      for (let r = 0; r < runs; r++) {
        const traced = await measureLoad(b, p.name, url, 'offhook', { trace: true, tailMs: 4000 });
        out.synthetic.push({ ...traced, mode: 'offhook', page: `${p.name}#traced` });
      }
      log(`${p.name}: done (${Math.round((Date.now() - started) / 1000)} s)`);
    }
    const appendUrl = `${world.statics.origin}/bench/append-rows.html`;
    const rounds = quick ? 3 : 5;
    for (const mode of measured('append-rows') ? (['bare', 'offhook', 'peer'] as const) : []) {
      try {
        out.appends.push(...(await measureAppends(b, appendUrl, mode, rounds)));
      } catch (error) {
        log(`append (${mode}): ${String(error)}`);
      }
    }
    log(`append rows: done`);
    if (empty) await measureLoad(b, 'warm-up', `${world.statics.origin}/bench/article.html`, 'empty');
    const realModes = ['bare', 'empty', 'offhook', 'peer'] as const;
    for (const [i, f] of realFiles.entries()) {
      const url = `${world.statics.origin}/real/${encodeURIComponent(f)}`;
      // A different mode first on each page, so what the first load of a page pays (the
      // server's and the disk's caches) falls on all modes alike.
      for (let k = 0; k < realModes.length; k++) {
        const mode = realModes[(i + k) % realModes.length]!;
        out.real.push(await measureLoad(b, f, url, mode, { floor: mode === 'bare', settleMs: 300 }));
      }
      if ((i + 1) % 10 === 0) log(`real pages: ${i + 1}/${realFiles.length} (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  } finally {
    await bare.close();
    await empty?.close();
    await world.close();
  }
  return out;
}

const ms = (x: number) => atMost(x, 'ms');
const of = (rs: LoadRun[], page: string, mode: string) => rs.filter((r) => r.page === page && r.mode === mode && !r.error);

function detectionFigures(d: Detection): Figure[] {
  const f: Figure[] = [];
  const S = 'Detection on synthetic pages (added = with Offhook − without, main-thread TaskDuration)';
  const pages = [...new Set(d.synthetic.map((r) => r.page).filter((p) => !p.includes('#')))];
  for (const page of pages) {
    const bare = of(d.synthetic, page, 'bare');
    const off = of(d.synthetic, page, 'offhook');
    const peer = of(d.synthetic, page, 'peer');
    const bareTask = median(bare.map((r) => r.taskMs)) ?? 0;
    const added = off.map((r) => r.taskMs - bareTask);
    const peerAdded = peer.map((r) => r.taskMs - bareTask);
    const floor = median(bare.map((r) => r.floor?.ms).filter((x): x is number => x !== undefined));
    const nodes = bare[0]?.floor?.nodes;
    f.push(figure(S, `${page} (${nodes ?? '?'} text nodes): added main-thread time`, 'ms', added, { ratio: [ratioText(median(added), floor, 'floor'), ratioText(median(added), median(peerAdded), 'peer')].filter(Boolean).join(', ') }));
    // The budgets are ratios (issue #23): at most 3× one bare walk of the text, and a tenth of
    // the peer, both measured in this run.
    const addedMedian = median(added);
    if (addedMedian !== undefined && floor) f.push(figure(S, `${page}: added ÷ floor`, '×', [addedMedian / floor], { budget: atMost(3, '×') }));
    const peerMedian = median(peerAdded);
    if (addedMedian !== undefined && peerMedian && peerMedian > 0) f.push(figure(S, `${page}: added ÷ peer added`, '×', [addedMedian / peerMedian], { budget: atMost(0.1, '×') }));
    f.push(figure(S, `${page}: added ScriptDuration (undercounts: misses microtask continuations)`, 'ms', off.map((r) => r.scriptMs - (median(bare.map((x) => x.scriptMs)) ?? 0))));
    f.push(figure(S, `${page}: floor (bare TreeWalker pass)`, 'ms', bare.map((r) => r.floor?.ms)));
    if (peer.length) {
      f.push(figure(S, `${page}: peer added main-thread time`, 'ms', peerAdded, { note: 'incl. its 1.2 MB bundle evaluation' }));
      f.push(figure(S, `${page}: peer matcher time (its match() calls)`, 'ms', peer.map((r) => r.peer?.matchMs)));
    } else f.push(notMeasured(S, `${page}: peer`, d.peerError ?? (of(d.synthetic, page, 'peer').length ? '' : (d.synthetic.find((r) => r.page === page && r.mode === 'peer')?.error ?? 'did not run'))));
    const lt = page.startsWith('text-') || page === 'article' || page.startsWith('directory') ? { budget: atMost(50, 'ms') } : {};
    f.push(figure(S, `${page}: longest long task in Offhook's window`, 'ms', off.map((r) => r.longestInWindowMs), { ...lt, note: 'from the longtask observer; 0 = none > 50 ms' }));
    if (peer.length) f.push(figure(S, `${page}: peer longest long task`, 'ms', peer.map((r) => r.longestInWindowMs)));
    f.push(figure(S, `${page}: numbers found (Offhook)`, '', off.map((r) => r.numbers)));
    if (peer.length) f.push(figure(S, `${page}: numbers found (peer)`, '', peer.map((r) => r.numbers)));
    f.push(figure(S, `${page}: all numbers found, after load`, 'ms', off.map((r) => r.foundAfterLoadMs), page.startsWith('directory') ? { budget: atMost(150, 'ms') } : {}));
    if (peer.length) f.push(figure(S, `${page}: peer all numbers found, after load`, 'ms', peer.map((r) => r.foundAfterLoadMs), { note: 'c2d waits 1 s before its first pass by design' }));
    f.push(figure(S, `${page}: JS heap with Offhook − without`, 'MB', off.map((r) => r.heapUsedMB - (median(bare.map((x) => x.heapUsedMB)) ?? 0))));
    const traced = d.synthetic.filter((r) => r.page === `${page}#traced` && r.trace);
    if (traced.length) {
      const longest = traced.map((r) => r.trace!.sliceMs[0] ?? 0);
      const all = traced.flatMap((r) => r.trace!.sliceMs);
      const gc = traced.map((r) => r.trace!.longestGcMs ?? 0);
      f.push(figure(S, `${page}: longest detection slice (trace; median of ${traced.length} runs)`, 'ms', longest, {
        budget: ms(10),
        note: `${all.length} slices in all, ${all.filter((x) => x > 10).length} > 10 ms; GC inside each run's longest: ${gc.map((x) => x.toFixed(1)).join(', ')} ms`,
      }));
      f.push(figure(S, `${page}: longest detection slice, thread time (trace; median of ${traced.length} runs)`, 'ms', traced.map((r) => r.trace!.sliceCpuMs?.[0]), {
        note: 'the CPU the slice used: the same as above on a quiet machine; on a loaded one, the above also counts waits for a core',
      }));
      // Chrome's page-text capture is Chrome's own work (lib/trace.ts says why it shows up).
      const tails = traced.map((r) => r.tail ?? []);
      // Neither Chrome's text capture nor the page's own layout is Offhook's (lib/trace.ts).
      const mine = tails.map((tail) => Math.max(0, ...tail.filter((t) => t.kind !== 'chrome-text-capture' && t.kind !== 'page-layout').map((t) => t.ms)));
      const what = tails.flat().map((t) => `${t.kind} ${t.ms.toFixed(0)} ms @${(t.at / 1000).toFixed(1)} s (${t.inside})`).join('; ');
      f.push(figure(S, `${page}: longest task from the content script's start to 4 s after detection (trace), Chrome's text capture and the page's own layout aside`, 'ms', mine, {
        ...lt,
        value: Math.max(...mine),
        note: `worst of ${traced.length} runs; ${what || 'no task > 50 ms'}`,
      }));
    } else f.push(notMeasured(S, `${page}: detection slices (trace)`, d.synthetic.find((r) => r.page === `${page}#traced`)?.error ?? 'no trace'));
  }
  const evals = d.synthetic.map((r) => r.trace?.evaluationMs).filter((x): x is number => x !== undefined);
  const B = 'Bundle';
  f.push(figure(B, 'content script evaluation (trace: EvaluateScript of content-loader.js)', 'ms', evals, { budget: ms(5), note: `compile ${median(d.synthetic.map((r) => r.trace?.compileMs).filter((x): x is number => x !== undefined))?.toFixed(1) ?? '?'} ms of it` }));

  const A = 'Incremental: 100 appended rows';
  const ap = (mode: string) => d.appends.filter((r) => r.mode === mode);
  const bareAppend = median(ap('bare').map((r) => r.taskMs)) ?? 0;
  const offAdded = ap('offhook').map((r) => r.taskMs - bareAppend);
  const peerAdded = ap('peer').map((r) => r.taskMs - bareAppend);
  const longer = d.appends.filter((r) => r.windowMs > APPEND_WINDOW_MS + 100).map((r) => `${r.mode} round ${r.round} ${r.windowMs.toFixed(0)} ms`);
  const windowNote = `each round measured over ${APPEND_WINDOW_MS} ms read once at its end in every mode${longer.length ? `; longer: ${longer.join(', ')}` : ''}`;
  f.push(figure(A, 'added main-thread time per 100 rows', 'ms', offAdded, { budget: ms(5), ratio: ratioText(median(offAdded), median(peerAdded), 'peer'), note: windowNote }));
  f.push(figure(A, 'peer added main-thread time per 100 rows', 'ms', peerAdded));
  f.push(figure(A, 'new numbers highlighted, after append', 'ms', ap('offhook').map((r) => r.foundMs)));
  f.push(figure(A, 'new numbers found per round (Offhook)', '', ap('offhook').map((r) => r.added)));
  f.push(figure(A, 'new numbers found per round (peer)', '', ap('peer').map((r) => r.added)));

  const R = 'Real pages (one load each per mode)';
  const realPages = [...new Set(d.real.map((r) => r.page))];
  const added: number[] = [];
  const overEmpty: number[] = [];
  const emptyAdded: number[] = [];
  const peerAdd: number[] = [];
  const peerRatios: number[] = [];
  const floorRatios: number[] = [];
  const longest: number[] = [];
  const peerLongest: number[] = [];
  let tenTimes = 0;
  let compared = 0;
  const errors: string[] = [];
  for (const page of realPages) {
    const [bare] = of(d.real, page, 'bare');
    const [off] = of(d.real, page, 'offhook');
    const [peer] = of(d.real, page, 'peer');
    for (const r of d.real.filter((x) => x.page === page && x.error)) errors.push(`${page} ${r.mode}: ${r.error}`);
    if (!bare || !off) continue;
    const a = off.taskMs - bare.taskMs;
    added.push(a);
    const [empty] = of(d.real, page, 'empty');
    if (empty) {
      emptyAdded.push(empty.taskMs - bare.taskMs);
      overEmpty.push(off.taskMs - empty.taskMs);
    }
    longest.push(off.longestInWindowMs);
    if (bare.floor && bare.floor.ms > 0) floorRatios.push(Math.max(a, 0) / bare.floor.ms);
    if (peer) {
      const p = peer.taskMs - bare.taskMs;
      peerAdd.push(p);
      peerLongest.push(peer.longestInWindowMs);
      compared++;
      if (p > 0 && Math.max(a, 0.01) * 10 <= p) tenTimes++;
      if (p > 0) peerRatios.push(Math.max(a, 0.01) / p);
    }
  }
  if (realPages.length === 0) f.push(notMeasured(R, 'real pages', `${REAL_DIR} not found`));
  else {
    f.push(figure(R, `added main-thread time (${added.length} pages)`, 'ms', added, { budget: ms(10), ratio: ratioText(median(added), median(peerAdd), 'peer') }));
    f.push(figure(R, 'peer added main-thread time', 'ms', peerAdd));
    if (emptyAdded.length) {
      f.push(figure(R, 'an empty content script\'s added main-thread time (same manifest entry, a script that does nothing)', 'ms', emptyAdded, { note: 'what Chromium charges any extension with a content script' }));
      f.push(figure(R, 'Offhook − the empty content script', 'ms', overEmpty, { note: 'Offhook\'s own share' }));
    }
    f.push(figure(R, 'Offhook ÷ peer, per page (median)', '×', peerRatios, { budget: atMost(0.1, '×') }));
    f.push(figure(R, 'pages where Offhook is ≥ 10× lighter than the peer', '%', [compared ? (100 * tenTimes) / compared : NaN], { note: `${tenTimes} of ${compared}` }));
    f.push(figure(R, 'added time ÷ floor, per page (median)', '×', floorRatios));
    f.push(figure(R, 'longest long task in Offhook\'s window (worst page)', 'ms', [max(longest) ?? 0], { budget: ms(50), note: `${longest.filter((x) => x > 50).length} pages with one > 50 ms` }));
    f.push(figure(R, 'peer longest long task (worst page)', 'ms', [max(peerLongest) ?? 0], { note: `${peerLongest.filter((x) => x > 50).length} pages with one > 50 ms` }));
    for (const [mode, who] of [['offhook', 'Offhook'], ['peer', 'peer']] as const) {
      const found = d.real.filter((r) => r.mode === mode && !r.error);
      const total = found.reduce((a, r) => a + (r.numbers ?? 0), 0);
      f.push(figure(R, `numbers found per page (${who})`, '', found.map((r) => r.numbers), { note: `${total} in all, on ${found.filter((r) => (r.numbers ?? 0) > 0).length} pages` }));
    }
    if (errors.length) f.push(notMeasured(R, `${errors.length} loads failed`, errors.slice(0, 3).join('; ')));
  }
  return f;
}

function bundleFigures(sizes: EntrySize[]): Figure[] {
  return sizes.flatMap((s) => [
    figure('Bundle', `${s.entry}: size`, 'KB', [s.bytes / 1024], { note: `${s.files.length} files` }),
    figure('Bundle', `${s.entry}: gzip`, 'KB', [s.gzipBytes / 1024], s.entry.startsWith('content script') ? { budget: atMost(40, 'KB') } : {}),
  ]);
}

function callFigures(c: CallsResult): Figure[] {
  const C = 'Calls (Kamailio on loopback; bob answers the moment the INVITE reaches him)';
  const f: Figure[] = [];
  const cold = c.calls.filter((r) => r.temperature === 'cold' && !r.error);
  const warm = c.calls.filter((r) => r.temperature === 'warm' && !r.error);
  const offscreenAtRegister = c.registrations.every((r) => r.offscreenAfterRegister);
  f.push(figure(C, 'registration: Save → options page shows Registered', 'ms', c.registrations.map((r) => r.saveToRegisteredMs)));
  f.push(figure(C, 'registration: Save → REGISTER 200 at Kamailio', 'ms', c.registrations.map((r) => r.saveTo200Ms)));
  f.push(figure(C, 'click → INVITE at Kamailio (warm)', 'ms', warm.map((r) => r.clickToInviteMs), { budget: ms(30) }));
  f.push(figure(C, `click → INVITE at Kamailio (cold${offscreenAtRegister ? ': first call after registration' : ''})`, 'ms', cold.map((r) => r.clickToInviteMs)));
  f.push(figure(C, 'click → 180 Ringing (warm)', 'ms', warm.map((r) => r.clickToRingingMs)));
  f.push(figure(C, 'click → 180 Ringing (cold)', 'ms', cold.map((r) => r.clickToRingingMs)));
  f.push(figure(C, 'click → established, ACK at Kamailio (warm)', 'ms', warm.map((r) => r.clickToEstablishedMs), { note: 'includes bob answering' }));
  f.push(figure(C, 'click → established, less bob\'s answer time (warm)', 'ms', warm.map((r) => r.clickToEstablishedNetMs), { budget: ms(150) }));
  f.push(figure(C, 'click → established, less bob\'s answer time (cold)', 'ms', cold.map((r) => r.clickToEstablishedNetMs)));
  f.push(figure(C, 'bob\'s own answer time (INVITE at bob → his 200 OK at Kamailio)', 'ms', [...warm, ...cold].map((r) => r.partyAnswerMs), { note: 'subtracted above' }));
  f.push(figure(C, 'incoming INVITE at Kamailio → popup shows the call', 'ms', c.incoming.map((r) => r.inviteToShownMs), { budget: ms(150) }));
  f.push(figure(C, 'incoming INVITE at Kamailio → notification shown', 'ms', c.incoming.map((r) => r.inviteToNotificationMs), { budget: ms(150) }));
  f.push(figure(C, 'answer click (popup) → audio bytes reach bob', 'ms', c.incoming.map((r) => r.answerClickToMediaMs), { note: 'bob polled every ~5–10 ms' }));
  const failed = [...c.calls, ...c.incoming].filter((r) => r.error);
  if (failed.length) f.push(notMeasured(C, `${failed.length} call runs failed`, failed.slice(0, 2).map((r) => r.error).join('; ')));
  for (const n of c.notes) f.push(notMeasured(C, 'world', n));

  const F = 'Faces';
  // The popup as the toolbar button opens it, beside the floor (lib/popup-floor.ts): the same
  // page with a script that only writes the status line, opened the same way, turn by turn.
  const toolbar = figure(F, 'popup (toolbar button): navigation → first interactive render', 'ms', c.popup.map((r) => r.toolbarInteractiveMs), { budget: ms(50) });
  const floor = figure(F, 'floor: the same page, a script that only writes the status line', 'ms', c.popup.map((r) => r.floorInteractiveMs));
  if (toolbar.median !== undefined && floor.median !== undefined) toolbar.ratio = `floor + ${(toolbar.median - floor.median).toFixed(1)} ms`;
  f.push(toolbar, floor);
  // Turn by turn: what the popup adds over the floor page opened the same way (budget: 3 ms).
  const overFloor = c.popup.map((r) => (r.toolbarInteractiveMs !== undefined && r.floorInteractiveMs !== undefined ? r.toolbarInteractiveMs - r.floorInteractiveMs : undefined));
  f.push(figure(F, 'popup (toolbar button): first interactive render − the floor\'s', 'ms', overFloor, { budget: ms(3) }));
  f.push(figure(F, 'popup (toolbar button): navigation → first contentful paint', 'ms', c.popup.map((r) => r.toolbarFirstPaintMs), { note: 'painted once the browser shows the popup' }));
  f.push(figure(F, 'floor: navigation → first contentful paint', 'ms', c.popup.map((r) => r.floorFirstPaintMs)));
  f.push(figure(F, 'popup address in a tab: navigation → first render (.status)', 'ms', c.popup.map((r) => r.firstRenderMs)));
  f.push(figure(F, 'popup address in a tab: navigation → first interactive', 'ms', c.popup.map((r) => r.interactiveMs), { note: 'a tab\'s own browser work (tab strip) comes first' }));
  f.push(figure(F, 'options: navigation → load event end', 'ms', c.options.map((r) => r.loadMs)));
  f.push(figure(F, 'options: navigation → form rendered', 'ms', c.options.map((r) => r.formReadyMs)));

  const M = 'Memory (JS heap used after a forced GC, per context)';
  const targets = [...new Set(c.memory.map((m) => `${m.when}: ${m.target}`))];
  for (const t of targets) {
    const rows = c.memory.filter((m) => `${m.when}: ${m.target}` === t);
    f.push(figure(M, t, 'MB', rows.map((m) => m.heapUsedMB), { note: rows.find((m) => m.error)?.error }));
  }
  if (!c.memory.some((m) => m.target.includes('offscreen'))) f.push(notMeasured(M, 'offscreen document', 'no offscreen target found through Target.getTargets'));
  return f;
}

async function main(): Promise<void> {
  if (!flag('report-only') && !existsSync(path.join(extensionDir, 'manifest.json'))) throw new Error(`no built extension in ${extensionDir}: run npm run bench (it builds first)`);
  const figures: Figure[] = [];
  const raw: Record<string, unknown> = {};
  if (flag('report-only')) {
    // Recomputes the figures and the table from the runs of the last result, measuring nothing.
    const last = JSON.parse(await readFile(path.join(here, 'results/latest.json'), 'utf8')) as { runs: { detection?: Detection; bundle?: EntrySize[]; calls?: CallsResult } };
    if (last.runs.detection) figures.push(...detectionFigures(last.runs.detection));
    if (last.runs.bundle) figures.push(...bundleFigures(last.runs.bundle));
    if (last.runs.calls) figures.push(...callFigures(last.runs.calls));
    Object.assign(raw, last.runs);
  }
  if (!skip.has('detection') && !flag('report-only')) {
    log('detection: synthetic pages, the append page, real pages');
    try {
      const d = await runDetection();
      raw.detection = d;
      figures.push(...detectionFigures(d));
    } catch (error) {
      figures.push(notMeasured('Detection', 'all', String(error).split('\n')[0]!));
    }
  }
  if (!skip.has('bundle') && !flag('report-only')) {
    const sizes = await bundleSizes(extensionDir);
    raw.bundle = sizes;
    figures.push(...bundleFigures(sizes));
  }
  if (!skip.has('calls') && !flag('report-only')) {
    log('calls, faces, memory');
    try {
      const c = await runCalls(extensionDir, { worlds: quick ? 1 : 2, callsPerWorld: quick ? 4 : 6, incomingPerWorld: quick ? 2 : 4, facesRuns: quick ? 3 : 5 });
      raw.calls = c;
      figures.push(...callFigures(c));
    } catch (error) {
      figures.push(notMeasured('Calls', 'all', String(error).split('\n')[0]!));
    }
  }
  // Bundle figures print before calls, next to the content-script evaluation figure.
  const order = ['Detection', 'Incremental', 'Real', 'Bundle', 'Calls', 'Faces', 'Memory'];
  const rank = (s: string) => order.findIndex((o) => s.startsWith(o));
  figures.sort((a, b) => rank(a.section) - rank(b.section));
  const table = renderTable(figures);
  console.log(table);
  const previous = flag('report-only') ? (JSON.parse(await readFile(path.join(here, 'results/latest.json'), 'utf8')) as Record<string, unknown>) : undefined;
  const result = {
    date: new Date().toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    args,
    machine: machine(),
    versions: await versions(),
    // A re-render keeps when, where and with what the runs were measured.
    ...(previous ? { date: previous.date, durationS: previous.durationS, args: previous.args, machine: previous.machine, versions: previous.versions } : {}),
    extensionDir,
    figures,
    runs: raw,
    table,
  };
  await mkdir(path.join(here, 'results'), { recursive: true });
  await writeFile(path.join(here, 'results/latest.json'), JSON.stringify(result, null, 1));
  log(`wrote bench/results/latest.json (${result.durationS} s)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
