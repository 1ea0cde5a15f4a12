import { describe, expect, it, vi } from 'vitest';
import { RefusedCallsLedger, refusedEntry } from './refused-calls';

vi.mock('wxt/utils/storage', () => ({ storage: { defineItem: () => ({}) } }));

function item(fail = false) {
  let value: unknown = null;
  return {
    getValue: vi.fn(async () => {
      if (fail) throw new Error('full');
      return value as never;
    }),
    setValue: vi.fn(async (v: unknown) => {
      if (fail) throw new Error('full');
      value = v;
    }),
  };
}
const bob = { uri: 'sip:bob@x', number: 'bob', displayName: 'Bob' };
const tally = (epoch: string, dnd: number, busy: number) => ({
  epoch,
  dnd: { count: dnd, ...(dnd ? { last: bob, lastAt: 10 } : {}) },
  busy: { count: busy, ...(busy ? { last: bob, lastAt: 20 } : {}) },
});

describe('refused calls', () => {
  it.each([false, true])('tells each refused call once (storage failing: %s)', async (fail) => {
    const store = item(fail);
    const ledger = new RefusedCallsLedger(vi.fn(), store);
    expect(await ledger.take(tally('e1', 3, 0))).toMatchObject([{ kind: 'dnd', count: 3 }]);
    expect(await ledger.take(tally('e1', 3, 0))).toEqual([]);
    expect(await ledger.take(tally('e1', 5, 2))).toMatchObject([{ kind: 'dnd', count: 2 }, { kind: 'busy', count: 2 }]);
  });

  it('survives a worker restart, and starts again for a new softphone', async () => {
    const store = item();
    await new RefusedCallsLedger(vi.fn(), store).take(tally('e1', 3, 0));
    const after = new RefusedCallsLedger(vi.fn(), store);
    expect(await after.take(tally('e1', 3, 0))).toEqual([]);
    expect(await after.take(tally('e2', 1, 0))).toMatchObject([{ kind: 'dnd', count: 1 }]);
  });

  it('makes one history entry for a batch, with its count', async () => {
    const [news] = await new RefusedCallsLedger(vi.fn(), item()).take(tally('e1', 4, 0));
    expect(refusedEntry(news!)).toMatchObject({ outcome: 'missed', refused: 'dnd', count: 4, name: 'Bob', target: 'sip:bob@x', status: 486 });
  });
});
