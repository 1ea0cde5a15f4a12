import type { Session } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dtmfDigits, dtmfRelay, sendDtmf } from './dtmf';

describe('dtmfDigits', () => {
  it('takes what a keypad sends, in upper case', () => {
    expect(dtmfDigits('12*#abcd')).toBe('12*#ABCD');
  });

  it.each(['', '1 2', '+1', 'E', '1'.repeat(33)])('refuses %j', (digits) => {
    expect(() => dtmfDigits(digits)).toThrow('Only 0–9, *, # and A–D');
  });
});

describe('sendDtmf', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const session = (rtp: boolean) => {
    const info = vi.fn(() => Promise.resolve());
    const sendDtmf = vi.fn(() => rtp);
    return { info, sendDtmf, session: { info, sessionDescriptionHandler: { sendDtmf } } as unknown as Session };
  };
  const infoBodies = (info: ReturnType<typeof vi.fn>) =>
    info.mock.calls.map((c) => (c[0] as { requestOptions: { body: { content: string } } }).requestOptions.body.content);

  it('sends RFC 4733 telephone-events when the peer connection can', async () => {
    const s = session(true);
    await sendDtmf(s.session, '42', 'rfc4733');
    expect(s.sendDtmf).toHaveBeenCalledWith('42', { duration: 100, interToneGap: 70 });
    expect(s.info).not.toHaveBeenCalled();
  });

  it('falls back to one SIP INFO per digit when it cannot', async () => {
    const s = session(false);
    const sent = sendDtmf(s.session, '4#', 'rfc4733');
    await vi.runAllTimersAsync();
    await sent;
    expect(infoBodies(s.info)).toEqual([dtmfRelay('4'), dtmfRelay('#')]);
  });

  it('sends SIP INFO when the account asks for it', async () => {
    const s = session(true);
    const sent = sendDtmf(s.session, 'b', 'info');
    await vi.runAllTimersAsync();
    await sent;
    expect(s.sendDtmf).not.toHaveBeenCalled();
    expect(infoBodies(s.info)).toEqual(['Signal=B\r\nDuration=100']);
  });
});
