import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeoutError, within } from './within';

afterEach(() => vi.useRealTimers());

describe('within', () => {
  it('gives the work’s result when it ends in time', async () => {
    await expect(within(Promise.resolve(7), 10)).resolves.toBe(7);
  });

  it('rejects with a TimeoutError when it does not', async () => {
    vi.useFakeTimers();
    const late = within(new Promise(() => undefined), 1_000);
    vi.advanceTimersByTime(1_000);
    await expect(late).rejects.toBeInstanceOf(TimeoutError);
  });
});
