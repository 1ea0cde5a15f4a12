// A Chromium trace of one page load, read for what the content script costs: its
// evaluation and every main-thread task it ran afterwards (its detection slices).
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string } };
}

export interface Tracer {
  stop(): Promise<TraceEvent[]>;
}

export async function startTrace(context: BrowserContext, page: Page): Promise<Tracer> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected' as never, ((e: { value: TraceEvent[] }) => events.push(...e.value)) as never);
  await cdp.send('Tracing.start' as never, {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,toplevel',
    transferMode: 'ReportEvents',
  } as never);
  return {
    async stop() {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete' as never, resolve as never));
      await cdp.send('Tracing.end' as never);
      await done;
      await cdp.detach().catch(() => undefined);
      return events;
    },
  };
}

export interface ContentCost {
  /** EvaluateScript of the content script (content-loader.js; content-scripts/content.js in
   * older builds, so an older build can be measured too): compile + top-level run. */
  evaluationMs?: number;
  compileMs?: number;
  /** Main-thread tasks after the evaluation that ran Offhook code, longest first. */
  sliceMs: number[];
  /** Sum of those tasks plus the evaluation. */
  totalMs: number;
}

const isContentScript = (url: string) => url.endsWith('/content-loader.js') || url.includes('/content-scripts/');

/** Reads a trace for the content script of extension `extensionId`. */
export function contentCost(events: TraceEvent[], extensionId: string): ContentCost {
  const ours = (e: TraceEvent) => !!e.args?.data?.url?.startsWith(`chrome-extension://${extensionId}/`);
  const evaluation = events.find((e) => e.name === 'EvaluateScript' && e.ph === 'X' && ours(e) && isContentScript(e.args!.data!.url!));
  if (!evaluation) return { sliceMs: [], totalMs: 0 };
  const compile = events.find((e) => e.name === 'v8.compile' && ours(e) && e.tid === evaluation.tid);
  const thread = events.filter((e) => e.tid === evaluation.tid && e.pid === evaluation.pid && e.ph === 'X');
  const tasks = thread.filter((e) => (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts + (e.dur ?? 0) >= evaluation.ts);
  // Nested tasks of the two names overlap: keep the outermost.
  tasks.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const outer: TraceEvent[] = [];
  for (const t of tasks) {
    const last = outer[outer.length - 1];
    if (last && t.ts < last.ts + (last.dur ?? 0)) continue;
    outer.push(t);
  }
  const inside = (t: TraceEvent, e: TraceEvent) => e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0);
  const slices: number[] = [];
  let evaluationTask: TraceEvent | undefined;
  for (const task of outer) {
    const nested = thread.filter((e) => e !== task && inside(task, e));
    if (inside(task, evaluation)) {
      evaluationTask = task;
      continue;
    }
    const offhook = nested.some(ours);
    const page = nested.some((e) => /^(TimerFire|FunctionCall|EvaluateScript)$/.test(e.name) && !!e.args?.data?.url && !ours(e));
    // scheduler.yield() continuations run as microtasks with no script URL of their own.
    const continuation = !page && nested.some((e) => /RunMicrotasks|PerformMicrotaskCheckpoint/.test(e.name)) && nested.some((e) => e.name.startsWith('V8.') || e.name === 'FunctionCall' || e.name === 'v8.run');
    if (offhook || continuation) slices.push((task.dur ?? 0) / 1000);
  }
  slices.sort((a, b) => b - a);
  const evaluationMs = (evaluation.dur ?? 0) / 1000;
  return {
    evaluationMs,
    compileMs: compile ? (compile.dur ?? 0) / 1000 : undefined,
    sliceMs: slices,
    totalMs: slices.reduce((a, b) => a + b, 0) + ((evaluationTask?.dur ?? evaluation.dur ?? 0) / 1000),
  };
}
