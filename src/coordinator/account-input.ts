import type { AccountInput } from '../shared/account/validate-account';

const FIELDS = [
  'kind', 'server', 'username', 'authUsername', 'domain', 'displayName', 'password', 'ha1', 'iceServers', 'dtmfMethod', 'autoAnswer', 'transferRequests', 'expires',
  'dialInternational', 'dialInternationalPrefix', 'dialHomeCountry', 'dialOutsideLine', 'oauthClientId', 'phoneMode',
] as const;
const REQUIRED = new Set(['server', 'username', 'domain']);

/** The options form's payload, checked field by field before validation proper. */
export function readAccountInput(value: unknown): AccountInput {
  if (typeof value !== 'object' || value === null) throw new Error('The account form is empty.');
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record))
    if (!(FIELDS as readonly string[]).includes(key)) throw new Error(`Unknown account field "${key}".`);
  const out: Record<string, string> = {};
  for (const key of FIELDS) {
    const v = record[key];
    if (v === undefined && !REQUIRED.has(key)) continue;
    if (typeof v !== 'string') throw new Error(`The account field "${key}" must be text.`);
    if (v.length > 2048) throw new Error(`The account field "${key}" is too long.`);
    out[key] = v;
  }
  return out as unknown as AccountInput;
}
