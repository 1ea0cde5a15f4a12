import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../shared/account/account';
import { defaultDialPlan } from '../shared/dial-plan/dial-plan';
import { accountItem, accountStore } from './account-store';
import { VaultCorruptError, defineVaultItem } from './vault';

const account: Account = {
  kind: 'sip',
  server: 'wss://pbx.example.com:8089/ws',
  username: 'alice',
  authUsername: '',
  domain: 'pbx.example.com',
  displayName: 'Alice',
  password: 'secret',
  ha1: '',
  refreshToken: '',
  oauthClientId: '',
  iceServers: [{ urls: 'stun:stun.example.com' }, { urls: 'turn:turn.example.com', username: 'a', credential: 'b' }],
  dtmfMethod: 'rfc4733',
  autoAnswer: 'off',
  transferRequests: 'decline',
  dialPlan: { international: 'prefix', internationalPrefix: '00', homeCountry: 'DE', outsideLine: '0' },
  expires: 300,
};

let idb: IDBFactory;
beforeEach(() => {
  idb = new IDBFactory();
});

/** Stores anything under the account's key, as a buggy or older build might have. */
async function storeRaw(value: unknown): Promise<void> {
  await defineVaultItem({ key: 'account', version: 1, validate: (v) => v }, idb).set(value);
}

describe('the stored account', () => {
  it('is null before the user saves one', async () => {
    expect(await accountItem(idb).get()).toBeNull();
  });

  it('round-trips with its secret and ICE servers', async () => {
    await accountItem(idb).set(account);
    expect(await accountItem(idb).get()).toEqual(account);
  });

  it('round-trips an HA1 account', async () => {
    const withHa1 = { ...account, password: '', ha1: '0123456789abcdef0123456789abcdef' };
    await accountItem(idb).set(withHa1);
    expect(await accountItem(idb).get()).toEqual(withHa1);
  });

  it('is gone after remove', async () => {
    await accountItem(idb).set(account);
    await accountItem(idb).remove();
    expect(await accountItem(idb).get()).toBeNull();
  });

  it('refuses to save an account without a server', async () => {
    await expect(accountItem(idb).set({ ...account, server: '' })).rejects.toThrow(/empty/);
    expect(await accountItem(idb).get()).toBeNull();
  });

  it('reports a damaged stored account instead of forgetting it', async () => {
    await storeRaw({ ...account, password: 42 });
    await expect(accountItem(idb).get()).rejects.toThrow(VaultCorruptError);
    await expect(accountItem(idb).get()).rejects.toThrow(/password is not text/);
  });
});

/** Puts a record of an older version straight into the vault's IndexedDB. */
async function storeVersion(idb: IDBFactory, version: number, value: unknown): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = idb.open('offhook-vault', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('items');
    req.onsuccess = () => {
      const tx = req.result.transaction('items', 'readwrite');
      tx.objectStore('items').put({ version, value }, 'account');
      tx.oncomplete = () => (req.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}

describe('older stored accounts', () => {
  it('version 7 names the phone system: SIP, as every account was', async () => {
    const idb = new IDBFactory();
    const { kind: _, ...v7 } = account;
    await storeVersion(idb, 7, { accounts: [v7], defaultAor: `${v7.username}@${v7.domain}` });
    expect(await accountItem(idb).get()).toEqual({ ...v7, kind: 'sip' });
  });

  it('version 6 declines transfer requests, which earlier versions followed silently', async () => {
    const idb = new IDBFactory();
    const { transferRequests: _, kind: __, ...v6 } = account;
    await storeVersion(idb, 6, { accounts: [v6], defaultAor: `${v6.username}@${v6.domain}` });
    expect(await accountItem(idb).get()).toEqual({ ...v6, kind: 'sip', transferRequests: 'decline' });
  });

  it('version 5 (the account book) gives every account auto-answer off', async () => {
    const idb = new IDBFactory();
    const { autoAnswer: _, transferRequests: __, ...v5 } = account;
    await storeVersion(idb, 5, { accounts: [v5], defaultAor: `${v5.username}@${v5.domain}` });
    expect(await accountItem(idb).get()).toEqual({ ...v5, autoAnswer: 'off', transferRequests: 'decline' });
  });

  it('version 1 is read with RTP keypad tones and the old fixed 300 s registration', async () => {
    const idb = new IDBFactory();
    const { dtmfMethod: _, expires: __, dialPlan: ___, autoAnswer: ____, transferRequests: _____, ...v1 } = account;
    await storeVersion(idb, 1, v1);
    expect(await accountItem(idb).get()).toEqual({
      ...v1, dtmfMethod: 'rfc4733', expires: 300, dialPlan: defaultDialPlan, autoAnswer: 'off', transferRequests: 'decline',
    });
  });

  it('version 2 keeps its DTMF method and gets the old fixed 300 s registration', async () => {
    const idb = new IDBFactory();
    const { expires: _, dialPlan: __, autoAnswer: ___, transferRequests: ____, ...v2 } = account;
    await storeVersion(idb, 2, { ...v2, dtmfMethod: 'info' });
    expect(await accountItem(idb).get()).toEqual({
      ...v2, dtmfMethod: 'info', expires: 300, dialPlan: defaultDialPlan, autoAnswer: 'off', transferRequests: 'decline',
    });
  });
});


describe('version 3 accounts', () => {
  it('are read with the default dial plan: E.164 as they always dialled', async () => {
    const idb = new IDBFactory();
    const { dialPlan: _, ...v3 } = account;
    await defineVaultItem({ key: 'account', version: 3, validate: (v) => v }, idb).set(v3);
    expect(await accountItem(idb).get()).toEqual({ ...v3, dialPlan: defaultDialPlan });
  });

  it('a damaged dial plan is reported, not replaced', async () => {
    const idb = new IDBFactory();
    await defineVaultItem({ key: 'account', version: 4, validate: (v) => v }, idb).set({ ...account, dialPlan: { outsideLine: 7 } });
    await expect(accountItem(idb).get()).rejects.toThrow(/dialPlan/);
  });
});

describe('several accounts', () => {
  const bob: Account = { ...account, username: 'bob', password: 'bob-secret' };
  it('the single stored account of version 4 becomes the default of the book', async () => {
    const idb = new IDBFactory();
    await defineVaultItem({ key: 'account', version: 4, validate: (v) => v }, idb).set(account);
    const store = accountStore(idb);
    expect(await store.book()).toEqual({ accounts: [account], defaultAor: 'alice@pbx.example.com' });
    expect(await store.get()).toEqual(account);
  });

  it('keeps several, saving makes one the default, select switches, remove falls back', async () => {
    const store = accountStore(new IDBFactory());
    await store.save(account);
    await store.save(bob);
    expect((await store.book()).accounts.map((a) => a.username)).toEqual(['alice', 'bob']);
    expect((await store.get())?.username).toBe('bob');
    await store.select('alice@pbx.example.com');
    expect((await store.get())?.username).toBe('alice');
    await expect(store.select('carol@pbx.example.com')).rejects.toThrow(/No stored account/);
    // Saving alice under a new name replaces her in place.
    await store.save({ ...account, username: 'alice2' }, 'alice@pbx.example.com');
    expect((await store.book()).accounts.map((a) => a.username)).toEqual(['alice2', 'bob']);
    expect((await store.remove())?.username).toBe('bob');
    expect(await store.remove()).toBeNull();
    expect(await store.get()).toBeNull();
  });

  it('refuses a book whose default is not in it', async () => {
    const idb = new IDBFactory();
    await defineVaultItem({ key: 'account', version: 5, validate: (v) => v }, idb).set({ accounts: [account], defaultAor: 'x@y' });
    await expect(accountStore(idb).get()).rejects.toThrow(/default account/);
  });
});
