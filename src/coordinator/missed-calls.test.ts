import { describe, expect, it, vi } from 'vitest';
import type { CallInfo } from '../shared/call/call-info';
import { MissedCalls } from './missed-calls';

vi.mock('wxt/utils/storage', () => ({ storage: { defineItem: () => ({}) } }));

function item(fail: { read?: boolean; write?: boolean } = {}) {
  let value: unknown = { count: 0, lastId: '' };
  return {
    getValue: vi.fn(async () => {
      if (fail.read) throw new Error('read failed');
      return value as { count: number; lastId: string };
    }),
    setValue: vi.fn(async (v: unknown) => {
      if (fail.write) throw new DOMException('full', 'QuotaExceededError');
      value = v;
    }),
  };
}
const call = (id: string) => ({ id }) as CallInfo;

describe('missed calls', () => {
  it('counts each call once, and refused calls by number, until seen', async () => {
    const missed = new MissedCalls(undefined, item());
    expect(await missed.note(call('a'))).toBe(true);
    expect(await missed.note(call('a'))).toBe(false);
    await missed.add(3);
    expect(await missed.count()).toBe(4);
    await missed.seen();
    expect(await missed.count()).toBe(0);
  });

  it('goes on counting in memory when storage is full, and says so', async () => {
    const trouble = vi.fn();
    const missed = new MissedCalls(trouble, item({ write: true }));
    expect(await missed.note(call('a'))).toBe(true);
    expect(await missed.note(call('b'))).toBe(true);
    expect(await missed.note(call('b'))).toBe(false);
    expect(await missed.count()).toBe(2);
    expect(trouble).toHaveBeenCalledWith(expect.objectContaining({ name: 'QuotaExceededError' }));
  });

  it('goes on when storage cannot even be read', async () => {
    const missed = new MissedCalls(vi.fn(), item({ read: true, write: true }));
    expect(await missed.note(call('a'))).toBe(true);
    expect(await missed.count()).toBe(1);
  });
});
