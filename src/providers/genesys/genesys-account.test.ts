import { describe, expect, it } from 'vitest';
import { testAccount } from '../../shared/account/test-account';
import { validateAccountInput } from '../account-kinds';

const CLIENT = '7de3af06-5b0e-4a3c-9d1f-2c8e4b6a9f10';
const input = (fields: Record<string, string> = {}) => ({ kind: 'genesys', server: 'mypurecloud.de', username: '', domain: '', oauthClientId: CLIENT, ...fields });

describe('a Genesys Cloud account as typed', () => {
  it('is the region and the OAuth client, driving the user’s own Genesys phone unless told otherwise', () => {
    const v = validateAccountInput(input());
    expect(v.ok && v.account).toMatchObject({ kind: 'genesys', server: 'mypurecloud.de', domain: 'mypurecloud.de', oauthClientId: CLIENT, password: '' });
    expect(v.ok && v.account.phoneMode).toBeUndefined();
  });

  it('keeps "Offhook is my Genesys phone", keeps the sign-in across the switch (the same user and client), and tells a bad choice', () => {
    const stored = testAccount({ kind: 'genesys', server: 'mypurecloud.de', domain: 'mypurecloud.de', username: 'ann@example.com', oauthClientId: CLIENT, refreshToken: 'kept' });
    const v = validateAccountInput(input({ phoneMode: 'offhook', username: 'ann@example.com' }), stored);
    expect(v.ok && v.account).toMatchObject({ phoneMode: 'offhook', refreshToken: 'kept', username: 'ann@example.com' });
    const bad = validateAccountInput(input({ phoneMode: 'both' }));
    expect(!bad.ok && bad.errors.phoneMode).toBe('Choose which phone Offhook uses.');
  });

  it('says what is missing or malformed, field by field', () => {
    const v = validateAccountInput(input({ server: 'example.com', oauthClientId: 'nope' }));
    expect(!v.ok && Object.keys(v.errors).sort()).toEqual(['oauthClientId', 'server']);
  });
});
