/**
 * A typed, versioned item in the extension origin's IndexedDB. IndexedDB of the extension
 * origin is reachable from the service worker and extension pages only: a content script
 * runs with the page's origin and never sees it, unlike `storage.local`. That is why
 * secrets live here.
 *
 * Records are stored as { version, value }. Reading migrates older versions step by step
 * and validates the result; bad data is reported as an error, never silently replaced.
 */
export interface VaultItemDefinition<T> {
  key: string;
  version: number;
  /** migrations[n] turns a version-n value into a version-(n+1) value. */
  migrations?: Record<number, (old: unknown) => unknown>;
  /** Returns the value, typed, or throws saying what is wrong with it. */
  validate(value: unknown): T;
}

export class VaultCorruptError extends Error {
  constructor(key: string, detail: string) {
    super(`Stored ${key} is unreadable: ${detail}`);
    this.name = 'VaultCorruptError';
  }
}

const DB_NAME = 'offhook-vault';
const STORE = 'items';

export interface VaultItem<T> {
  get(): Promise<T | null>;
  set(value: T): Promise<void>;
  remove(): Promise<void>;
}

export function defineVaultItem<T>(def: VaultItemDefinition<T>, idb: IDBFactory = indexedDB): VaultItem<T> {
  return {
    async get() {
      const record = await withStore(idb, 'readonly', (store) => store.get(def.key));
      if (record === undefined) return null;
      return decode(def, record);
    },
    async set(value) {
      const valid = def.validate(value);
      await withStore(idb, 'readwrite', (store) => store.put({ version: def.version, value: valid }, def.key));
    },
    async remove() {
      await withStore(idb, 'readwrite', (store) => store.delete(def.key));
    },
  };
}

function decode<T>(def: VaultItemDefinition<T>, record: unknown): T {
  if (typeof record !== 'object' || record === null || !Number.isInteger((record as { version?: unknown }).version))
    throw new VaultCorruptError(def.key, 'no version');
  let { version, value } = record as { version: number; value: unknown };
  if (version > def.version) throw new VaultCorruptError(def.key, `version ${version} is newer than this Offhook`);
  while (version < def.version) {
    const migrate = def.migrations?.[version];
    if (!migrate) throw new VaultCorruptError(def.key, `no migration from version ${version}`);
    try {
      value = migrate(value);
    } catch (error) {
      throw new VaultCorruptError(def.key, `cannot migrate from version ${version}: ${(error as Error).message}`);
    }
    version++;
  }
  try {
    return def.validate(value);
  } catch (error) {
    throw new VaultCorruptError(def.key, (error as Error).message);
  }
}

function open(idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('Cannot open the vault'));
  });
}

async function withStore<R>(
  idb: IDBFactory,
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<R>,
): Promise<R> {
  const db = await open(idb);
  try {
    return await new Promise<R>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('Vault transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('Vault transaction aborted'));
    });
  } finally {
    db.close();
  }
}
