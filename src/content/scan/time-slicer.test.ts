import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SLICE_MS, TimeSlicer } from './time-slicer';

let now = 1000;

beforeEach(() => {
  now = 1000;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('TimeSlicer', () => {
  it('asks to yield once the budget of the slice is used', () => {
    const slicer = new TimeSlicer(8);
    expect(slicer.shouldYield()).toBe(false);
    now += 7.9;
    expect(slicer.shouldYield()).toBe(false);
    now += 0.1;
    expect(slicer.shouldYield()).toBe(true);
  });

  it('uses a 4 ms budget by default, leaving room under the ~8 ms the issue allows', () => {
    expect(SLICE_MS).toBe(4);
    const slicer = new TimeSlicer();
    now += 3.9;
    expect(slicer.shouldYield()).toBe(false);
    now += 0.1;
    expect(slicer.shouldYield()).toBe(true);
  });

  it('starts a fresh slice on begin() and after yielding', async () => {
    const slicer = new TimeSlicer(5);
    now += 100;
    slicer.begin();
    expect(slicer.shouldYield()).toBe(false);
    now += 5;
    expect(slicer.shouldYield()).toBe(true);
    await slicer.yield();
    expect(slicer.shouldYield()).toBe(false);
    now += 4;
    expect(slicer.shouldYield()).toBe(false);
  });

  it('yields through a macrotask when the browser has no scheduler.yield', async () => {
    vi.stubGlobal('scheduler', undefined);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const slicer = new TimeSlicer(8);
    let done = false;
    const yielded = slicer.yield().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    await yielded;
    expect(done).toBe(true);
  });

  it('prefers scheduler.yield where the browser has it', async () => {
    const schedulerYield = vi.fn(() => Promise.resolve());
    vi.stubGlobal('scheduler', { yield: schedulerYield });
    await new TimeSlicer(8).yield();
    expect(schedulerYield).toHaveBeenCalledOnce();
  });

  it('throws AbortError from yield() once the signal is aborted', async () => {
    const controller = new AbortController();
    const slicer = new TimeSlicer(8, controller.signal);
    await expect(slicer.yield()).resolves.toBeUndefined();
    controller.abort();
    await expect(slicer.yield()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('throws AbortError when the signal aborts while it waits', async () => {
    const controller = new AbortController();
    const slicer = new TimeSlicer(8, controller.signal);
    const yielded = slicer.yield();
    controller.abort();
    await expect(yielded).rejects.toBeInstanceOf(DOMException);
  });

  it('keeps the longest slice', async () => {
    const slicer = new TimeSlicer(8);
    expect(slicer.longestSliceMs).toBe(0);
    now += 3;
    await slicer.yield();
    expect(slicer.longestSliceMs).toBe(3);
    now += 12;
    await slicer.yield();
    expect(slicer.longestSliceMs).toBe(12);
    now += 5;
    slicer.endSlice();
    expect(slicer.longestSliceMs).toBe(12);
    slicer.begin();
    now += 20;
    slicer.endSlice();
    expect(slicer.longestSliceMs).toBe(20);
  });

  it('does not count the time spent yielded as part of a slice', async () => {
    const slicer = new TimeSlicer(8);
    now += 2;
    const schedulerYield = vi.fn(async () => {
      now += 500; // the page ran meanwhile
    });
    vi.stubGlobal('scheduler', { yield: schedulerYield });
    await slicer.yield();
    expect(slicer.longestSliceMs).toBe(2);
    now += 1;
    slicer.endSlice();
    expect(slicer.longestSliceMs).toBe(2);
    expect(slicer.shouldYield()).toBe(false);
  });
});
