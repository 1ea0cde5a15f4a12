import type { Account } from '../shared/account/account';
import { validateAccount, type AccountField, type AccountInput } from '../shared/account/validate-account';
import type { DetectionSettings } from '../shared/settings/detection-settings';
import { readSettingsFile } from '../shared/settings/settings-file';
import type { ImportResult } from '../shared/settings/import-result';


const LABELS: Record<AccountField, string> = {
  server: 'server',
  username: 'username',
  authUsername: 'authentication username',
  domain: 'domain',
  displayName: 'display name',
  password: 'password',
  ha1: 'HA1',
  iceServers: 'ICE servers',
  dtmfMethod: 'keypad tones',
  dialInternational: 'dial plan, international numbers',
  dialInternationalPrefix: 'dial plan, international prefix',
  dialHomeCountry: 'dial plan, home country',
  dialOutsideLine: 'dial plan, outside-line prefix',
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
  if (read.accounts.length > 1) problems.push(`This Offhook keeps one account; the file has ${read.accounts.length}.`);
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
        problems.push(`Account 1, ${LABELS[field as AccountField]}: ${message}`);
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
