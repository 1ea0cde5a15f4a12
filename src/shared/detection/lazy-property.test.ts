import { describe, expect, it } from 'vitest';
import { lazyProperty } from './lazy-property';

describe('lazyProperty', () => {
  it('computes once, on the first read, and then holds a plain value', () => {
    let calls = 0;
    const o = { a: 1 } as { a: number; b: string };
    lazyProperty(o, 'b', () => {
      calls++;
      return 'x';
    });
    expect(calls).toBe(0);
    expect(o.b).toBe('x');
    expect(o.b).toBe('x');
    expect(calls).toBe(1);
    expect(Object.getOwnPropertyDescriptor(o, 'b')).toEqual({ value: 'x', enumerable: true, configurable: true, writable: true });
  });

  it('is enumerable, so spreading, JSON and deep equality see it', () => {
    const o = { a: 1 } as { a: number; b: string };
    lazyProperty(o, 'b', () => 'x');
    expect({ ...o }).toEqual({ a: 1, b: 'x' });
    const p = { a: 1 } as { a: number; b: string };
    lazyProperty(p, 'b', () => 'x');
    expect(JSON.parse(JSON.stringify(p))).toEqual({ a: 1, b: 'x' });
    const q = { a: 1 } as { a: number; b: string };
    lazyProperty(q, 'b', () => 'x');
    expect(q).toEqual({ a: 1, b: 'x' });
  });

  it('can be overwritten before it was read, without computing', () => {
    const o = { a: 1 } as { a: number; b: string };
    lazyProperty(o, 'b', () => {
      throw new Error('not needed');
    });
    o.b = 'y';
    expect(o.b).toBe('y');
  });
});
