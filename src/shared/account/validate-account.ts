import { t } from '../i18n/t';
import { ACCOUNT_KINDS, EXPIRES_DEFAULT, EXPIRES_MAX, EXPIRES_MIN, sameHome, type Account, type AccountKind, type IceServer, type IceServerView } from './account';
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
}

export type AccountField = keyof AccountInput;
export type FieldErrors = Partial<Record<AccountField, string>>;

export type Validation = { ok: true; account: Account } | { ok: false; errors: FieldErrors };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const USER_RE = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/;
const HOST_RE = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * Checks what the user typed for a SIP account. `stored` is the account already saved: an
 * empty password/HA1 field means "keep what is stored", so re-saving the form never loses the
 * secret.
 */
export function validateAccount(input: AccountInput, stored?: Account | null): Validation {
  const errors: FieldErrors = {};
  const kind = input.kind || 'sip';
  if (!(ACCOUNT_KINDS as readonly string[]).includes(kind)) errors.kind = t('accountErrorKind', kind);
  const server = input.server.trim();
  const username = input.username.trim();
  const authUsername = (input.authUsername ?? '').trim();
  const domain = input.domain.trim().toLowerCase();
  const password = input.password ?? '';
  const ha1 = (input.ha1 ?? '').trim().toLowerCase();

  const serverError = checkServer(server);
  if (serverError) errors.server = serverError;

  if (!username) errors.username = t('accountErrorUsernameMissing');
  else if (!USER_RE.test(username) || username.includes('@'))
    errors.username = t('accountErrorUsernameInvalid');

  if (authUsername && (!USER_RE.test(authUsername) || authUsername.includes('@')))
    errors.authUsername = t('accountErrorAuthUsernameInvalid');

  if (!domain) errors.domain = t('accountErrorDomainMissing');
  else if (!HOST_RE.test(domain) && !IPV4_RE.test(domain))
    errors.domain = t('accountErrorDomainInvalid');

  if (ha1 && !/^[0-9a-f]{32}$/.test(ha1)) errors.ha1 = t('accountErrorHa1Invalid');
  if (password && ha1) errors.password = t('accountErrorPasswordAndHa1');

  // A stored secret stays with the account only where it lives: the same server and user.
  const home = stored && sameHome(stored, { kind: kind as AccountKind, server, username, domain, authUsername }) ? stored : undefined;
  let finalPassword = password;
  let finalHa1 = ha1;
  if (!password && !ha1) {
    if (home && (home.password || home.ha1)) {
      finalPassword = home.password;
      finalHa1 = home.ha1;
    } else if (stored && (stored.password || stored.ha1)) {
      errors.password = t('accountErrorSecretMoved');
    } else {
      errors.password = t('accountErrorPasswordMissing');
    }
  }

  const common = validateCommonFields(input, home, errors);
  if (Object.keys(errors).length > 0 || !common) return { ok: false, errors };
  return {
    ok: true,
    account: {
      kind: kind as AccountKind,
      server,
      username,
      authUsername,
      domain,
      password: finalPassword,
      ha1: finalHa1,
      refreshToken: '',
      ...common,
    },
  };
}

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

/**
 * Firefox's store build keeps Firefox's default upgrade-insecure-requests (wxt.config.ts),
 * which turns every ws:// into wss://: saying so beats "Connecting…" forever.
 */
const PLAIN_WS_ALLOWED = !(import.meta.env?.FIREFOX && import.meta.env?.MODE === 'production');

export function checkServer(server: string, plainWsAllowed = PLAIN_WS_ALLOWED): string | undefined {
  if (!server) return t('accountErrorServerMissing');
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return t('accountErrorServerNotUrl');
  }
  if (!server.includes('://')) return t('accountErrorServerNoScheme', server);
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:')
    return t('accountErrorServerScheme', `${url.protocol}//`);
  if (url.protocol === 'ws:' && !plainWsAllowed) return t('accountErrorServerFirefoxWss');
  if (url.protocol === 'ws:' && !LOOPBACK_HOSTS.has(url.hostname))
    return t('accountErrorServerInsecure');
  if (url.username || url.password) return t('accountErrorServerCredentials');
  return undefined;
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
