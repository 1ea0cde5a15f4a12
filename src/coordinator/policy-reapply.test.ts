import { describe, expect, it } from 'vitest';
import { testAccount } from '../shared/account/test-account';
import { readManagedPolicy } from './managed-policy';
import { accountFromPolicy, inputFromAccount, reapplyPolicy } from './policy-reapply';
import { validateAccountInput } from '../providers/account-kinds';

describe('a policy that changes while the browser runs', () => {
  const stored = testAccount({ kind: 'sip', server: 'wss://pbx.example.com/ws', username: 'alice', domain: 'pbx.example.com', password: 'alice-pw', expires: 300 });

  it('a stored account read back as the form sends it validates to itself', () => {
    const again = validateAccountInput(inputFromAccount(stored), stored);
    expect(again.ok && again.account).toEqual(stored);
  });

  it('nothing to do when the locked fields already hold', () => {
    expect(reapplyPolicy(stored, readManagedPolicy({ account: { server: 'wss://pbx.example.com/ws', expires: 300 } }))).toEqual({ kind: 'unchanged' });
  });

  it('a new registration interval or dial plan applies at once, keeping the password', () => {
    const r = reapplyPolicy(stored, readManagedPolicy({ account: { expires: 120 }, dialPlan: { homeCountry: 'DE' } }));
    expect(r.kind === 'changed' && r.account).toMatchObject({ expires: 120, password: 'alice-pw', dialPlan: { homeCountry: 'DE' } });
  });

  it('a new server takes no password with it: the user is asked', () => {
    const r = reapplyPolicy(stored, readManagedPolicy({ account: { server: 'wss://other.example.net/ws' } }));
    expect(r.kind).toBe('needs-user');
    expect(r.kind === 'needs-user' && Object.keys(r.errors)).toContain('password');
  });
});

describe('a shared account by policy', () => {
  const shared = { server: 'wss://pbx.example.com/ws', domain: 'pbx.example.com', username: 'frontdesk', password: 'shared-secret', expires: 300 };

  it('is a whole account, ready to store, when the policy holds its username and password', () => {
    expect(accountFromPolicy(readManagedPolicy({ account: shared }))).toMatchObject({ kind: 'sip', username: 'frontdesk', password: 'shared-secret', expires: 300 });
  });

  it('is none when the user still has something to type, or the policy’s fields do not make an account', () => {
    expect(accountFromPolicy(readManagedPolicy({ account: { ...shared, password: undefined } }))).toBeUndefined();
    expect(accountFromPolicy(readManagedPolicy({ account: { ...shared, server: undefined } }))).toBeUndefined();
  });

  it('a stored platform account under an unchanged policy stays as it is, its sign-in kept', () => {
    const wazo = testAccount({ kind: 'wazo', server: 'https://wazo.example.com', username: 'ann', domain: 'wazo.example.com', password: '', refreshToken: 'refresh-secret' });
    expect(reapplyPolicy(wazo, readManagedPolicy({ account: { kind: 'wazo', server: 'https://wazo.example.com' } }))).toEqual({ kind: 'unchanged' });
  });
});
