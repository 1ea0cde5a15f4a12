import type { Account } from '../shared/account/account';
import { validateAccount, type AccountField, type AccountInput } from '../shared/account/validate-account';
import type { DetectionSettings } from '../shared/settings/detection-settings';
import { readSettingsFile } from '../shared/settings/settings-file';
import type { ImportResult } from '../shared/settings/import-result';
import { t, type MessageKey } from '../shared/i18n/t';


/** Each field named as the options page labels it. */
const LABELS: Record<AccountField, MessageKey> = {
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
};

/**
 * Applies a settings file, all or nothing: every problem is collected first, and only a file
 * without any changes anything. The stored account keeps its secret (and its TURN
 * credentials) when the file's account is the same address of record.
 */
export async function importSettings(
  text: string,
  find: (aor: string) => Promise<Account | undefined>,
  apply: { detection(next: DetectionSettings): Promise<void>; account(next: Account): Promise<void> },
): Promise<ImportResult> {
  const read = readSettingsFile(text);
  if (!read.ok) return read;
  const problems: string[] = [];
  const toSave: Account[] = [];
  const pending: AccountInput[] = [];
  for (const [i, input] of read.accounts.entries()) {
    const aor = `${input.username.trim()}@${input.domain.trim().toLowerCase()}`;
    const stored = await find(aor);
    // Not stored here: check everything but the secret, which the person enters.
    const checked = validateAccount(stored ? input : { ...input, password: 'entered-after-import' }, stored ?? null);
    if (!checked.ok)
      for (const [field, message] of Object.entries(checked.errors))
        problems.push(t('importAccountField', i + 1, t(LABELS[field as AccountField]), message));
    else if (stored) toSave.push({ ...checked.account, iceServers: withStoredCredentials(checked.account, stored) });
    else pending.push(input);
  }
  // One account can wait in the form for its password; more cannot.
  if (pending.length > 1) problems.push(t('importOneAccount', pending.length));
  if (problems.length > 0) return { ok: false, problems };
  await apply.detection(read.detection);
  for (const account of toSave) await apply.account(account);
  if (pending[0]) return { ok: true, account: 'needs-password', input: pending[0] };
  return { ok: true, account: toSave.length > 0 ? 'saved' : 'none' };
}

function withStoredCredentials(account: Account, stored: Account): Account['iceServers'] {
  return account.iceServers.map((server) => stored.iceServers.find((s) => s.urls === server.urls) ?? server);
}
