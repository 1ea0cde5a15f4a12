import type { TimeSlicer } from './scan/time-slicer';

/**
 * The warm-up's slice budget. Its steps are compilations that cannot be cut, the largest about
 * 6 ms (the negative label pattern, once per text width): a step starts a task of its own once
 * the current one has run this long, so a slice is at most this plus one step.
 */
export const WARM_UP_SLICE_MS = 1;

/**
 * Runs the engine's warm-up steps in slices. The first step never runs in the task that
 * started the engine: that task has already done the engine's start (its listeners, its first
 * reads), which the slicer did not see.
 */
export async function runWarmUp(steps: ReadonlyArray<() => void>, slicer: Pick<TimeSlicer, 'shouldYield' | 'yield'>): Promise<void> {
  await slicer.yield();
  for (const step of steps) {
    if (slicer.shouldYield()) await slicer.yield();
    step();
  }
}
