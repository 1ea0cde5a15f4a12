// A Chromium trace of one page load, read for what the content script costs: its
// evaluation and every main-thread task it ran afterwards (its detection slices).
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs: what the task ran, less any time the OS gave
   * the thread's core to another process. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string } };
}

/** The time all complete `name` events took, ms. */
export function phaseMs(events: TraceEvent[], name: string): number {
  return events.filter((e) => e.ph === 'X' && e.name === name).reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
}

export interface Tracer {
  stop(): Promise<TraceEvent[]>;
}

export async function startTrace(context: BrowserContext, page: Page): Promise<Tracer> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected' as never, ((e: { value: TraceEvent[] }) => events.push(...e.value)) as never);
  await cdp.send('Tracing.start' as never, {
    // renderer: Chrome's own page-text capture; v8.gc: garbage collections by phase.
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,toplevel,renderer,disabled-by-default-v8.gc',
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
  /** The same tasks' thread time, longest first: on a loaded machine a slice's wall time
   * includes waits for a core, this does not. */
  sliceCpuMs?: number[];
  /** Sum of those tasks plus the evaluation. */
  totalMs: number;
  /** Garbage collection (MinorGC, MajorGC) inside the longest slice, ms: V8's, not cut by slicing. */
  longestGcMs?: number;
}

const isContentScript = (url: string) => url.endsWith('/content-loader.js') || url.includes('/content-scripts/');

/** Reads a trace for the content script of extension `extensionId`, up to the
 * `console.timeStamp(until)` the bench wrote at the end of the window (if any). */
/** The content script's evaluation and the complete events of the thread it ran on. */
function contentScriptThread(events: TraceEvent[], extensionId: string) {
  const ours = (e: TraceEvent) => !!e.args?.data?.url?.startsWith(`chrome-extension://${extensionId}/`);
  const evaluation = events.find((e) => e.name === 'EvaluateScript' && e.ph === 'X' && ours(e) && isContentScript(e.args!.data!.url!));
  if (!evaluation) return undefined;
  const thread = events.filter((e) => e.tid === evaluation.tid && e.pid === evaluation.pid && e.ph === 'X');
  return { ours, evaluation, thread };
}

export function contentCost(events: TraceEvent[], extensionId: string, until?: string): ContentCost {
  const found = contentScriptThread(events, extensionId);
  if (!found) return { sliceMs: [], totalMs: 0 };
  const { ours, evaluation, thread } = found;
  const compile = events.find((e) => e.name === 'v8.compile' && ours(e) && e.tid === evaluation.tid);
  const end = until ? events.find((e) => e.name === 'TimeStamp' && (e.args?.data as { message?: string } | undefined)?.message === until)?.ts : undefined;
  const tasks = thread.filter((e) => (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts + (e.dur ?? 0) >= evaluation.ts && (end === undefined || e.ts < end));
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
  const cpu: number[] = [];
  let longest: { ms: number; gcMs: number } | undefined;
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
    if (offhook || continuation) {
      // A frame in which a continuation of ours also ran: the frame's own lifecycle (the page's
      // layout, the paint) is not the slice's work. Rendering our script forced would be nested
      // in the script, not in a lifecycle update.
      const ms = ((task.dur ?? 0) - frameTime(nested)) / 1000;
      slices.push(ms);
      // A task's thread time cannot exceed its wall time; Chromium's trace sometimes says it
      // does, by up to 10 ms (a late catch-up of the thread clock): such a reading is capped.
      cpu.push((Math.min(task.tdur ?? task.dur ?? 0, task.dur ?? 0) - frameTime(nested)) / 1000);
      if (!longest || ms > longest.ms) {
        const gcMs = nested.filter((e) => e.name === 'MinorGC' || e.name === 'MajorGC').reduce((a, e) => a + (e.dur ?? 0), 0) / 1000;
        longest = { ms, gcMs };
      }
    }
  }
  slices.sort((a, b) => b - a);
  cpu.sort((a, b) => b - a);
  const evaluationMs = (evaluation.dur ?? 0) / 1000;
  return {
    evaluationMs,
    compileMs: compile ? (compile.dur ?? 0) / 1000 : undefined,
    sliceMs: slices,
    sliceCpuMs: cpu,
    longestGcMs: longest?.gcMs,
    totalMs: slices.reduce((a, b) => a + b, 0) + ((evaluationTask?.dur ?? evaluation.dur ?? 0) / 1000),
  };
}

const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);
const SCRIPT = /^(FunctionCall|EvaluateScript|RunMicrotasks|v8\.run|TimerFire|FireAnimationFrame)$/;

/** Time in a task spent rendering a frame (style, layout, paint) that no script forced, µs.
 * Rendering a script forces is nested inside the script's own event, and not counted here. */
function frameTime(nested: TraceEvent[]): number {
  const within = (outer: TraceEvent, e: TraceEvent) => outer !== e && outer.ts <= e.ts && e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0);
  const scripts = nested.filter((e) => SCRIPT.test(e.name));
  const rendering = nested.filter((e) => RENDERING.has(e.name));
  return rendering
    .filter((e) => !rendering.some((o) => within(o, e)) && !scripts.some((o) => within(o, e)))
    .reduce((sum, e) => sum + (e.dur ?? 0), 0);
}

/** What a long task after the content script started was busy with. `page-layout`: a frame
 * spent mostly laying out the page, which Offhook never changes (its marks are highlights,
 * painted only; its one element comes on the first hover): the page's own first layout when it
 * falls after the content script started. `rendering`: a frame mostly painting, as the marks'
 * first paint is. */
export type TaskKind = 'offhook' | 'gc' | 'rendering' | 'page-layout' | 'chrome-text-capture' | 'page' | 'other';

export interface LongTask {
  /** Milliseconds after the content script's evaluation. */
  at: number;
  ms: number;
  kind: TaskKind;
  /** The largest events inside it, for the report's note. */
  inside: string;
}

/**
 * Every main-thread task over 50 ms from the content script's evaluation to the end of the
 * trace, and what it was busy with (what took most of it). `chrome-text-capture` is Chrome's
 * own (ChromeRenderFrameObserver::CapturePageText, the text it reads for translation and
 * language detection once the page has loaded); it runs in the first frame after the load
 * event, and any extension with a content script moves the load event after the page's first
 * frame, so it shows up as a task of its own there.
 */
export function longTasksAfterStart(events: TraceEvent[], extensionId: string): LongTask[] {
  const found = contentScriptThread(events, extensionId);
  if (!found) return [];
  const { ours, evaluation, thread } = found;
  const tasks = thread
    .filter((e) => (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts >= evaluation.ts && (e.dur ?? 0) > 50_000)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const out: LongTask[] = [];
  let end = 0;
  for (const task of tasks) {
    if (task.ts < end) continue; // nested in the previous one
    end = task.ts + (task.dur ?? 0);
    const nested = thread.filter((e) => e !== task && e.ts >= task.ts && e.ts <= end);
    const time = (test: (e: TraceEvent) => boolean) => nested.filter(test).reduce((sum, e) => sum + (e.dur ?? 0), 0);
    const half = (task.dur ?? 0) / 2;
    let kind: TaskKind = 'other';
    if (time((e) => e.name === 'ChromeRenderFrameObserver::CapturePageText') > half) kind = 'chrome-text-capture';
    else if (time((e) => e.name === 'MajorGC' || e.name === 'MinorGC') > half) kind = 'gc';
    else if (frameTime(nested) > half) {
      const layout = frameTime(nested.filter((e) => e.name !== 'PrePaint' && e.name !== 'Paint' && e.name !== 'Layerize' && e.name !== 'Commit'));
      kind = layout > half ? 'page-layout' : 'rendering';
    } else if (nested.some(ours) || nested.some((e) => /RunMicrotasks|PerformMicrotaskCheckpoint/.test(e.name))) kind = nested.some((e) => /^(TimerFire|FunctionCall|EvaluateScript)$/.test(e.name) && !!e.args?.data?.url && !ours(e)) ? 'page' : 'offhook';
    const inside = nested
      .filter((e) => !/RunTask$|OnHandleReady|Receive mojo/.test(e.name))
      .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
      .slice(0, 3)
      .map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(0)}`)
      .join(', ');
    out.push({ at: (task.ts - evaluation.ts) / 1000, ms: (task.dur ?? 0) / 1000, kind, inside });
  }
  return out;
}
