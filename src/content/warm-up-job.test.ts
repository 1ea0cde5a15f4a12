import { describe, expect, it } from 'vitest';
import { runWarmUp } from './warm-up-job';

describe('runWarmUp', () => {
  it('leaves the starting task before the first step, and yields between steps once the slice is used up', async () => {
    const log: string[] = [];
    let used = 0;
    const slicer = {
      shouldYield: () => used >= 1,
      yield: async () => {
        log.push('yield');
        used = 0;
      },
    };
    const step = (name: string, ms: number) => () => {
      log.push(name);
      used += ms;
    };
    await runWarmUp([step('a', 0.2), step('b', 0.3), step('c', 6), step('d', 0.1), step('e', 4)], slicer);
    expect(log).toEqual(['yield', 'a', 'b', 'c', 'yield', 'd', 'e']);
  });
});
