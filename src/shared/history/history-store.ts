import { fold, folds, HISTORY_LIMIT, holds, readHistory, type HistoryEntry } from './call-history';

/**
 * The call history, in the extension origin's IndexedDB: the service worker and Offhook's own
 * pages reach it, a content script (which runs with the page's origin) never does, unlike
 * `storage.local`. One record per entry, so recording a call costs the same whether the
 * history holds five entries or five hundred.
 *
 * Written by the coordinator only. Every write is announced on a BroadcastChannel, which an
 * open popup listens to.
 */
export interface HistoryStore {
  /** Newest first, at most `limit`. */
  list(limit?: number): Promise<HistoryEntry[]>;
  /** Records a call (or folds it into the newest entry); false when it was there already. */
  add(entry: HistoryEntry): Promise<boolean>;
  /** Entries of an older Offhook, kept as they were (newest first). */
  addAll(entries: readonly HistoryEntry[]): Promise<void>;
  clear(): Promise<void>;
  /** Calls `changed` after every write, in any context; returns a stop function. */
  watch(changed: () => void): () => void;
}

const DB_NAME = 'offhook-history';
const STORE = 'entries';
const BY_END = 'endedAt';
export const HISTORY_CHANNEL = 'offhook-history';

export function historyStore(idb: IDBFactory = indexedDB): HistoryStore {
  const announce = () => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(HISTORY_CHANNEL);
    channel.postMessage('changed');
    channel.close();
  };
  return {
    async list(limit = HISTORY_LIMIT) {
      return withStore(idb, 'readonly', (store, done) => {
        const out: unknown[] = [];
        const cursor = store.index(BY_END).openCursor(null, 'prev');
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (c && out.length < limit) {
            out.push(c.value);
            c.continue();
          } else done(readHistory(out));
        };
      });
    },
    async add(entry) {
      const added = await withStore<boolean>(idb, 'readwrite', (store, done) => {
        const newest = store.index(BY_END).openCursor(null, 'prev');
        newest.onsuccess = () => {
          const top = newest.result?.value as HistoryEntry | undefined;
          if (top && holds(top, entry.id)) return done(false);
          const known = store.getKey(entry.id);
          known.onsuccess = () => {
            if (known.result !== undefined) return done(false);
            store.put(top && folds(top, entry) ? fold(top, entry) : entry);
            trim(store, () => done(true));
          };
        };
      });
      if (added) announce();
      return added;
    },
    async addAll(entries) {
      await withStore<void>(idb, 'readwrite', (store, done) => {
        for (const entry of readHistory(entries)) store.put(entry);
        trim(store, () => done());
      });
      announce();
    },
    async clear() {
      await withStore<void>(idb, 'readwrite', (store, done) => {
        store.clear().onsuccess = () => done();
      });
      announce();
    },
    watch(changed) {
      if (typeof BroadcastChannel === 'undefined') return () => undefined;
      const channel = new BroadcastChannel(HISTORY_CHANNEL);
      channel.onmessage = () => changed();
      return () => channel.close();
    },
  };
}

/** Drops the oldest entries past HISTORY_LIMIT. */
function trim(store: IDBObjectStore, then: () => void): void {
  const count = store.count();
  count.onsuccess = () => {
    let extra = count.result - HISTORY_LIMIT;
    if (extra <= 0) return then();
    const oldest = store.index(BY_END).openCursor(null, 'next');
    oldest.onsuccess = () => {
      const c = oldest.result;
      if (!c || extra-- <= 0) return then();
      c.delete();
      c.continue();
    };
  };
}

function open(idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = idb.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' }).createIndex(BY_END, 'endedAt');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('Cannot open the call history'));
  });
}

/**
 * One transaction; `work` calls `done` with the result once its requests are issued. The
 * promise settles when the transaction has committed (a full disk fails it here, with the
 * browser's QuotaExceededError) or failed.
 */
async function withStore<R>(
  idb: IDBFactory,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore, done: (result: R) => void) => void,
): Promise<R> {
  const db = await open(idb);
  try {
    return await new Promise<R>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      let result: R;
      work(tx.objectStore(STORE), (r) => (result = r));
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error ?? new Error('Call history transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('Call history transaction aborted'));
    });
  } finally {
    db.close();
  }
}
