import { describe, expect, it } from 'vitest';
import { validateAccountInput } from './account-kinds';

describe('an account checked by its phone system', () => {
  it('a SIP account by the SIP rules (kind left out: SIP, as every account before kinds)', () => {
    const result = validateAccountInput({ server: 'wss://pbx.example.com/ws', username: 'alice', domain: 'pbx.example.com', password: 'pw' });
    expect(result.ok && result.account.kind).toBe('sip');
  });

  it('a Wazo account by the Wazo rules: a server name is enough, no SIP domain asked', () => {
    const result = validateAccountInput({ kind: 'wazo', server: 'wazo.example.com', username: 'alice', domain: '', password: 'pw' });
    expect(result.ok && result.account).toMatchObject({ kind: 'wazo', server: 'https://wazo.example.com', domain: 'wazo.example.com' });
  });

  it('a kind this Offhook does not know is refused by name, with the other mistakes too', () => {
    const result = validateAccountInput({ kind: 'teams', server: '', username: 'alice', domain: 'x.example', password: 'pw' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.kind).toBe('Offhook has no phone system called "teams".');
    expect(!result.ok && result.errors.server).toBeTruthy();
  });
});
