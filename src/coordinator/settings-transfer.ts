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
  stored: Account | null,
  apply: { detection(next: DetectionSettings): Promise<void>; account(next: Account): Promise<void> },
): Promise<ImportResult> {
  const read = readSettingsFile(text);
  if (!read.ok) return read;
  const problems: string[] = [];
  if (read.accounts.length > 1) problems.push(t('importOneAccount', read.accounts.length));
  const input = read.accounts[0];
  let toSave: Account | undefined;
  let pending: AccountInput | undefined;
  if (input) {
    const same =
      stored !== null &&
      stored.username === input.username.trim() &&
      stored.domain === input.domain.trim().toLowerCase();
    // Not the stored account: check everything but the secret, which the person enters.
    const checked = validateAccount(same ? input : { ...input, password: 'entered-after-import' }, same ? stored : null);
    if (!checked.ok)
      for (const [field, message] of Object.entries(checked.errors))
        problems.push(t('importAccountField', 1, t(LABELS[field as AccountField]), message));
    else if (same) toSave = { ...checked.account, iceServers: withStoredCredentials(checked.account, stored) };
    else pending = input;
  }
  if (problems.length > 0) return { ok: false, problems };
  await apply.detection(read.detection);
  if (toSave) await apply.account(toSave);
  if (pending) return { ok: true, account: 'needs-password', input: pending };
  return { ok: true, account: toSave ? 'saved' : 'none' };
}

function withStoredCredentials(account: Account, stored: Account): Account['iceServers'] {
  return account.iceServers.map((server) => stored.iceServers.find((s) => s.urls === server.urls) ?? server);
}
