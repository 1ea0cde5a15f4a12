import { describe, expect, it } from 'vitest';
import { testAccount } from '../../shared/account/test-account';
import { validateAccountInput } from '../account-kinds';

const input = (fields: Record<string, string> = {}) => ({ kind: 'webex', server: '', username: '', domain: '', oauthClientId: 'C0123456789abcdef0123456789', password: 'integration-secret', ...fields });

describe('a Webex Calling account as typed', () => {
  it('needs the integration’s client id and secret, and lives at webexapis.com', () => {
    const v = validateAccountInput(input());
    expect(v.ok && v.account).toMatchObject({ kind: 'webex', server: 'webexapis.com', domain: 'webexapis.com', oauthClientId: 'C0123456789abcdef0123456789', password: 'integration-secret', username: '', refreshToken: '' });
  });

  it('says what is missing or malformed, field by field', () => {
    const v = validateAccountInput(input({ oauthClientId: '', password: '' }));
    expect(!v.ok && v.errors).toMatchObject({ oauthClientId: expect.stringContaining('client id'), password: expect.stringContaining('client secret') });
    const bad = validateAccountInput(input({ oauthClientId: 'not a client id!', password: 'has a space' }));
    expect(!bad.ok && Object.keys(bad.errors).sort()).toEqual(['oauthClientId', 'password']);
  });

  it('keeps the saved secret and sign-in when the form leaves the secret empty for the same integration and user', () => {
    const stored = testAccount({ kind: 'webex', server: 'webexapis.com', domain: 'webexapis.com', username: 'ann@example.com', oauthClientId: 'C0123456789abcdef0123456789', password: 'integration-secret', refreshToken: 'kept' });
    const v = validateAccountInput(input({ password: '', username: 'ann@example.com' }), stored);
    expect(v.ok && v.account).toMatchObject({ password: 'integration-secret', refreshToken: 'kept', username: 'ann@example.com' });
    // Another integration: signed in again, and its own secret is needed.
    const other = validateAccountInput(input({ password: '', oauthClientId: 'C9999999999abcdef0123456789', username: 'ann@example.com' }), stored);
    expect(!other.ok && other.errors.password).toBeTruthy();
  });

  it('keeps which phone the user chose; choosing the other one signs in again (it asks Webex for other scopes); a bad choice is told', () => {
    const offhook = validateAccountInput(input({ phoneMode: 'offhook' }));
    expect(offhook.ok && offhook.account.phoneMode).toBe('offhook');
    const platform = validateAccountInput(input({ phoneMode: 'platform' }));
    expect(platform.ok && platform.account.phoneMode).toBeUndefined();
    const stored = testAccount({ kind: 'webex', server: 'webexapis.com', domain: 'webexapis.com', username: 'ann@example.com', oauthClientId: 'C0123456789abcdef0123456789', password: 'integration-secret', refreshToken: 'kept' });
    const same = validateAccountInput(input({ password: '', username: 'ann@example.com', phoneMode: 'platform' }), stored);
    expect(same.ok && same.account.refreshToken).toBe('kept');
    const switched = validateAccountInput(input({ password: '', username: 'ann@example.com', phoneMode: 'offhook' }), stored);
    expect(switched.ok && switched.account).toMatchObject({ refreshToken: '', phoneMode: 'offhook', password: 'integration-secret' });
    const bad = validateAccountInput(input({ phoneMode: 'desk' }));
    expect(!bad.ok && bad.errors.phoneMode).toBe('Choose which phone Offhook uses.');
  });
});
