import { describe, expect, it } from 'vitest';
import { describeRegistration } from '../shared/phone/registration';
import { registrationRejected, transportFailed } from './registration-failure';

const aor = 'alice@pbx.example';

describe('registrationRejected', () => {
  it.each([
    [401, 'Unauthorized'],
    [407, 'Proxy Authentication Required'],
  ])('%i after credentials means a wrong password, with the server answer shown', (status, phrase) => {
    const reg = registrationRejected(aor, status, phrase);
    expect(reg).toMatchObject({ state: 'failed', aor, kind: 'auth', status, phrase });
    expect(describeRegistration(reg)).toBe(
      `Not registered: Wrong username or password (the server answered ${status} ${phrase}).`,
    );
  });

  it('403 means the server refused the account', () => {
    const reg = registrationRejected(aor, 403, 'Forbidden');
    expect(reg).toMatchObject({ kind: 'rejected', status: 403, phrase: 'Forbidden' });
    expect(describeRegistration(reg)).toBe('Not registered: The server refused this account (403 Forbidden).');
  });

  it.each([
    [404, 'Not Found'],
    [423, 'Interval Too Brief'],
    [503, 'Service Unavailable'],
    [606, 'Not Acceptable'],
  ])('%i is shown verbatim', (status, phrase) => {
    const reg = registrationRejected(aor, status, phrase);
    expect(reg).toMatchObject({ kind: 'rejected', status, phrase });
    expect(describeRegistration(reg)).toBe(`Not registered: The server answered ${status} ${phrase}.`);
  });

  it('copes with a server that sends no reason phrase', () => {
    const reg = registrationRejected(aor, 503, '');
    expect(describeRegistration(reg)).toBe('Not registered: The server answered 503.');
  });
});

describe('transportFailed', () => {
  it('names the server and what to check', () => {
    const reg = transportFailed(aor, 'wss://pbx.example:8089/ws');
    expect(reg).toMatchObject({ state: 'failed', aor, kind: 'transport' });
    expect(describeRegistration(reg)).toBe(
      'Not registered: Cannot reach the server at wss://pbx.example:8089/ws. Check the address and port, and for wss:// that the certificate is valid.',
    );
  });

  it('includes the transport error when there is one', () => {
    const reg = transportFailed(aor, 'wss://pbx.example/ws', 'WebSocket closed (1006)');
    expect(describeRegistration(reg)).toContain('Cannot reach the server at wss://pbx.example/ws (WebSocket closed (1006)).');
  });

  it('carries no SIP status, since no SIP answer came', () => {
    expect(transportFailed(aor, 'wss://pbx.example/ws')).not.toHaveProperty('status');
  });
});
