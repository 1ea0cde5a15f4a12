import type { AccountView } from '../account/account';
import { formatIceServers, type AccountInput } from '../account/validate-account';
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

const ACCOUNT_TEXT = ['server', 'username', 'authUsername', 'domain', 'displayName', 'dtmfMethod'] as const;
const DIAL_PLAN = { international: 'dialInternational', internationalPrefix: 'dialInternationalPrefix', homeCountry: 'dialHomeCountry', outsideLine: 'dialOutsideLine' } as const;
const SECRETS = new Set(['password', 'ha1', 'secret']);

/** Reads a settings file as text. Account fields come back as the form would send them, for
 * the coordinator's one account validation. */
export function readSettingsFile(text: string): ReadSettings {
  if (text.length > MAX_SETTINGS_FILE_BYTES) return { ok: false, problems: ['The file is too large to be an Offhook settings file.'] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`The file is not JSON: ${(e as Error).message}.`] };
  }
  if (!isRecord(data) || data.offhook !== 'settings')
    return { ok: false, problems: ['This is not an Offhook settings file (it has no "offhook": "settings").'] };
  if (data.version !== 1)
    return {
      ok: false,
      problems: [typeof data.version === 'number' && data.version > 1 ? 'The file was made by a newer Offhook: update Offhook to import it.' : 'The file has no known "version".'],
    };
  const problems: string[] = [];
  for (const key of Object.keys(data))
    if (!['offhook', 'version', 'exportedAt', 'detection', 'accounts'].includes(key)) problems.push(`Unknown setting "${key}".`);

  const detection = readDetection(data.detection, problems);
  const accounts: AccountInput[] = [];
  if (!Array.isArray(data.accounts)) problems.push('"accounts" must be a list (it may be empty).');
  else if (data.accounts.length > MAX_ACCOUNTS) problems.push(`At most ${MAX_ACCOUNTS} accounts can be imported.`);
  else data.accounts.forEach((a: unknown, i: number) => {
    const input = readAccount(a, `Account ${i + 1}`, problems);
    if (input) accounts.push(input);
  });
  if (problems.length > 0 || !detection) return { ok: false, problems };
  return { ok: true, detection, accounts };
}

function readDetection(value: unknown, problems: string[]): DetectionSettings | undefined {
  if (!isRecord(value)) {
    problems.push('"detection" must be an object.');
    return undefined;
  }
  const before = problems.length;
  const known = Object.keys(defaultDetectionSettings);
  for (const [key, v] of Object.entries(value)) {
    if (!known.includes(key)) {
      problems.push(`Detection: unknown setting "${key}".`);
      continue;
    }
    try {
      validateDetectionSettings({ ...defaultDetectionSettings, [key]: v });
    } catch (e) {
      problems.push(`Detection, ${key}: ${(e as Error).message}.`);
    }
  }
  if (problems.length > before) return undefined;
  // A setting missing from the file (an older export) takes its default.
  return validateDetectionSettings({ ...defaultDetectionSettings, ...value });
}

function readAccount(value: unknown, where: string, problems: string[]): AccountInput | undefined {
  if (!isRecord(value)) {
    problems.push(`${where}: not an object.`);
    return undefined;
  }
  const before = problems.length;
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRETS.has(key)) problems.push(`${where}: a settings file never carries passwords ("${key}"); enter it in the form.`);
    else if ((ACCOUNT_TEXT as readonly string[]).includes(key)) {
      if (typeof v !== 'string' || v.length > 2048) problems.push(`${where}, ${key}: must be text.`);
      else out[key] = v;
    } else if (key === 'iceServers') {
      if (!Array.isArray(v) || !v.every((s) => isRecord(s) && typeof s.urls === 'string' && Object.keys(s).length === 1))
        problems.push(`${where}, iceServers: must be a list of { "urls": "stun:…" } (credentials are never in the file).`);
      else out.iceServers = formatIceServers(v as { urls: string }[]);
    } else if (key === 'dialPlan') {
      if (!isRecord(v)) problems.push(`${where}, dialPlan: must be an object.`);
      else
        for (const [planKey, pv] of Object.entries(v)) {
          const field = DIAL_PLAN[planKey as keyof typeof DIAL_PLAN];
          if (!field) problems.push(`${where}, dialPlan: unknown setting "${planKey}".`);
          else if (typeof pv !== 'string') problems.push(`${where}, dialPlan.${planKey}: must be text.`);
          else out[field] = pv;
        }
    } else problems.push(`${where}: unknown field "${key}".`);
  }
  for (const key of ['server', 'username', 'domain'])
    if (out[key] === undefined && problems.length === before) problems.push(`${where}: "${key}" is missing.`);
  return problems.length > before ? undefined : (out as unknown as AccountInput);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
