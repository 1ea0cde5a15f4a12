import { sameHome, type Account } from '../../shared/account/account';
import { validateCommonFields, type AccountInput, type FieldErrors, type Validation } from '../../shared/account/validate-account';
import { t } from '../../shared/i18n/t';

/** Where Webex's public API (and its OAuth server) lives. */
export const WEBEX_API_HOST = 'webexapis.com';

/** A Webex integration's client id: letters and digits (Webex's start with C and run to 65). */
const CLIENT_ID = /^[A-Za-z0-9]{16,128}$/;
const SECRET = /^[\x21-\x7e]{8,256}$/;

/**
 * A Webex Calling account: the integration an admin registered for Offhook (its client id and
 * client secret, which Webex's token endpoint asks for). There is no user password: Save signs
 * in through Webex's own login page (the browser's auth window), and the account keeps the
 * sign-in. The user (username: their Webex e-mail) comes from Webex once signed in.
 *
 * Stored as: server and domain webexapis.com, username the e-mail, oauthClientId, password the
 * integration's client secret (a secret like any password: never exported, never shown).
 */
export function validateWebexAccount(input: AccountInput, stored?: Account | null): Validation {
  const errors: FieldErrors = {};
  const clientId = (input.oauthClientId ?? '').trim();
  if (!clientId) errors.oauthClientId = t('webexErrorClientIdMissing');
  else if (!CLIENT_ID.test(clientId)) errors.oauthClientId = t('webexErrorClientIdInvalid');
  const sameClient = stored?.kind === 'webex' && stored.oauthClientId === clientId;
  // The secret as typed, or (left empty) the one kept for this integration.
  const typed = input.password ?? '';
  const secret = typed || (sameClient ? stored.password : '');
  if (!secret) errors.password = t('webexErrorSecretMissing');
  else if (!SECRET.test(secret)) errors.password = t('webexErrorSecretInvalid');
  const phoneMode = input.phoneMode || 'platform';
  if (phoneMode !== 'platform' && phoneMode !== 'offhook') errors.phoneMode = t('webexErrorPhoneMode');
  // Signed in already (the same integration, user and phone: the phone decides the scopes
  // asked for): the sign-in stays.
  const username = input.username.trim();
  const home =
    sameClient && username && secret === stored.password && (stored.phoneMode ?? 'platform') === phoneMode && sameHome(stored, { kind: 'webex', server: WEBEX_API_HOST, username, domain: WEBEX_API_HOST, authUsername: '' })
      ? stored
      : undefined;
  const common = validateCommonFields(input, home, errors);
  if (Object.keys(errors).length > 0 || !common) return { ok: false, errors };
  return {
    ok: true,
    account: {
      kind: 'webex',
      server: WEBEX_API_HOST,
      username: home ? username : '',
      authUsername: '',
      domain: WEBEX_API_HOST,
      password: secret,
      ha1: '',
      refreshToken: home?.refreshToken ?? '',
      oauthClientId: clientId,
      ...common,
      ...(phoneMode === 'offhook' ? { phoneMode: 'offhook' as const } : {}),
    },
  };
}
