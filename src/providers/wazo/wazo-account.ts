import { sameHome, type Account } from '../../shared/account/account';
import { validateCommonFields, type AccountInput, type FieldErrors, type Validation } from '../../shared/account/validate-account';
import { t } from '../../shared/i18n/t';

/**
 * A Wazo account: the user's Wazo server and portal login. The password is used once, to sign
 * in; the account keeps the refresh token instead. Its SIP line (username, secret) is fetched
 * from the server at every start, never typed and never stored.
 *
 * Stored as: server https://host[:port], username the login, domain the server's host name
 * (which is also the line's SIP domain, as Wazo's own clients register), no authUsername/HA1.
 */
export function validateWazoAccount(input: AccountInput, stored?: Account | null): Validation {
  const errors: FieldErrors = {};
  const server = wazoServer(input.server);
  if ('error' in server) errors.server = server.error;
  const login = input.username.trim();
  if (!login) errors.username = t('wazoErrorLoginMissing');
  else if (login.length > 128 || /[\s\p{Cc}]/u.test(login)) errors.username = t('wazoErrorLoginInvalid');
  const password = input.password ?? '';
  const base = 'url' in server ? server.url : '';
  const domain = 'host' in server ? server.host : '';
  const home = stored && sameHome(stored, { kind: 'wazo', server: base, username: login, domain, authUsername: '' }) ? stored : undefined;
  // Signed in already and no new password: the sign-in stays. A new password signs in again.
  const refreshToken = password ? '' : (home?.refreshToken ?? '');
  if (!password && !refreshToken) errors.password = t('wazoErrorPasswordMissing');
  const common = validateCommonFields(input, home, errors);
  if (Object.keys(errors).length > 0 || !common) return { ok: false, errors };
  return {
    ok: true,
    account: { kind: 'wazo', server: base, username: login, authUsername: '', domain, password, ha1: '', refreshToken, oauthClientId: '', ...common },
  };
}

/** The server as typed (wazo.example.com, wazo.example.com:8443 or https://…) as its https
 * origin and host name. Wazo is reached over https only, as its own clients do. */
export function wazoServer(typed: string): { url: string; host: string } | { error: string } {
  const text = typed.trim();
  if (!text) return { error: t('wazoErrorServerMissing') };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: t('wazoErrorServerInvalid', text) };
  }
  if (url.protocol !== 'https:') return { error: t('wazoErrorServerHttps', text) };
  if (url.username || url.password || url.search || url.hash || !url.hostname || url.hostname.startsWith('['))
    return { error: t('wazoErrorServerInvalid', text) };
  return { url: url.origin, host: url.hostname.toLowerCase() };
}
