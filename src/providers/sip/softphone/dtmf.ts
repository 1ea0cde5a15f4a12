import type { Session, Web } from 'sip.js';
import type { DtmfMethod } from '../../../shared/account/account';

/** How long after the answer a number's extension is sent: the far system's greeting starts. */
export const TONES_AFTER_ANSWER_MS = 1500;
const TONE_MS = 100;
const GAP_MS = 70;

/** The digits to send, in upper case; anything a keypad cannot send is refused. */
export function dtmfDigits(digits: string): string {
  if (!/^[0-9*#A-D]{1,32}$/i.test(digits)) throw new Error('Only 0–9, *, # and A–D can be sent as tones.');
  return digits.toUpperCase();
}

/** The body of the SIP INFO that carries one digit. */
export function dtmfRelay(digit: string): string {
  return `Signal=${digit}\r\nDuration=${TONE_MS}`;
}

/**
 * Sends keypad digits: RTP telephone-events (RFC 4733) or SIP INFO, with a gap between.
 * RFC 4733 falls back to INFO when the peer connection cannot send them (no DTMF sender).
 */
export async function sendDtmf(session: Session, digits: string, method: DtmfMethod): Promise<void> {
  const tones = dtmfDigits(digits);
  const sdh = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  if (method === 'rfc4733' && sdh?.sendDtmf(tones, { duration: TONE_MS, interToneGap: GAP_MS })) return;
  for (const digit of tones) {
    await session.info({
      requestOptions: {
        body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: dtmfRelay(digit) },
      },
    });
    await new Promise((r) => setTimeout(r, GAP_MS));
  }
}
