import { t } from '../i18n/t';
import { EXPIRES_DEFAULT, EXPIRES_MAX, EXPIRES_MIN, type Account, type IceServer, type IceServerView } from './account';
import { validateDialPlan } from '../dial-plan/dial-plan';

/** What the options form sends: every field as typed, secrets possibly left empty to keep
 * the stored ones. */
export interface AccountInput {
  /** The phone system: 'sip' (the default: what every account was before kinds). */
  kind?: string;
  server: string;
  username: string;
  authUsername?: string;
  domain: string;
  displayName?: string;
  password?: string;
  ha1?: string;
  /** One ICE server URL per line, as typed. */
  iceServers?: string;
  /** 'rfc4733' (default) or 'info'. */
  dtmfMethod?: string;
  autoAnswer?: string;
  /** 'decline' (default) or 'ask'. */
  transferRequests?: string;
  /** The dial plan, as typed: 'plus' (default), 'digits' or 'prefix'. */
  dialInternational?: string;
  dialInternationalPrefix?: string;
  dialHomeCountry?: string;
  dialOutsideLine?: string;
  /** Registration interval in seconds, as typed (empty: the default). */
  expires?: string;
  /** A platform's OAuth client id, from the admin (Genesys Cloud). */
  oauthClientId?: string;
  /** A platform account's phone: 'platform' (default) or 'offhook'. */
  phoneMode?: string;
}

export type AccountField = keyof AccountInput;
export type FieldErrors = Partial<Record<AccountField, string>>;

export type Validation = { ok: true; account: Account } | { ok: false; errors: FieldErrors };

/** What every kind of account has besides its phone system's own fields. */
export type CommonAccountFields = Pick<Account, 'displayName' | 'iceServers' | 'dtmfMethod' | 'autoAnswer' | 'transferRequests' | 'dialPlan' | 'expires'>;

/**
 * Checks the fields every kind of account shares (how the phone behaves and dials), adding
 * what is wrong to `errors`. `home` is the stored account this one is (for kept TURN
 * credentials). Returns the values, or undefined when any of them is wrong.
 */
export function validateCommonFields(input: AccountInput, home: Account | undefined, errors: FieldErrors): CommonAccountFields | undefined {
  const before = Object.keys(errors).length;
  const displayName = (input.displayName ?? '').trim();
  if (displayName.length > 100) errors.displayName = t('accountErrorDisplayNameTooLong', 100);
  if (/["<>\\]/.test(displayName) || [...displayName].some((c) => c.charCodeAt(0) < 0x20))
    errors.displayName = t('accountErrorDisplayNameInvalid');

  const ice = parseIceServers(input.iceServers ?? '', home?.iceServers ?? []);
  if ('error' in ice) errors.iceServers = ice.error;

  const dtmfMethod = input.dtmfMethod || 'rfc4733';
  if (dtmfMethod !== 'rfc4733' && dtmfMethod !== 'info')
    errors.dtmfMethod = t('accountErrorDtmfMethod');

  const autoAnswer = input.autoAnswer || 'off';
  if (autoAnswer !== 'off' && autoAnswer !== 'intercom') errors.autoAnswer = t('accountErrorAutoAnswer');
  const transferRequests = input.transferRequests || 'decline';
  if (transferRequests !== 'decline' && transferRequests !== 'ask') errors.transferRequests = t('accountErrorTransferRequests');
  const expiresText = (input.expires ?? '').trim();
  const expires = expiresText === '' ? EXPIRES_DEFAULT : Number(expiresText);
  if (!/^\d*$/.test(expiresText) || !Number.isInteger(expires) || expires < EXPIRES_MIN || expires > EXPIRES_MAX)
    errors.expires = t('accountErrorExpires', EXPIRES_MIN, EXPIRES_MAX, EXPIRES_DEFAULT);

  const plan = validateDialPlan({
    international: input.dialInternational ?? '',
    internationalPrefix: input.dialInternationalPrefix ?? '',
    homeCountry: input.dialHomeCountry ?? '',
    outsideLine: input.dialOutsideLine ?? '',
  });
  if (!plan.ok) {
    if (plan.errors.international) errors.dialInternational = plan.errors.international;
    if (plan.errors.internationalPrefix) errors.dialInternationalPrefix = plan.errors.internationalPrefix;
    if (plan.errors.homeCountry) errors.dialHomeCountry = plan.errors.homeCountry;
    if (plan.errors.outsideLine) errors.dialOutsideLine = plan.errors.outsideLine;
  }
  if (Object.keys(errors).length > before || !plan.ok || 'error' in ice) return undefined;
  return {
    displayName,
    iceServers: ice.servers,
    dtmfMethod: dtmfMethod as 'rfc4733' | 'info',
    autoAnswer: autoAnswer as 'off' | 'intercom',
    transferRequests: transferRequests as 'decline' | 'ask',
    dialPlan: plan.plan,
    expires,
  };
}

/** What the form shows for a stored TURN credential; left as it is, the credential is kept. */
export const KEPT_CREDENTIAL = '••••••••';

/** ICE servers as typed: one URL per line, optionally `turn:host user:credential`. An empty
 * list is allowed (host candidates only, e.g. on a LAN or loopback). A credential typed as
 * KEPT_CREDENTIAL is the one `stored` has for the same URL and user. */
export function parseIceServers(text: string, stored: readonly IceServer[] = []): { servers: IceServer[] } | { error: string } {
  const servers: IceServer[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    // Everything after the URL is user:credential; a credential may itself contain spaces.
    const gap = line.search(/\s/);
    const urls = gap < 0 ? line : line.slice(0, gap);
    const creds = gap < 0 ? undefined : line.slice(gap).trim();
    if (!/^(stun|stuns|turn|turns):[^\s]+$/.test(urls))
      return { error: t('accountErrorIceUrl', urls) };
    if (creds) {
      const colon = creds.indexOf(':');
      if (colon < 1) return { error: t('accountErrorIceCredentials', urls) };
      const username = creds.slice(0, colon);
      let credential = creds.slice(colon + 1);
      if (credential === KEPT_CREDENTIAL) {
        const kept = stored.find((s) => s.urls === urls && s.username === username)?.credential;
        if (kept === undefined) return { error: t('accountErrorIceCredentialGone', urls) };
        credential = kept;
      }
      servers.push({ urls, username, credential });
    } else {
      servers.push({ urls });
    }
  }
  return { servers };
}

/** The ICE servers as the form shows them: a stored credential as KEPT_CREDENTIAL. */
export function formatIceServers(servers: readonly (IceServer | IceServerView)[]): string {
  return servers
    .map((s) => {
      if (!s.username) return s.urls;
      const credential = 'credential' in s && s.credential !== undefined ? s.credential : 'hasCredential' in s && s.hasCredential ? KEPT_CREDENTIAL : '';
      return `${s.urls} ${s.username}:${credential}`;
    })
    .join('\n');
}
