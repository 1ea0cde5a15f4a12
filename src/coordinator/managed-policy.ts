import { ACCOUNT_KINDS } from '../shared/account/account';
import { formatIceServers, KEPT_CREDENTIAL, type AccountField, type AccountInput } from '../shared/account/validate-account';
import { t } from '../shared/i18n/t';
import { validateAccountInput } from '../providers/account-kinds';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/core';
import { metadata } from '../detection/metadata';
import type { DetectionPolicy } from '../shared/settings/detection-values';
import { parseSitePattern } from '../shared/settings/site-patterns';

/**
 * What an admin set for Offhook by policy (Chrome/Edge: `3rdparty.extensions.<id>` in the
 * managed policy, read through storage.managed against public/managed_schema.json), read
 * field by field: a value that does not fit is left out with a problem naming its key and why,
 * and the rest applies.
 *
 * The account's fields come as the options form would send them, so the one account
 * validation checks them and a locked field simply wins over what the user typed.
 */
export interface ManagedPolicy {
  /** Account fields set by the organization (the form's names and text). May hold a TURN
   * credential (iceServers): never sent to a page as it is (see {@link lockedView}). */
  account: Partial<Record<LockableField, string>>;
  /** Detection: on/off, the default country and the sites numbers are (not) marked on. */
  detection: DetectionPolicy;
  /** false: the user may not add other accounts (only the organization's one). */
  allowOtherAccounts?: boolean;
  /** Keys of the policy that were ignored, and why, in the user's language. */
  problems: PolicyProblem[];
}

export interface PolicyProblem {
  key: string;
  message: string;
}

/** The account fields an admin may set. A user's own secret is theirs to type; `username` and
 * `password` are for a shared account (an intercom, a front desk) the organization hands out
 * whole: then the user types nothing, and the password never reaches a page. */
export const LOCKABLE_FIELDS = [
  'kind', 'server', 'domain', 'username', 'password', 'authUsername', 'oauthClientId', 'phoneMode', 'iceServers', 'dtmfMethod', 'autoAnswer', 'transferRequests', 'expires',
  'dialInternational', 'dialInternationalPrefix', 'dialHomeCountry', 'dialOutsideLine',
] as const satisfies readonly AccountField[];
export type LockableField = (typeof LOCKABLE_FIELDS)[number];

/** The policy's `account` keys that are text, and the form field each sets. */
const ACCOUNT_TEXT = ['kind', 'server', 'domain', 'username', 'password', 'authUsername', 'oauthClientId', 'phoneMode', 'dtmfMethod', 'autoAnswer', 'transferRequests'] as const;
/** The policy's `dialPlan` keys and their form fields. */
const DIAL_PLAN = { international: 'dialInternational', internationalPrefix: 'dialInternationalPrefix', homeCountry: 'dialHomeCountry', outsideLine: 'dialOutsideLine' } as const;

/** A valid account of each kind but for the field checked: a field's own error is then its own. */
const SAMPLE: Record<string, AccountInput> = {
  sip: { kind: 'sip', server: 'wss://pbx.example.com/ws', username: 'user', domain: 'example.com', password: 'sample-password' },
  wazo: { kind: 'wazo', server: 'wazo.example.com', username: 'user', domain: '', password: 'sample-password' },
  genesys: { kind: 'genesys', server: 'mypurecloud.com', username: '', domain: '', oauthClientId: '7de3af06-5b0e-4a3c-9d1f-2c8e4b6a9f10' },
  webex: { kind: 'webex', server: '', username: '', domain: '', oauthClientId: 'C0123456789abcdef0123456789', password: 'sample-secret' },
};

export function readManagedPolicy(raw: unknown): ManagedPolicy {
  const problems: PolicyProblem[] = [];
  const account: ManagedPolicy['account'] = {};
  if (raw === undefined || raw === null) return { account, detection: {}, problems };
  if (!isRecord(raw)) return { account, detection: {}, problems: [{ key: '(policy)', message: t('policyNotObject') }] };
  for (const key of Object.keys(raw))
    if (!['account', 'dialPlan', 'detection', 'allowOtherAccounts'].includes(key)) problems.push({ key, message: t('policyUnknownKey') });
  const detection = readDetection(raw.detection, problems);
  let allowOtherAccounts: boolean | undefined;
  if (raw.allowOtherAccounts !== undefined) {
    if (typeof raw.allowOtherAccounts === 'boolean') allowOtherAccounts = raw.allowOtherAccounts;
    else problems.push({ key: 'allowOtherAccounts', message: t('policyNotTrueFalse') });
  }

  const given: Partial<Record<LockableField, string>> = {};
  const source: Partial<Record<LockableField, string>> = {};
  const take = (field: LockableField, value: string, where: string) => {
    given[field] = value;
    source[field] = where;
  };
  if (raw.account !== undefined) {
    if (!isRecord(raw.account)) problems.push({ key: 'account', message: t('policyNotObject') });
    else
      for (const [key, value] of Object.entries(raw.account)) {
        const where = `account.${key}`;
        if ((ACCOUNT_TEXT as readonly string[]).includes(key)) {
          if (typeof value !== 'string') problems.push({ key: where, message: t('policyNotText') });
          else take(key as LockableField, value, where);
        } else if (key === 'expires') {
          if (typeof value !== 'number' || !Number.isInteger(value)) problems.push({ key: where, message: t('policyNotWholeNumber') });
          else take('expires', String(value), where);
        } else if (key === 'iceServers') {
          const servers = readIceServers(value);
          if (servers === undefined) problems.push({ key: where, message: t('policyIceServers') });
          else take('iceServers', formatIceServers(servers), where);
        } else problems.push({ key: where, message: t('policyUnknownKey') });
      }
  }
  if (raw.dialPlan !== undefined) {
    if (!isRecord(raw.dialPlan)) problems.push({ key: 'dialPlan', message: t('policyNotObject') });
    else
      for (const [key, value] of Object.entries(raw.dialPlan)) {
        const field = DIAL_PLAN[key as keyof typeof DIAL_PLAN];
        if (!field) problems.push({ key: `dialPlan.${key}`, message: t('policyUnknownKey') });
        else if (typeof value !== 'string') problems.push({ key: `dialPlan.${key}`, message: t('policyNotText') });
        else take(field, value, `dialPlan.${key}`);
      }
  }

  // The kind first: every other field is checked as that kind's.
  let kind = 'sip';
  if (given.kind !== undefined) {
    if ((ACCOUNT_KINDS as readonly string[]).includes(given.kind)) {
      kind = given.kind;
      account.kind = given.kind;
    } else problems.push({ key: source.kind!, message: t('policyUnknownKind', given.kind) });
  }
  // A password by policy is a shared account's, handed out whole: never one for every user.
  if (given.password !== undefined && given.username === undefined) {
    problems.push({ key: source.password!, message: t('policyPasswordNeedsUsername') });
    delete given.password;
  }
  for (const field of LOCKABLE_FIELDS) {
    if (field === 'kind' || given[field] === undefined) continue;
    const value = given[field]!;
    // The dial plan's prefix is checked with the choice that needs it.
    const extra: AccountInput = field === 'dialInternationalPrefix' ? { ...SAMPLE[kind]!, dialInternational: 'prefix' } : SAMPLE[kind]!;
    const result = validateAccountInput({ ...extra, [field]: value });
    const error = result.ok ? undefined : result.errors[field];
    if (error) problems.push({ key: source[field]!, message: error });
    else account[field] = value;
  }
  return { account, detection, ...(allowOtherAccounts !== undefined ? { allowOtherAccounts } : {}), problems };
}

/** The policy's `detection` part, field by field. */
function readDetection(raw: unknown, problems: PolicyProblem[]): DetectionPolicy {
  const out: DetectionPolicy = {};
  if (raw === undefined) return out;
  if (!isRecord(raw)) {
    problems.push({ key: 'detection', message: t('policyNotObject') });
    return out;
  }
  for (const [key, value] of Object.entries(raw)) {
    const where = `detection.${key}`;
    if (key === 'enabled') {
      if (typeof value === 'boolean') out.enabled = value;
      else problems.push({ key: where, message: t('policyNotTrueFalse') });
    } else if (key === 'defaultCountry') {
      const region = typeof value === 'string' ? value.trim().toUpperCase() : '';
      if (typeof value !== 'string') problems.push({ key: where, message: t('policyNotText') });
      else if (!/^[A-Z]{2}$/.test(region) || !isSupportedCountry(region as CountryCode, metadata))
        problems.push({ key: where, message: t('policyUnknownRegion', value) });
      else out.defaultRegion = region;
    } else if (key === 'allowSites' || key === 'denySites') {
      if (!Array.isArray(value)) {
        problems.push({ key: where, message: t('policyNotSiteList') });
        continue;
      }
      const good: string[] = [];
      value.forEach((pattern: unknown, i) => {
        if (typeof pattern === 'string' && parseSitePattern(pattern)) good.push(pattern.trim());
        else problems.push({ key: `${where}[${i}]`, message: t('policyBadSitePattern', String(pattern)) });
      });
      // An allow list whose every entry was bad allows nothing the admin meant: it is left out
      // (and said), rather than turning Offhook off everywhere.
      if (good.length > 0 || value.length === 0) out[key] = good;
    } else problems.push({ key: where, message: t('policyUnknownKey') });
  }
  return out;
}

/** The locked fields as a page may see them: a shared account's password and a TURN
 * credential masked like stored ones. */
export function lockedView(policy: ManagedPolicy): Partial<Record<LockableField, string>> {
  const view = { ...policy.account };
  if (view.password !== undefined) view.password = KEPT_CREDENTIAL;
  if (view.iceServers !== undefined)
    view.iceServers = view.iceServers
      .split('\n')
      .map((line) => line.replace(/^(\S+\s+[^:]+:).+$/, `$1${KEPT_CREDENTIAL}`))
      .join('\n');
  return view;
}

/** What the user typed, with every field the organization set replaced by its value. */
export function withPolicy(input: AccountInput, policy: Pick<ManagedPolicy, 'account'>): AccountInput {
  return { ...input, ...policy.account };
}

function readIceServers(value: unknown): { urls: string; username?: string; credential?: string }[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: { urls: string; username?: string; credential?: string }[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.urls !== 'string') return undefined;
    if (entry.username !== undefined && typeof entry.username !== 'string') return undefined;
    if (entry.credential !== undefined && typeof entry.credential !== 'string') return undefined;
    out.push({ urls: entry.urls, ...(entry.username ? { username: entry.username } : {}), ...(entry.credential ? { credential: entry.credential } : {}) });
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
