import { sameHome, type Account } from '../../shared/account/account';
import { validateCommonFields, type AccountInput, type FieldErrors, type Validation } from '../../shared/account/validate-account';
import { t } from '../../shared/i18n/t';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const USER_RE = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/;
const HOST_RE = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * Checks what the user typed for a SIP account. `stored` is the account already saved: an
 * empty password/HA1 field means "keep what is stored", so re-saving the form never loses the
 * secret.
 */
export function validateSipAccount(input: AccountInput, stored?: Account | null): Validation {
  const errors: FieldErrors = {};
  const kind = 'sip';
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
  const home = stored && sameHome(stored, { kind, server, username, domain, authUsername }) ? stored : undefined;
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
      kind,
      server,
      username,
      authUsername,
      domain,
      password: finalPassword,
      ha1: finalHa1,
      refreshToken: '',
      oauthClientId: '',
      ...common,
    },
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

