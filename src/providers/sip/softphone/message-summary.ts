import type { Voicemail } from '../../../shared/phone/voicemail';

/** The most messages a count says: a larger number is a broken or hostile body. */
const MAX_COUNT = 9999;

/**
 * An RFC 3842 message-summary body, as Asterisk (unsolicited, for an endpoint with mailboxes)
 * and FreeSWITCH send it:
 *
 *   Messages-Waiting: yes
 *   Message-Account: sip:*97@pbx.example.com
 *   Voice-Message: 2/8 (0/2)
 *
 * Only voice messages count. Null when the body is not a message summary.
 */
export function readMessageSummary(body: string): Voicemail | null {
  const lines = body.slice(0, 4096).split(/\r?\n/);
  const field = (name: string) => lines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
  const waiting = field('Messages-Waiting')?.toLowerCase();
  if (waiting !== 'yes' && waiting !== 'no') return null;
  const voice = /^(\d+)\s*\/\s*(\d+)/.exec(field('Voice-Message') ?? '');
  const count = (text: string | undefined) => Math.min(Number(text ?? 0), MAX_COUNT);
  return {
    waiting: waiting === 'yes',
    new: voice ? count(voice[1]) : waiting === 'yes' ? 1 : 0,
    old: voice ? count(voice[2]) : 0,
  };
}
