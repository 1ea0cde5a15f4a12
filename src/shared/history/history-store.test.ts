import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { HISTORY_LIMIT, type HistoryEntry } from './call-history';
import { historyStore } from './history-store';

const entry = (id: string, at: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  direction: 'inbound',
  target: 'sip:bob@pbx.example',
  number: 'bob',
  startedAt: at,
  endedAt: at + 1000,
  outcome: 'answered',
  ...extra,
});

describe('the call history store', () => {
  it('lists newest first and records each call once', async () => {
    const store = historyStore(new IDBFactory());
    expect(await store.add(entry('a', 1000))).toBe(true);
    expect(await store.add(entry('b', 5000))).toBe(true);
    expect(await store.add(entry('a', 1000))).toBe(false);
    expect((await store.list()).map((e) => e.id)).toEqual(['b', 'a']);
    expect((await store.list(1)).map((e) => e.id)).toEqual(['b']);
  });

  it('folds missed calls in a row from one caller, and counts a call seen twice once', async () => {
    const store = historyStore(new IDBFactory());
    await store.add(entry('m1', 1000, { outcome: 'missed' }));
    await store.add(entry('m2', 9000, { outcome: 'missed' }));
    expect(await store.add(entry('m2', 9000, { outcome: 'missed' }))).toBe(false);
    await store.add(entry('m3', 20_000, { outcome: 'missed', target: 'sip:carol@pbx.example', number: 'carol' }));
    const [carol, bob] = await store.list();
    expect(carol).toMatchObject({ id: 'm3', number: 'carol' });
    expect(bob).toMatchObject({ id: 'm1', count: 2, startedAt: 9000, folded: ['m1', 'm2'] });
  });

  it('folds a run of refused calls whoever called', async () => {
    const store = historyStore(new IDBFactory());
    await store.add(entry('r1', 1000, { outcome: 'missed', refused: 'dnd', count: 3 }));
    await store.add(entry('r2', 2000, { outcome: 'missed', refused: 'dnd', count: 2, number: 'carol' }));
    await store.add(entry('r3', 3000, { outcome: 'missed', refused: 'busy', count: 1 }));
    const [busy, dnd] = await store.list();
    expect(busy).toMatchObject({ refused: 'busy', count: 1 });
    expect(dnd).toMatchObject({ refused: 'dnd', count: 5, number: 'carol' });
  });

  it('keeps the newest HISTORY_LIMIT entries', async () => {
    const store = historyStore(new IDBFactory());
    for (let i = 0; i < HISTORY_LIMIT + 3; i++) await store.add(entry(`c${i}`, i * 10_000));
    const all = await store.list();
    expect(all).toHaveLength(HISTORY_LIMIT);
    expect(all.at(-1)!.id).toBe('c3');
  });

  it('announces every write to the other contexts, and clears', async () => {
    const store = historyStore(new IDBFactory());
    const changed = vi.fn();
    const stop = store.watch(changed);
    await store.add(entry('a', 1000));
    await vi.waitFor(() => expect(changed).toHaveBeenCalledOnce());
    await store.clear();
    expect(await store.list()).toEqual([]);
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(2));
    stop();
  });
});
