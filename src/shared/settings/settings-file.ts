import type { AccountView } from '../account/account';
import { formatIceServers, type AccountInput } from '../account/validate-account';
import { t } from '../i18n/t';
import { defaultDetectionSettings, validateDetectionSettings, type DetectionSettings } from './detection-settings';

/**
 * Offhook's settings as a JSON file a person can keep or move to another browser: the
 * detection settings and the accounts, WITHOUT secrets (no password, no HA1, no TURN
 * credential). Reading a file checks every field and reports every problem; a file with any
 * problem is applied not at all.
 */
export interface SettingsFile {
  offhook: 'settings';
  version: 1;
  exportedAt: string;
  detection: DetectionSettings;
  accounts: ExportedAccount[];
}

/** TURN user names and credentials stay behind with the passwords: only the URLs go out. */
export type ExportedAccount = Omit<AccountView, 'secret' | 'iceServers'> & { iceServers: { urls: string }[] };

/** Larger than any honest settings file by far; a bigger one is refused unread. */
export const MAX_SETTINGS_FILE_BYTES = 256 * 1024;
const MAX_ACCOUNTS = 20;

export function buildSettingsFile(detection: DetectionSettings, accounts: AccountView[], now = new Date()): string {
  const file: SettingsFile = {
    offhook: 'settings',
    version: 1,
    exportedAt: now.toISOString(),
    detection,
    accounts: accounts.map(({ secret: _, iceServers, ...rest }) => ({
      ...rest,
      iceServers: iceServers.map(({ urls }) => ({ urls })),
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ReadSettings = { ok: true; detection: DetectionSettings; accounts: AccountInput[] } | { ok: false; problems: string[] };

const ACCOUNT_TEXT = ['kind', 'server', 'username', 'authUsername', 'domain', 'displayName', 'dtmfMethod', 'autoAnswer', 'transferRequests', 'oauthClientId', 'phoneMode'] as const;
const DIAL_PLAN = { international: 'dialInternational', internationalPrefix: 'dialInternationalPrefix', homeCountry: 'dialHomeCountry', outsideLine: 'dialOutsideLine' } as const;
const SECRETS = new Set(['password', 'ha1', 'secret']);

/** Reads a settings file as text. Account fields come back as the form would send them, for
 * the coordinator's one account validation. */
export function readSettingsFile(text: string): ReadSettings {
  if (text.length > MAX_SETTINGS_FILE_BYTES) return { ok: false, problems: [t('importTooLarge')] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [t('importNotJson', (e as Error).message)] };
  }
  if (!isRecord(data) || data.offhook !== 'settings')
    return { ok: false, problems: [t('importNotOffhook')] };
  if (data.version !== 1)
    return {
      ok: false,
      problems: [typeof data.version === 'number' && data.version > 1 ? t('importNewer') : t('importNoVersion')],
    };
  const problems: string[] = [];
  for (const key of Object.keys(data))
    if (!['offhook', 'version', 'exportedAt', 'detection', 'accounts'].includes(key)) problems.push(t('importUnknownSetting', key));

  const detection = readDetection(data.detection, problems);
  const accounts: AccountInput[] = [];
  if (!Array.isArray(data.accounts)) problems.push(t('importAccountsNotList'));
  else if (data.accounts.length > MAX_ACCOUNTS) problems.push(t('importTooManyAccounts', MAX_ACCOUNTS));
  else data.accounts.forEach((a: unknown, i: number) => {
    const input = readAccount(a, i + 1, problems);
    if (input) accounts.push(input);
  });
  if (problems.length > 0 || !detection) return { ok: false, problems };
  return { ok: true, detection, accounts };
}

function readDetection(value: unknown, problems: string[]): DetectionSettings | undefined {
  if (!isRecord(value)) {
    problems.push(t('importDetectionNotObject'));
    return undefined;
  }
  const before = problems.length;
  const known = Object.keys(defaultDetectionSettings);
  for (const [key, v] of Object.entries(value)) {
    if (!known.includes(key)) {
      problems.push(t('importDetectionUnknown', key));
      continue;
    }
    try {
      validateDetectionSettings({ ...defaultDetectionSettings, [key]: v });
    } catch (e) {
      problems.push(t('importDetectionBad', key, (e as Error).message));
    }
  }
  if (problems.length > before) return undefined;
  // A setting missing from the file (an older export) takes its default.
  return validateDetectionSettings({ ...defaultDetectionSettings, ...value });
}

function readAccount(value: unknown, where: number, problems: string[]): AccountInput | undefined {
  if (!isRecord(value)) {
    problems.push(t('importAccountNotObject', where));
    return undefined;
  }
  const before = problems.length;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRETS.has(key)) problems.push(t('importAccountSecret', where, key));
    else if ((ACCOUNT_TEXT as readonly string[]).includes(key)) {
      if (typeof v !== 'string' || v.length > 2048) problems.push(t('importAccountText', where, key));
      else out[key] = v;
    } else if (key === 'expires') {
      if (typeof v !== 'number') problems.push(t('importAccountNumber', where, key));
      else out.expires = String(v);
    } else if (key === 'iceServers') {
      if (!Array.isArray(v) || !v.every((s) => isRecord(s) && typeof s.urls === 'string' && Object.keys(s).length === 1))
        problems.push(t('importAccountIce', where));
      else out.iceServers = formatIceServers(v as { urls: string }[]);
    } else if (key === 'dialPlan') {
      if (!isRecord(v)) problems.push(t('importAccountDialPlanNotObject', where));
      else
        for (const [planKey, pv] of Object.entries(v)) {
          const field = DIAL_PLAN[planKey as keyof typeof DIAL_PLAN];
          if (!field) problems.push(t('importAccountDialPlanUnknown', where, planKey));
          else if (typeof pv !== 'string') problems.push(t('importAccountDialPlanText', where, planKey));
          else out[field] = pv;
        }
    } else problems.push(t('importAccountUnknown', where, key));
  }
  for (const key of ['server', 'username', 'domain'])
    if (out[key] === undefined && problems.length === before) problems.push(t('importAccountMissing', where, key));
  return problems.length > before ? undefined : (out as unknown as AccountInput);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
