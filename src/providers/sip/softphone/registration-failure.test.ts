import { describe, expect, it } from 'vitest';
import { describeRegistration } from '../../../shared/phone/registration';
import { isFinalRejection, registrationRejected, registrationTemporary, retryAfterMs, transportFailed } from './registration-failure';

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

describe('which answers to REGISTER are final', () => {
  it.each([401, 403, 404, 407, 600, 603])('%i is the server’s last word: shown, not retried', (status) => {
    expect(isFinalRejection(status)).toBe(true);
  });
  it.each([408, 480, 500, 503, 504, 423, 486])('%i is for now: retried with backoff', (status) => {
    expect(isFinalRejection(status)).toBe(false);
  });

  it('says it is reconnecting, with the server’s answer and when it tries next', () => {
    const reg = registrationTemporary(aor, 503, 'Service Unavailable', 1234);
    expect(reg).toMatchObject({ state: 'failed', kind: 'temporary', status: 503, retryAt: 1234 });
    expect(describeRegistration(reg)).toBe('Reconnecting: the server answered 503 Service Unavailable for now.');
  });

  it.each([
    ['120', 120_000],
    [' 18000;duration=3600', 600_000],
    ['5 (restarting)', 5_000],
    [undefined, undefined],
    ['soon', undefined],
  ])('reads Retry-After %j as %j ms, at most ten minutes', (header, ms) => {
    expect(retryAfterMs(header)).toBe(ms);
  });
});
