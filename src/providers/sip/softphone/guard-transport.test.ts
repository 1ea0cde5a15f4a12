import { describe, expect, it } from 'vitest';
import type { UserAgent } from 'sip.js';
import { guardIncomingMessages } from './guard-transport';

function fakeUa(deliver: (m: string) => void) {
  const transport: { onMessage?: (m: string) => void } = { onMessage: deliver };
  return { ua: { transport } as unknown as UserAgent, transport };
}

describe('guardIncomingMessages', () => {
  it('passes messages through', () => {
    const seen: string[] = [];
    const { ua, transport } = fakeUa((m) => seen.push(m));
    guardIncomingMessages(ua, () => undefined);
    transport.onMessage!('OPTIONS sip:a@b SIP/2.0\r\n\r\n');
    expect(seen).toEqual(['OPTIONS sip:a@b SIP/2.0\r\n\r\n']);
  });

  it('drops a message that makes sip.js throw, with one short redacted line', () => {
    const lines: string[] = [];
    const { ua, transport } = fakeUa(() => {
      throw new Error('Request-URI undefined.');
    });
    guardIncomingMessages(ua, (l) => lines.push(l));
    const message = `INVITE soap.beep://x SIP/2.0\r\nAuthorization: Digest response="abc"\r\nX: ${'y'.repeat(100_000)}\r\n\r\n`;
    expect(() => transport.onMessage!(message)).not.toThrow();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Request-URI undefined.');
    expect(lines[0]).toContain('INVITE soap.beep://x SIP/2.0');
    expect(lines[0]).not.toContain('abc');
    expect(lines[0]!.length).toBeLessThan(500);
  });
});
