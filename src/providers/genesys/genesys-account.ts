import { sameHome, type Account } from '../../shared/account/account';
import { validateCommonFields, type AccountInput, type FieldErrors, type Validation } from '../../shared/account/validate-account';
import { t } from '../../shared/i18n/t';
import { isGenesysRegion } from './genesys-regions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A Genesys Cloud account: the region and the OAuth client id an admin registered for Offhook.
 * There is no password: Save signs in through Genesys's own login page (the browser's auth
 * window), and the account keeps the sign-in. The user (username: their Genesys e-mail) comes
 * from Genesys once signed in.
 *
 * Stored as: server and domain the region's host, username the e-mail, oauthClientId, and
 * phoneMode 'offhook' when this browser is the user's Genesys WebRTC phone.
 */
export function validateGenesysAccount(input: AccountInput, stored?: Account | null): Validation {
  const errors: FieldErrors = {};
  const region = input.server.trim().toLowerCase();
  if (!region) errors.server = t('genesysErrorRegionMissing');
  else if (!isGenesysRegion(region)) errors.server = t('genesysErrorRegionUnknown', region);
  const clientId = (input.oauthClientId ?? '').trim().toLowerCase();
  if (!clientId) errors.oauthClientId = t('genesysErrorClientIdMissing');
  else if (!UUID.test(clientId)) errors.oauthClientId = t('genesysErrorClientIdInvalid');
  const phoneMode = input.phoneMode || 'platform';
  if (phoneMode !== 'platform' && phoneMode !== 'offhook') errors.phoneMode = t('webexErrorPhoneMode');
  // Signed in already (the same region, client and user): the sign-in stays.
  const username = input.username.trim();
  const home =
    stored && username && stored.oauthClientId === clientId && sameHome(stored, { kind: 'genesys', server: region, username, domain: region, authUsername: '' })
      ? stored
      : undefined;
  const common = validateCommonFields(input, home, errors);
  if (Object.keys(errors).length > 0 || !common) return { ok: false, errors };
  return {
    ok: true,
    account: {
      kind: 'genesys',
      server: region,
      username: home ? username : '',
      authUsername: '',
      domain: region,
      password: '',
      ha1: '',
      refreshToken: home?.refreshToken ?? '',
      oauthClientId: clientId,
      ...(phoneMode === 'offhook' ? { phoneMode: 'offhook' as const } : {}),
      ...common,
    },
  };
}
