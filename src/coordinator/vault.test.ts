import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { VaultCorruptError, defineVaultItem, type VaultItemDefinition } from './vault';

interface Prefs {
  volume: number;
  ringtone: string;
}

function validatePrefs(value: unknown): Prefs {
  const v = value as Partial<Prefs> | null;
  if (typeof v?.volume !== 'number' || typeof v.ringtone !== 'string') throw new Error('volume or ringtone missing');
  return { volume: v.volume, ringtone: v.ringtone };
}

const prefsV1: VaultItemDefinition<Prefs> = { key: 'prefs', version: 1, validate: validatePrefs };

/** Writes a raw record as an older or newer Offhook would have, bypassing validation. */
async function writeRaw(idb: IDBFactory, key: string, record: unknown): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = idb.open('offhook-vault', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('items');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('items', 'readwrite');
    tx.objectStore('items').put(record, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** A sealed record opened with the vault's key, as { version, value }. */
async function opened(idb: IDBFactory, name: string): Promise<unknown> {
  const raw = (await readRaw(idb, name)) as { version: number; sealed: { iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer } };
  const key = (await readRaw(idb, 'seal-key')) as CryptoKey;
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: raw.sealed.iv }, key, raw.sealed.data);
  return { version: raw.version, value: JSON.parse(new TextDecoder().decode(plain)) };
}

async function readRaw(idb: IDBFactory, key: string): Promise<unknown> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = idb.open('offhook-vault', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('items');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const value = await new Promise<unknown>((resolve, reject) => {
    const req = db.transaction('items', 'readonly').objectStore('items').get(key);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  return value;
}

let idb: IDBFactory;
beforeEach(() => {
  idb = new IDBFactory();
});

describe('a vault item', () => {
  it('is null before anything is stored', async () => {
    expect(await defineVaultItem(prefsV1, idb).get()).toBeNull();
  });

  it('reads back what was stored, also through a fresh handle', async () => {
    await defineVaultItem(prefsV1, idb).set({ volume: 0.5, ringtone: 'classic' });
    expect(await defineVaultItem(prefsV1, idb).get()).toEqual({ volume: 0.5, ringtone: 'classic' });
  });

  it('stores the value sealed, with its version, under a key no script can read', async () => {
    await defineVaultItem(prefsV1, idb).set({ volume: 1, ringtone: 'a' });
    const raw = (await readRaw(idb, 'prefs')) as { version: number; value?: unknown; sealed: { iv: Uint8Array; data: ArrayBuffer } };
    expect(raw.version).toBe(1);
    expect(raw.value).toBeUndefined();
    expect(new TextDecoder().decode(raw.sealed.data)).not.toContain('ringtone');
    const key = (await readRaw(idb, 'seal-key')) as CryptoKey;
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    expect(await opened(idb, 'prefs')).toEqual({ version: 1, value: { volume: 1, ringtone: 'a' } });
  });

  it('reads a record of an older Offhook, which was not sealed, and seals it on the next write', async () => {
    await writeRaw(idb, 'prefs', { version: 1, value: { volume: 0.5, ringtone: 'classic' } });
    const item = defineVaultItem(prefsV1, idb);
    expect(await item.get()).toEqual({ volume: 0.5, ringtone: 'classic' });
    await item.set({ volume: 0.5, ringtone: 'classic' });
    expect(await readRaw(idb, 'prefs')).toMatchObject({ version: 1, sealed: expect.anything() });
  });

  it('says so when a sealed record cannot be opened (its key is gone)', async () => {
    await defineVaultItem(prefsV1, idb).set({ volume: 1, ringtone: 'a' });
    const record = await readRaw(idb, 'prefs');
    const other = new IDBFactory();
    await writeRaw(other, 'prefs', record);
    await expect(defineVaultItem(prefsV1, other).get()).rejects.toThrow(/cannot be unsealed/);
  });

  it('overwrites on a second set', async () => {
    const item = defineVaultItem(prefsV1, idb);
    await item.set({ volume: 1, ringtone: 'a' });
    await item.set({ volume: 0, ringtone: 'b' });
    expect(await item.get()).toEqual({ volume: 0, ringtone: 'b' });
  });

  it('is null again after remove', async () => {
    const item = defineVaultItem(prefsV1, idb);
    await item.set({ volume: 1, ringtone: 'a' });
    await item.remove();
    expect(await item.get()).toBeNull();
  });

  it('keeps items of different keys apart', async () => {
    const other = defineVaultItem({ ...prefsV1, key: 'other' }, idb);
    await defineVaultItem(prefsV1, idb).set({ volume: 1, ringtone: 'a' });
    expect(await other.get()).toBeNull();
  });

  it('refuses to store an invalid value and keeps the previous one', async () => {
    const item = defineVaultItem(prefsV1, idb);
    await item.set({ volume: 1, ringtone: 'a' });
    await expect(item.set({ volume: 'loud' } as unknown as Prefs)).rejects.toThrow(/volume or ringtone missing/);
    expect(await item.get()).toEqual({ volume: 1, ringtone: 'a' });
  });

  it('stores what validate returns, not extra fields passed in', async () => {
    await defineVaultItem(prefsV1, idb).set({ volume: 1, ringtone: 'a', debug: true } as Prefs);
    expect(await opened(idb, 'prefs')).toEqual({ version: 1, value: { volume: 1, ringtone: 'a' } });
  });
});

describe('reading older data', () => {
  // v1 stored { vol: 0..100 }; v2 renamed it to volume 0..1; v3 added a ringtone.
  const prefsV3: VaultItemDefinition<Prefs> = {
    key: 'prefs',
    version: 3,
    migrations: {
      1: (old) => ({ volume: (old as { vol: number }).vol / 100 }),
      2: (old) => ({ ...(old as object), ringtone: 'classic' }),
    },
    validate: validatePrefs,
  };

  it('migrates step by step, each step seeing the previous one’s result', async () => {
    await writeRaw(idb, 'prefs', { version: 1, value: { vol: 40 } });
    expect(await defineVaultItem(prefsV3, idb).get()).toEqual({ volume: 0.4, ringtone: 'classic' });
  });

  it('starts from the stored version, not from the first', async () => {
    await writeRaw(idb, 'prefs', { version: 2, value: { volume: 0.7 } });
    expect(await defineVaultItem(prefsV3, idb).get()).toEqual({ volume: 0.7, ringtone: 'classic' });
  });

  it('reads a current record without migrating', async () => {
    await writeRaw(idb, 'prefs', { version: 3, value: { volume: 0.2, ringtone: 'beep' } });
    expect(await defineVaultItem(prefsV3, idb).get()).toEqual({ volume: 0.2, ringtone: 'beep' });
  });

  it('stores a new value at the current version', async () => {
    await writeRaw(idb, 'prefs', { version: 1, value: { vol: 40 } });
    await defineVaultItem(prefsV3, idb).set({ volume: 1, ringtone: 'x' });
    expect(await opened(idb, 'prefs')).toEqual({ version: 3, value: { volume: 1, ringtone: 'x' } });
  });

  it('reports a missing migration step instead of guessing', async () => {
    await writeRaw(idb, 'prefs', { version: 1, value: { vol: 40 } });
    const gap = { ...prefsV3, migrations: { 2: prefsV3.migrations![2]! } };
    await expect(defineVaultItem(gap, idb).get()).rejects.toThrow(VaultCorruptError);
  });
});

// Bad stored data is reported, never silently replaced: a reset would lose the account.
describe('bad stored data', () => {
  it('a record from a newer Offhook is reported and left alone', async () => {
    const record = { version: 2, value: { volume: 1, ringtone: 'a', theme: 'dark' } };
    await writeRaw(idb, 'prefs', record);
    const error = await defineVaultItem(prefsV1, idb).get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultCorruptError);
    expect((error as Error).message).toMatch(/prefs.*version 2 is newer/);
    expect(await readRaw(idb, 'prefs')).toEqual(record);
  });

  it('a value that fails validation is reported and left alone', async () => {
    await writeRaw(idb, 'prefs', { version: 1, value: { volume: 'loud' } });
    const error = await defineVaultItem(prefsV1, idb).get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultCorruptError);
    expect((error as Error).message).toMatch(/prefs.*volume or ringtone missing/);
    expect(await readRaw(idb, 'prefs')).toEqual({ version: 1, value: { volume: 'loud' } });
  });

  it.each([
    ['a bare value', 'hello'],
    ['a record without a version', { value: { volume: 1, ringtone: 'a' } }],
    ['a version as text', { version: '1', value: { volume: 1, ringtone: 'a' } }],
    ['a version that is not a whole number', { version: Number.NaN, value: { volume: 1, ringtone: 'a' } }],
    ['null', null],
  ])('%s is reported', async (_, record) => {
    await writeRaw(idb, 'prefs', record);
    await expect(defineVaultItem(prefsV1, idb).get()).rejects.toThrow(VaultCorruptError);
  });

  it('a record a migration cannot read is reported as corrupt', async () => {
    await writeRaw(idb, 'prefs', { version: 1, value: null });
    const v2: VaultItemDefinition<Prefs> = {
      ...prefsV1,
      version: 2,
      migrations: { 1: (old) => ({ volume: (old as { vol: number }).vol / 100, ringtone: 'classic' }) },
    };
    const error = await defineVaultItem(v2, idb).get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultCorruptError);
    expect((error as Error).message).toMatch(/prefs.*version 1/);
  });

  it('a value a migration turns invalid is reported', async () => {
    await writeRaw(idb, 'prefs', { version: 1, value: { vol: 40 } });
    const v2: VaultItemDefinition<Prefs> = { ...prefsV1, version: 2, migrations: { 1: () => ({}) } };
    await expect(defineVaultItem(v2, idb).get()).rejects.toThrow(VaultCorruptError);
  });

  it('keeps one connection open across reads and writes', async () => {
    let opens = 0;
    const open = idb.open.bind(idb);
    idb.open = ((...args: Parameters<IDBFactory['open']>) => (opens++, open(...args))) as IDBFactory['open'];
    const item = defineVaultItem(prefsV1, idb);
    await item.set({ volume: 1, ringtone: 'a' });
    for (let i = 0; i < 5; i++) expect(await item.get()).toEqual({ volume: 1, ringtone: 'a' });
    await item.set({ volume: 2, ringtone: 'b' });
    expect(opens).toBe(1);
  });

  it('lets go of its connection when the database is deleted, and opens it again after', async () => {
    const item = defineVaultItem(prefsV1, idb);
    await item.set({ volume: 1, ringtone: 'a' });
    const deleted = await new Promise<string>((resolve) => {
      const req = idb.deleteDatabase('offhook-vault');
      req.onsuccess = () => resolve('deleted');
      req.onblocked = () => resolve('blocked');
    });
    expect(deleted).toBe('deleted');
    expect(await item.get()).toBeNull();
    await item.set({ volume: 3, ringtone: 'c' });
    expect(await item.get()).toEqual({ volume: 3, ringtone: 'c' });
    // Sealed under a key the new database holds, so it opens after a restart too.
    expect(await opened(idb, 'prefs')).toEqual({ version: 1, value: { volume: 3, ringtone: 'c' } });
  });
});
