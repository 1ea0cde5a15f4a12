import { afterEach, describe, expect, it, vi } from 'vitest';
import { logLine, redactSip, sipLogConnector } from './sip-log';

const secretParts = ['0a4f113b', '6629fae49393a05397450978507c4ef1', 'dcd98b7102dd2f0e8b11d0f600bfb0c093'];

// What sip.js logs when it sends a REGISTER with digest credentials.
const register = [
  'Sending WebSocket message:',
  '',
  'REGISTER sip:pbx.example SIP/2.0',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
  'From: <sip:alice@pbx.example>;tag=1',
  'Authorization: Digest algorithm=MD5, username="alice", realm="pbx.example", ' +
    'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="sip:pbx.example", ' +
    'response="6629fae49393a05397450978507c4ef1", qop=auth, cnonce="0a4f113b", nc=00000001',
  'Call-ID: xyz',
  'Content-Length: 0',
  '',
].join('\r\n');

describe('redactSip', () => {
  it('cuts the Authorization header value and keeps the rest of the message readable', () => {
    const out = redactSip(register);
    for (const secret of secretParts) expect(out).not.toContain(secret);
    expect(out).toContain('Authorization: [redacted]\r\n');
    expect(out).toContain('REGISTER sip:pbx.example SIP/2.0\r\n');
    expect(out).toContain('From: <sip:alice@pbx.example>;tag=1\r\n');
    expect(out).toContain('Call-ID: xyz\r\n');
    expect(out.split('\r\n')).toHaveLength(register.split('\r\n').length);
  });

  it('cuts Proxy-Authorization too', () => {
    const out = redactSip('INVITE sip:bob@x SIP/2.0\nProxy-Authorization: Digest response="6629fae49393a05397450978507c4ef1"\nCSeq: 2 INVITE');
    expect(out).toBe('INVITE sip:bob@x SIP/2.0\nProxy-Authorization: [redacted]\nCSeq: 2 INVITE');
  });

  it('matches header names in any case, as SIP does', () => {
    for (const name of ['authorization', 'AUTHORIZATION', 'proxy-authorization', 'PROXY-AUTHORIZATION']) {
      const out = redactSip(`${name}: Digest response="6629fae49393a05397450978507c4ef1"`);
      expect(out).toBe(`${name}: [redacted]`);
    }
  });

  it('cuts digest values wherever they appear, e.g. in a challenge or an error text', () => {
    const out = redactSip(
      'WWW-Authenticate: Digest realm="pbx.example", NONCE="dcd98b7102dd2f0e8b11d0f600bfb0c093"\n' +
        'digest failed: Response="6629fae49393a05397450978507c4ef1" cnonce="0a4f113b"',
    );
    for (const secret of secretParts) expect(out).not.toContain(secret);
    expect(out).toContain('realm="pbx.example"');
    expect(out).toContain('NONCE="[redacted]"');
  });

  it('cuts every credential in a log line that holds several messages', () => {
    const out = redactSip(`${register}\n${register.replace(/\r\n/g, '\n')}`);
    for (const secret of secretParts) expect(out).not.toContain(secret);
    expect(out.match(/Authorization: \[redacted\]/g)).toHaveLength(2);
  });

  it('leaves a line without credentials alone', () => {
    const text = 'SIP/2.0 200 OK\r\nContact: <sip:alice@abc.invalid;transport=ws>;expires=600';
    expect(redactSip(text)).toBe(text);
  });
});

describe('sipLogConnector', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs errors and warnings redacted, and drops the chatter', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    sipLogConnector('error', 'sip.transport', undefined, register);
    sipLogConnector('warn', 'sip.registerer', undefined, 'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093"');
    sipLogConnector('log', 'sip.transport', undefined, 'chatter');
    sipLogConnector('debug', 'sip.transport', undefined, 'chatter');
    expect(error).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledOnce();
    const logged = [...error.mock.calls, ...warn.mock.calls].flat().join('\n');
    expect(logged).toContain('[offhook] sip sip.transport:');
    for (const secret of secretParts) expect(logged).not.toContain(secret);
  });
});

describe('logLine', () => {
  it('caps a huge line and says how much was cut', () => {
    const line = logLine('x'.repeat(1_000_000));
    expect(line.length).toBeLessThan(2100);
    expect(line).toMatch(/… \(998000 more characters\)$/);
  });

  it('replaces control characters, keeping line breaks, and still redacts', () => {
    expect(logLine('a\u0000b\u001bc\r\nAuthorization: Digest response="x"')).toBe('a\ufffdb\ufffdc\r\nAuthorization: [redacted]');
  });
});
