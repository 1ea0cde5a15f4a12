import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { lastSnapshot } from './last-snapshot';
import { readLastSnapshot } from './read-last-snapshot';
import type { PhoneSnapshot } from './snapshot';

describe('readLastSnapshot', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reads what the coordinator stored through the storage item', async () => {
    const stored = { revision: 3, registration: { state: 'registered', aor: 'alice@pbx.example' }, calls: [], dnd: false } as unknown as PhoneSnapshot;
    await lastSnapshot.setValue(stored);
    expect(await readLastSnapshot()).toEqual(stored);
  });

  it('is null when nothing is stored', async () => {
    expect(await readLastSnapshot()).toBeNull();
  });
});
