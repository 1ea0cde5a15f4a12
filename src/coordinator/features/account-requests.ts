import { addressOfRecord, sameHome, toView } from '../../shared/account/account';
import { t } from '../../shared/i18n/t';
import { validateAccountInput } from '../../providers/account-kinds';
import type { RequestHandlers } from '../../shared/messaging/endpoint';
import { buildSettingsFile, MAX_SETTINGS_FILE_BYTES } from '../../shared/settings/settings-file';
import { detectionSettings, readOwnDetectionSettings } from '../../shared/settings/detection-settings';
import { readAccountInput } from '../account-input';
import { lockedView, withPolicy, type ManagedPolicy } from '../managed-policy';
import { organizationPolicy } from '../managed-policy-source';
import { importSettings } from '../settings-transfer';
import { outcome, type CoordinatorContext } from './context';

type AccountRequestTypes =
  | 'account:get'
  | 'account:list'
  | 'account:select'
  | 'account:save'
  | 'account:remove'
  | 'account:test'
  | 'settings:export'
  | 'settings:import'
  | 'settings:policy';

/**
 * The options page's requests about accounts and the settings file. Every change of the
 * default account configures the line anew: saving, switching, removing, importing.
 */
export function accountRequests(ctx: CoordinatorContext): Pick<RequestHandlers<'coordinator'>, AccountRequestTypes> {
  const { accounts, line } = ctx;
  /** What the form sent, checked against the stored account (whose secret it may keep). */
  const validateInput = async (input: unknown, policy: ManagedPolicy, replaces?: string) => {
    // A field the organization set by policy wins over what was typed.
    const typed = withPolicy(readAccountInput(input), policy);
    // The secret kept is the edited account's, or the stored one's with the same address.
    const stored = await accounts.find(replaces ?? addressOfRecord(typed)).catch(() => undefined);
    return validateAccountInput(typed, stored ?? null);
  };
  /** "May not add other accounts": a new address is refused while one account is stored. */
  const otherAccountRefused = async (policy: ManagedPolicy, aor: string, replaces: string | undefined) => {
    if (policy.allowOtherAccounts !== false) return undefined;
    const book = await accounts.book();
    const known = book.accounts.some((a) => addressOfRecord(a) === (replaces ?? aor));
    if (book.accounts.length === 0 || known) return undefined;
    return { ok: false as const, errors: { username: t('optionsNoOtherAccounts') } };
  };
  return {
    'account:get': {
      shape: {},
      run: async () => {
        const account = await accounts.get();
        return account ? toView(account) : null;
      },
    },
    'account:list': {
      shape: {},
      run: async () => {
        const book = await accounts.book();
        return { accounts: book.accounts.map(toView), defaultAor: book.defaultAor };
      },
    },
    'account:select': {
      shape: { aor: 'string' },
      run: ({ aor }) =>
        outcome(async () => {
          // Switching the default re-registers the phone as that account.
          await line.configure(await accounts.select(aor));
          return { ok: true as const };
        }),
    },
    'account:save': {
      shape: { input: 'object', replaces: 'string?' },
      run: async ({ input, replaces }) => {
        const policy = await organizationPolicy();
        const result = await validateInput(input, policy, replaces);
        if (!result.ok) return result;
        const refused = await otherAccountRefused(policy, addressOfRecord(result.account), replaces);
        if (refused) return refused;
        // A platform account signs in here, its password traded for a token: nothing is
        // stored unless that worked.
        const ready = await line.prepare(result.account);
        if (!ready.ok) return ready;
        const before = replaces ? await accounts.find(replaces).catch(() => undefined) : undefined;
        await accounts.save(ready.account, replaces);
        // An account moved to another server or login ends its old sign-in there (a new sign-in
        // as the same user replaces the old token by itself: same client id).
        if (before?.refreshToken && !sameHome(before, ready.account)) void line.release(before);
        await line.configure(ready.account);
        return { ok: true as const, account: toView(ready.account) };
      },
    },
    'account:remove': {
      shape: { aor: 'string?' },
      run: async ({ aor }) => {
        const before = await accounts.get();
        const gone = aor ? await accounts.find(aor) : before;
        const next = await accounts.remove(aor);
        // A platform's sign-in ends with the account (best effort: the server may be away).
        if (gone) void line.release(gone);
        // The phone stops (one never started has nothing to stop), or registers as the
        // account that is now the default.
        if ((before && addressOfRecord(before)) !== (next && addressOfRecord(next))) await line.configure(next);
        return { ok: true as const };
      },
    },
    'account:test': {
      shape: { input: 'object' },
      run: async ({ input }) => {
        const result = await validateInput(input, await organizationPolicy());
        if (!result.ok) return result;
        return line.test(result.account);
      },
    },
    'settings:policy': {
      shape: {},
      run: async () => {
        const policy = await organizationPolicy();
        return {
          locked: lockedView(policy),
          problems: policy.problems,
          ...(policy.allowOtherAccounts !== undefined ? { allowOtherAccounts: policy.allowOtherAccounts } : {}),
        };
      },
    },
    'settings:export': {
      shape: {},
      run: async () => {
        const book = await accounts.book();
        return { text: buildSettingsFile(await readOwnDetectionSettings(), book.accounts.map(toView)) };
      },
    },
    'settings:import': {
      shape: { text: 'string', confirmed: 'boolean?' },
      run: async ({ text, confirmed }) => {
        if (text.length > MAX_SETTINGS_FILE_BYTES) return { ok: false as const, problems: [t('importTooLarge')] };
        // A stored account that cannot be read fails the import with that reason.
        const before = await accounts.get();
        const result = await importSettings(
          text,
          (aor) => accounts.find(aor),
          {
            detection: (next) => detectionSettings.setValue(next),
            account: (next) => accounts.save(next, undefined, { makeDefault: false }),
          },
          confirmed === true,
          { policy: await organizationPolicy(), accountsStored: (await accounts.book()).accounts.length },
        );
        const after = await accounts.get();
        if (result.ok && after && JSON.stringify(after) !== JSON.stringify(before)) await line.configure(after);
        return result;
      },
    },
  };
}
