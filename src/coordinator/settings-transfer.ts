import { addressOfRecord, sameHome, type Account } from '../shared/account/account';
import type { AccountField, AccountInput } from '../shared/account/validate-account';
import { validateAccountInput } from '../providers/account-kinds';
import type { DetectionSettings } from '../shared/settings/detection-settings';
import { readSettingsFile } from '../shared/settings/settings-file';
import type { ImportResult } from '../shared/settings/import-result';
import { t, type MessageKey } from '../shared/i18n/t';
import { LOCKABLE_FIELDS, withPolicy, type ManagedPolicy } from './managed-policy';


/** Each field named as the options page labels it. */
const LABELS: Record<AccountField, MessageKey> = {
  kind: 'optionsPhoneSystemLabel',
  server: 'optionsServerLabel',
  username: 'optionsUsernameLabel',
  authUsername: 'optionsAuthUsernameLabel',
  domain: 'optionsDomainLabel',
  displayName: 'optionsDisplayNameLabel',
  password: 'optionsPasswordLabel',
  ha1: 'optionsHa1Label',
  iceServers: 'optionsIceServersLabel',
  dtmfMethod: 'optionsDtmfLabel',
  autoAnswer: 'optionsAutoAnswerLabel',
  transferRequests: 'optionsTransferRequestsLabel',
  expires: 'optionsExpiresLabel',
  dialInternational: 'optionsDialInternationalLabel',
  dialInternationalPrefix: 'optionsDialInternationalPrefixLabel',
  dialHomeCountry: 'optionsDialHomeCountryLabel',
  dialOutsideLine: 'optionsDialOutsideLineLabel',
  oauthClientId: 'optionsGenesysClientIdLabel',
  phoneMode: 'optionsWebexPhoneModeLabel',
};

/**
 * Applies a settings file, all or nothing: every problem is collected first, and only a file
 * without any changes anything. The stored account keeps its secret (and its TURN
 * credentials) only when the file's account lives where it does: the same server, user and
 * authentication user. One the file moves elsewhere waits in the form for its password, as a
 * new one does. A file that turns on auto-answer or changes ICE/TURN servers is applied only
 * `confirmed`; before that, the answer lists what it would change.
 */
export async function importSettings(
  text: string,
  find: (aor: string) => Promise<Account | undefined>,
  apply: { detection(next: DetectionSettings): Promise<void>; account(next: Account): Promise<void> },
  confirmed = false,
  /** The organization's policy: a field it sets keeps its value whatever the file says (and the
   * summary says so); `accountsStored` counts against "may not add other accounts". */
  organization: { policy: Pick<ManagedPolicy, 'account' | 'detection' | 'allowOtherAccounts'>; accountsStored: number } = {
    policy: { account: {}, detection: {} },
    accountsStored: 0,
  },
): Promise<ImportResult> {
  const read = readSettingsFile(text);
  if (!read.ok) return read;
  const { policy } = organization;
  const problems: string[] = [];
  const warnings: string[] = [];
  const gated: string[] = [];
  const toSave: Account[] = [];
  const pending: { input: AccountInput; moved: boolean }[] = [];
  for (const [i, given] of read.accounts.entries()) {
    for (const field of LOCKABLE_FIELDS) {
      const locked = policy.account[field];
      const value = given[field];
      if (locked !== undefined && value !== undefined && value.trim() !== '' && value.trim() !== locked.trim())
        warnings.push(t('importLockedField', i + 1, t(LABELS[field])));
    }
    const input = withPolicy(given, policy);
    const aor = addressOfRecord(input);
    const found = await find(aor);
    if (!found && policy.allowOtherAccounts === false && organization.accountsStored > 0) {
      problems.push(t('importNoOtherAccounts', i + 1, aor));
      continue;
    }
    const home = found && sameHome(found, trimmed(input)) ? found : undefined;
    // Not stored here, or moved: check everything but the secret, which the person enters.
    const checked = validateAccountInput(home ? input : { ...input, password: 'entered-after-import' }, home ?? null);
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.errors))
        problems.push(t('importAccountField', i + 1, t(LABELS[field as AccountField]), message));
      continue;
    }
    // What is saved at once needs confirming; an account that waits in the form for its
    // password is confirmed by its Save there, where the person sees every field.
    const changes = changesToCalls(i + 1, checked.account, found);
    warnings.push(...changes);
    if (home) gated.push(...changes);
    if (home) toSave.push({ ...checked.account, iceServers: withStoredCredentials(checked.account, home) });
    else pending.push({ input, moved: found !== undefined });
  }
  // One account can wait in the form for its password; more cannot.
  if (pending.length > 1) problems.push(t('importOneAccount', pending.length));
  if (problems.length > 0) return { ok: false, problems };
  if (gated.length > 0 && !confirmed) return { ok: false, confirm: gated };
  // The file's detection choices are kept as the user's; where the organization decides, its
  // decision still applies.
  if (policy.detection.enabled !== undefined && read.detection.enabled !== policy.detection.enabled)
    warnings.push(t('importLockedDetection', t('optionsDetectionEnabled')));
  if (policy.detection.defaultRegion !== undefined && read.detection.defaultRegion && read.detection.defaultRegion !== policy.detection.defaultRegion)
    warnings.push(t('importLockedDetection', t('optionsDefaultRegionLabel')));
  await apply.detection(read.detection);
  for (const account of toSave) await apply.account(account);
  const said = warnings.length > 0 ? { warnings } : {};
  if (pending[0]) return { ok: true, account: 'needs-password', input: pending[0].input, ...(pending[0].moved ? { moved: true } : {}), ...said };
  return { ok: true, account: toSave.length > 0 ? 'saved' : 'none', ...said };
}

/** What an imported account changes in how calls reach the person, against the stored one. */
function changesToCalls(n: number, next: Account, stored: Account | undefined): string[] {
  const out: string[] = [];
  if (next.autoAnswer === 'intercom' && stored?.autoAnswer !== 'intercom') out.push(t('importWarnAutoAnswer', n));
  const urls = (a: Account | undefined) => (a?.iceServers ?? []).map((s) => s.urls).join(' ');
  if (urls(next) !== urls(stored)) out.push(t('importWarnIceServers', n, urls(next) || t('importWarnIceNone')));
  return out;
}

function trimmed(input: AccountInput): Pick<Account, 'kind' | 'server' | 'username' | 'domain' | 'authUsername'> {
  return {
    kind: (input.kind || 'sip') as Account['kind'],
    server: input.server.trim(),
    username: input.username.trim(),
    domain: input.domain.trim(),
    authUsername: (input.authUsername ?? '').trim(),
  };
}

function withStoredCredentials(account: Account, stored: Account): Account['iceServers'] {
  return account.iceServers.map((server) => stored.iceServers.find((s) => s.urls === server.urls) ?? server);
}
