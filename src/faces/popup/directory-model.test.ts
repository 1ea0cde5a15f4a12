import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoordinatorClient } from '../common/coordinator-client';
import { createDirectoryModel } from './directory-model';

function fakeClient(answer: (term: string) => unknown) {
  const asked: string[] = [];
  const client = {
    ask: async (_type: string, payload: { term: string }) => {
      asked.push(payload.term);
      return answer(payload.term);
    },
    watch: () => undefined,
  } as unknown as CoordinatorClient;
  return { client, asked };
}

describe('the dialer’s directory search', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once the person stops typing, and shows only the latest term’s answer', async () => {
    const fake = fakeClient((term) => ({ ok: true, contacts: [{ name: `${term} Builder`, number: '1002' }] }));
    const model = createDirectoryModel(fake.client);
    model.typed('b', true);
    model.typed('bo', true);
    model.typed('bob', true);
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.asked).toEqual(['bob']);
    expect(model.results.value).toEqual([{ name: 'bob Builder', number: '1002' }]);
    expect(model.term.value).toBe('bob');
  });

  it('asks nothing where the phone system has no directory, nor for one letter', async () => {
    const fake = fakeClient(() => ({ ok: true, contacts: [] }));
    const model = createDirectoryModel(fake.client);
    model.typed('bob', false);
    model.typed('b', true);
    await vi.advanceTimersByTimeAsync(300);
    expect(fake.asked).toEqual([]);
  });

  it('says why a search failed, and drops an answer that comes after the list was cleared', async () => {
    const fake = fakeClient(() => ({ ok: false, error: 'Cannot reach the Wazo server at https://w.' }));
    const model = createDirectoryModel(fake.client);
    model.typed('bob', true);
    await vi.advanceTimersByTimeAsync(300);
    expect(model.error.value).toMatch(/Cannot reach/);
    model.typed('alice', true);
    model.clear();
    await vi.advanceTimersByTimeAsync(300);
    expect(model.results.value).toEqual([]);
    expect(model.term.value).toBe('');
  });
});
