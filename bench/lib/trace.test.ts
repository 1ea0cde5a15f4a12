import { describe, expect, it } from 'vitest';
import { contentCost, longTasksAfterStart } from './trace';

const ID = 'abcdefghijklmnop';
const ours = { data: { url: `chrome-extension://${ID}/content-loader.js` } };
let clock = 0;
/** A complete event on the page's main thread; times in ms. */
const X = (name: string, at: number, ms: number, args?: object) => ({ name, ph: 'X', ts: at * 1000, dur: ms * 1000, tdur: ms * 1000, tid: 1, pid: 1, ...(args ? { args } : {}), seq: clock++ });
const task = (at: number, ms: number) => X('ThreadControllerImpl::RunTask', at, ms);
const evaluation = [task(0, 3), X('EvaluateScript', 0, 2.8, ours)];

describe('longTasksAfterStart', () => {
  it('tells the page’s own first layout, a paint frame, a forced layout and Chrome’s capture apart', () => {
    const events = [
      ...evaluation,
      // A frame laying out the page, with a continuation of ours at its end.
      task(100, 480), X('Layout', 101, 460), X('PrePaint', 562, 10), X('RunMicrotasks', 575, 2),
      // A frame painting (the marks' first paint).
      task(700, 60), X('PrePaint', 701, 45), X('Paint', 747, 10),
      // Our script forcing a layout.
      task(900, 70), X('FunctionCall', 900.5, 69, ours), X('Layout', 901, 60),
      task(1100, 80), X('ChromeRenderFrameObserver::CapturePageText', 1101, 78),
    ];
    expect(longTasksAfterStart(events, ID).map((t) => [t.at, t.kind])).toEqual([
      [100, 'page-layout'],
      [700, 'rendering'],
      [900, 'offhook'],
      [1100, 'chrome-text-capture'],
    ]);
  });
});

describe('contentCost', () => {
  it('counts a frame’s own rendering out of a slice that shared its task, not a layout the slice forced', () => {
    const events = [
      ...evaluation,
      task(100, 480), X('Layout', 101, 460), X('PrePaint', 562, 10), X('RunMicrotasks', 575, 2), X('v8.run', 575.2, 1.5),
      task(700, 9), X('FunctionCall', 700.1, 8.8, ours), X('Layout', 701, 5),
    ];
    const cost = contentCost(events, ID);
    expect(cost.sliceMs).toEqual([10, 9]);
    expect(cost.sliceCpuMs).toEqual([10, 9]);
  });
});

describe('contentCost thread time', () => {
  it('caps a slice’s thread time at its wall time when the trace reads more', () => {
    const slice = (at: number, ms: number, cpuMs: number) => [{ ...task(at, ms), tdur: cpuMs * 1000 }, X('FunctionCall', at + 0.1, ms - 0.2, ours)];
    const events = [...evaluation, ...slice(100, 4.8, 15.4), ...slice(200, 6, 5)];
    const cost = contentCost(events, ID);
    expect(cost.sliceMs).toEqual([6, 4.8]);
    expect(cost.sliceCpuMs).toEqual([5, 4.8]);
  });
});
