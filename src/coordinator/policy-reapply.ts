import { addressOfRecord, type Account } from '../shared/account/account';
import { formatIceServers, type AccountInput } from '../shared/account/validate-account';
import { validateAccountInput } from '../providers/account-kinds';
import { withPolicy, type ManagedPolicy } from './managed-policy';

/** A stored account as the form would send it back unchanged (its secret kept by leaving the
 * password empty; TURN credentials as stored). */
export function inputFromAccount(account: Account): AccountInput {
  return {
    kind: account.kind,
    server: account.server,
    username: account.username,
    authUsername: account.authUsername,
    domain: account.domain,
    displayName: account.displayName,
    password: '',
    ha1: '',
    iceServers: formatIceServers(account.iceServers),
    dtmfMethod: account.dtmfMethod,
    autoAnswer: account.autoAnswer,
    transferRequests: account.transferRequests,
    expires: String(account.expires),
    dialInternational: account.dialPlan.international,
    dialInternationalPrefix: account.dialPlan.internationalPrefix,
    dialHomeCountry: account.dialPlan.homeCountry,
    dialOutsideLine: account.dialPlan.outsideLine,
    oauthClientId: account.oauthClientId,
    phoneMode: account.phoneMode ?? 'platform',
  };
}

export type Reapplied =
  | { kind: 'unchanged' }
  | { kind: 'changed'; account: Account }
  /** The policy moved the account somewhere its stored secret does not follow (another server
   * or kind): the user must type it again; the errors say which field. */
  | { kind: 'needs-user'; errors: Record<string, string> };

/**
 * The default account under a policy that changed while the browser runs: the fields the
 * organization set take their new values at once. Nothing else the user chose changes, and a
 * secret never moves with the account to another server.
 */
export function reapplyPolicy(stored: Account, policy: ManagedPolicy): Reapplied {
  const input = withPolicy(inputFromAccount(stored), policy);
  const result = validateAccountInput(input, stored);
  if (!result.ok) return { kind: 'needs-user', errors: result.errors as Record<string, string> };
  const next = { ...result.account, refreshToken: addressOfRecord(result.account) === addressOfRecord(stored) ? result.account.refreshToken : '' };
  return canonical(next) === canonical(stored) ? { kind: 'unchanged' } : { kind: 'changed', account: next };
}

/** JSON with every object's keys in order: two equal accounts read the same. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** The form with nothing typed: what a policy alone makes of an account. */
const NOTHING_TYPED: AccountInput = { kind: 'sip', server: '', username: '', domain: '', password: '' };

/**
 * A shared account the organization hands out whole (its username and password by policy):
 * the account itself, ready to store, when there is none yet. Undefined for a policy that
 * leaves the user something to type.
 */
export function accountFromPolicy(policy: ManagedPolicy): Account | undefined {
  if (policy.account.username === undefined || policy.account.password === undefined) return undefined;
  const result = validateAccountInput(withPolicy(NOTHING_TYPED, policy), null);
  return result.ok ? result.account : undefined;
}
