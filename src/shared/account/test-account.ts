import { EXPIRES_DEFAULT, type Account } from './account';

/**
 * A complete stored account for unit tests, with every field at its default and `fields` on
 * top: tests name only what they are about. (Imported by tests only; never bundled.)
 */
export function testAccount(fields: Partial<Account> & Pick<Account, 'kind' | 'server' | 'username' | 'domain'>): Account {
  return {
    authUsername: '',
    displayName: '',
    password: '',
    ha1: '',
    refreshToken: '',
    oauthClientId: '',
    iceServers: [],
    dtmfMethod: 'rfc4733',
    autoAnswer: 'off',
    transferRequests: 'decline',
    dialPlan: { international: 'plus', internationalPrefix: '00', homeCountry: '', outsideLine: '' },
    expires: EXPIRES_DEFAULT,
    ...fields,
  };
}
