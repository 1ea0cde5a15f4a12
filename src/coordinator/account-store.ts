import { addressOfRecord, EXPIRES_DEFAULT, type Account } from '../shared/account/account';
import { readAccount } from '../shared/account/read-account';
import { defaultDialPlan } from '../shared/dial-plan/dial-plan';
import { defineVaultItem, type VaultItem } from './vault';

/**
 * The stored accounts and which one is the default (the one the softphone registers), by
 * address of record (user@domain), which is unique in the book.
 */
export interface AccountBook {
  accounts: Account[];
  defaultAor: string;
}

/**
 * Versions 1–4 stored one account. Version 2 added the DTMF method (accounts saved before keep
 * RTP telephone-events); version 3 the registration interval (accounts saved before keep the
 * old fixed 300 s); version 4 the dial plan (accounts saved before dial E.164 as they always
 * did); version 5 keeps several accounts with one default, the single one becoming it;
 * version 6 adds auto-answer for intercom calls, off for every account saved before; version 7
 * what to do with a far end's transfer request, declined for every account saved before (what
 * Offhook now does by default; earlier versions followed them silently); version 8 names the
 * phone system each account is for, SIP for every account saved before; version 9 a
 * platform's sign-in (refresh token), which no account saved before has; version 10 the OAuth
 * client id a platform's sign-in names, none before.
 */
export function accountBookItem(idb?: IDBFactory): VaultItem<AccountBook> {
  return defineVaultItem<AccountBook>(
    {
      key: 'account',
      version: 10,
      migrations: {
        1: (old) => ({ ...(old as object), dtmfMethod: 'rfc4733' }),
        2: (old) => ({ ...(old as object), expires: EXPIRES_DEFAULT }),
        3: (old) => ({ ...(old as object), dialPlan: { ...defaultDialPlan } }),
        4: (old) => ({ accounts: [old], defaultAor: aorOf(old) }),
        5: (old) => {
          const book = old as { accounts?: object[] };
          return { ...book, accounts: (book.accounts ?? []).map((a) => ({ ...a, autoAnswer: 'off' })) };
        },
        6: (old) => {
          const book = old as { accounts?: object[] };
          return { ...book, accounts: (book.accounts ?? []).map((a) => ({ ...a, transferRequests: 'decline' })) };
        },
        7: (old) => {
          const book = old as { accounts?: object[] };
          return { ...book, accounts: (book.accounts ?? []).map((a) => ({ kind: 'sip', ...a })) };
        },
        8: (old) => {
          const book = old as { accounts?: object[] };
          return { ...book, accounts: (book.accounts ?? []).map((a) => ({ ...a, refreshToken: '' })) };
        },
        9: (old) => {
          const book = old as { accounts?: object[] };
          return { ...book, accounts: (book.accounts ?? []).map((a) => ({ ...a, oauthClientId: '' })) };
        },
      },
      validate: validateAccountBook,
    },
    idb,
  );
}

/** The book's operations; every change keeps exactly one default while any account is stored. */
export function accountStore(idb?: IDBFactory) {
  const item = accountBookItem(idb);
  const book = async (): Promise<AccountBook> => (await item.get()) ?? { accounts: [], defaultAor: '' };
  /** Stores `account` in place of `replaces` (or of the one with its address), and makes it
   * the default: saving an account is registering with it. */
  const save = async (account: Account, replaces?: string, opts: { makeDefault?: boolean } = {}): Promise<void> => {
    const b = await book();
    const aor = addressOfRecord(account);
    const rest = b.accounts.filter((a) => addressOfRecord(a) !== aor && addressOfRecord(a) !== replaces);
    const at = b.accounts.findIndex((a) => addressOfRecord(a) === (replaces ?? aor));
    const accounts = [...rest];
    accounts.splice(at < 0 ? accounts.length : Math.min(at, accounts.length), 0, account);
    const keep = opts.makeDefault === false && b.defaultAor && b.defaultAor !== replaces ? b.defaultAor : aor;
    await item.set({ accounts, defaultAor: keep });
  };
  return {
    book,
    /** The default account, or null when none is stored. */
    async get(): Promise<Account | null> {
      const b = await book();
      return b.accounts.find((a) => addressOfRecord(a) === b.defaultAor) ?? null;
    },
    async find(aor: string): Promise<Account | undefined> {
      return (await book()).accounts.find((a) => addressOfRecord(a) === aor);
    },
    save,
    /** Keeps a platform's new sign-in (or '' : none) on the stored account, leaving the default
     * as it is; with `ifStill`, only while the stored sign-in is still that one. */
    async setSignIn(account: Account, kept: string, opts: { ifStill?: string } = {}): Promise<void> {
      const aor = addressOfRecord(account);
      const stored = (await book()).accounts.find((a) => addressOfRecord(a) === aor);
      if (!stored || (opts.ifStill !== undefined && stored.refreshToken !== opts.ifStill)) return;
      await save({ ...stored, refreshToken: kept }, aor, { makeDefault: false });
    },
    /** Makes the stored account `aor` the default; returns it. */
    async select(aor: string): Promise<Account> {
      const b = await book();
      const account = b.accounts.find((a) => addressOfRecord(a) === aor);
      if (!account) throw new Error(`No stored account ${aor}.`);
      await item.set({ ...b, defaultAor: aor });
      return account;
    },
    /** Removes `aor` (default: the default account); returns the default afterwards. */
    async remove(aor?: string): Promise<Account | null> {
      const b = await book();
      const gone = aor ?? b.defaultAor;
      const accounts = b.accounts.filter((a) => addressOfRecord(a) !== gone);
      if (accounts.length === 0) {
        await item.remove();
        return null;
      }
      const next = accounts.find((a) => addressOfRecord(a) === b.defaultAor) ?? accounts[0]!;
      await item.set({ accounts, defaultAor: addressOfRecord(next) });
      return next;
    },
  };
}

export type AccountStore = ReturnType<typeof accountStore>;

/** The default account as one item, as the store was before several accounts. */
export function accountItem(idb?: IDBFactory): VaultItem<Account> {
  const store = accountStore(idb);
  return { get: () => store.get(), set: async (a) => store.save(readAccount(a)), remove: async () => void (await store.remove()) };
}

function aorOf(value: unknown): string {
  const v = value as { username?: unknown; domain?: unknown };
  return addressOfRecord({ username: String(v?.username), domain: String(v?.domain) });
}

export function validateAccountBook(value: unknown): AccountBook {
  if (typeof value !== 'object' || value === null) throw new Error('the account list is not an object');
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.accounts)) throw new Error('accounts is not a list');
  const accounts = v.accounts.map(readAccount);
  const aors = accounts.map(addressOfRecord);
  if (new Set(aors).size !== aors.length) throw new Error('an account is stored twice');
  if (typeof v.defaultAor !== 'string' || (accounts.length > 0 && !aors.includes(v.defaultAor)))
    throw new Error('the default account is not one of the stored accounts');
  return { accounts, defaultAor: v.defaultAor };
}
