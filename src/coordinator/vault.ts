/**
 * A typed, versioned item in the extension origin's IndexedDB. IndexedDB of the extension
 * origin is reachable from the service worker and extension pages only: a content script
 * runs with the page's origin and never sees it, unlike `storage.local`. That is why
 * secrets live here.
 *
 * Records are stored as { version, sealed: { iv, data } }: the value's JSON encrypted with
 * AES-GCM under a key that WebCrypto generated non-extractable and that lives in the same
 * database (see `sealKey`). That keeps the password out of plain text on disk; it does not
 * keep it from anyone who can run this extension in this profile (docs/security.md, *At rest, the vault is sealed*).
 * Records of an older Offhook, { version, value }, are read as they are and sealed on the next
 * write. Reading migrates older versions step by step and validates the result; bad data is
 * reported as an error, never silently replaced.
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
      return decode(def, await unseal(def.key, record, idb));
    },
    async set(value) {
      const valid = def.validate(value);
      const sealed = await seal(valid, idb);
      await withStore(idb, 'readwrite', (store) => store.put({ version: def.version, sealed }, def.key));
    },
    async remove() {
      await withStore(idb, 'readwrite', (store) => store.delete(def.key));
    },
  };
}

const KEY_NAME = 'seal-key';
const keys = new WeakMap<IDBFactory, Promise<CryptoKey>>();

/**
 * The vault's AES-GCM key: made once, non-extractable (no script, this extension's included,
 * can read its bytes; it can only use it), and kept beside the records. Two first uses at once
 * make one key: the one stored first wins, in one transaction.
 */
function sealKey(idb: IDBFactory): Promise<CryptoKey> {
  let key = keys.get(idb);
  if (!key) {
    key = (async () => {
      const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      const db = await open(idb);
      return new Promise<CryptoKey>((resolve, reject) => {
        const tx = transaction(idb, db, 'readwrite');
        const store = tx.objectStore(STORE);
        let chosen = fresh;
        const existing = store.get(KEY_NAME);
        existing.onsuccess = () => {
          if (existing.result instanceof CryptoKey) chosen = existing.result;
          else store.put(fresh, KEY_NAME);
        };
        tx.oncomplete = () => resolve(chosen);
        tx.onerror = () => reject(tx.error ?? new Error('Cannot keep the vault key'));
      });
    })();
    key.catch(() => keys.delete(idb));
    keys.set(idb, key);
  }
  return key;
}

async function seal(value: unknown, idb: IDBFactory): Promise<{ iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }> {
  const iv = crypto.getRandomValues(new Uint8Array(new ArrayBuffer(12)));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await sealKey(idb), new TextEncoder().encode(JSON.stringify(value)));
  return { iv, data };
}

/** The record as { version, value }, whether it was sealed or written by an older Offhook. */
async function unseal(name: string, record: unknown, idb: IDBFactory): Promise<unknown> {
  const sealed = (record as { sealed?: { iv?: unknown; data?: unknown } } | null)?.sealed;
  if (!sealed) return record;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer> }, await sealKey(idb), sealed.data as ArrayBuffer);
    return { version: (record as { version?: unknown }).version, value: JSON.parse(new TextDecoder().decode(plain)) };
  } catch {
    throw new VaultCorruptError(name, 'it cannot be unsealed with this browser profile’s key');
  }
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

const connections = new WeakMap<IDBFactory, Promise<IDBDatabase>>();

/**
 * The vault's database, opened once and kept open: opening it for each read cost a call's
 * click 1–2 ms before its INVITE. The connection lets go when the database is to be deleted
 * or upgraded (`versionchange`: clearing the extension's data) or the browser closes it; the
 * next use opens it again.
 */
function open(idb: IDBFactory): Promise<IDBDatabase> {
  let connection = connections.get(idb);
  if (!connection) {
    connection = new Promise((resolve, reject) => {
      const req = idb.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => {
        const db = req.result;
        db.onversionchange = () => forget(idb, db);
        db.onclose = () => forget(idb, db);
        resolve(db);
      };
      req.onerror = () => reject(req.error ?? new Error('Cannot open the vault'));
    });
    connection.catch(() => connections.delete(idb));
    connections.set(idb, connection);
  }
  return connection;
}

function forget(idb: IDBFactory, db: IDBDatabase): void {
  connections.delete(idb);
  // A deleted database took its key along: the next seal reads or makes the stored one.
  keys.delete(idb);
  db.close();
}

/** A transaction on the kept connection; one that closed meanwhile is opened again. */
function transaction(idb: IDBFactory, db: IDBDatabase, mode: IDBTransactionMode): IDBTransaction {
  try {
    return db.transaction(STORE, mode);
  } catch (error) {
    forget(idb, db);
    throw error;
  }
}

async function withStore<R>(
  idb: IDBFactory,
  mode: IDBTransactionMode,
  action: (store: IDBObjectStore) => IDBRequest<R>,
): Promise<R> {
  const run = async () => {
    const db = await open(idb);
    return new Promise<R>((resolve, reject) => {
      const tx = transaction(idb, db, mode);
      const req = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new Error('Vault transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('Vault transaction aborted'));
    });
  };
  try {
    return await run();
  } catch (error) {
    // The kept connection was closing: once more, on a fresh one.
    if ((error as DOMException | null)?.name !== 'InvalidStateError') throw error;
    return run();
  }
}
