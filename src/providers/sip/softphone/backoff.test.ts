import { describe, expect, it, vi } from 'vitest';

vi.mock('sip.js', () => ({}));
const { backoff } = await import('./sip-connection');

describe('reconnect backoff', () => {
  it('doubles from 0.5 s and stays at 30 s, never giving up', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20, 100].map((n) => backoff(n, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000,
    ]);
  });

  it('spreads clients by ±20 % so they do not return in lockstep', () => {
    expect(backoff(3, () => 0)).toBe(3200);
    expect(backoff(3, () => 0.999999)).toBe(4800);
  });
});
