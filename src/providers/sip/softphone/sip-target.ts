/**
 * Turns what the user dialled into the SIP URI to INVITE. Accepts a number as dialled
 * ("+1 (415) 555-2671", "0221 2210"), an RFC 3966 tel URI, a bare SIP user ("bob"), a
 * user@host, or a sip:/sips: URI. Visual separators are dropped; nothing else is invented.
 */
import { t } from '../../../shared/i18n/t';

export type SipTarget = { ok: true; uri: string; display: string } | { ok: false; error: string };

const VISUAL_SEPARATORS = /[\s\u00a0\u202f\u2009.\-()/\u2010-\u2015]/g;
const DIALLABLE = /^\+?[0-9*#]+$/;
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/;
const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/;

export function toSipTarget(input: string, domain: string): SipTarget {
  const text = input.trim();
  if (!text) return { ok: false, error: t('dialErrorEmpty') };
  if (text.length > 256) return { ok: false, error: t('dialErrorTooLong') };

  const scheme = /^(sips?|tel):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'tel') {
    // RFC 3966: the number is before the first ';' (parameters such as ext come after).
    const number = text.slice(4).split(';')[0]!.replace(VISUAL_SEPARATORS, '');
    if (!DIALLABLE.test(number)) return { ok: false, error: t('dialErrorNotPhoneNumber', text) };
    return { ok: true, uri: `sip:${escapeUser(number)}@${domain}`, display: number };
  }
  if (scheme) {
    const rest = text.slice(scheme.length + 1);
    return userAtHost(rest, scheme as 'sip' | 'sips', text);
  }
  if (text.includes('@')) return userAtHost(text, 'sip', text);

  const digits = text.replace(VISUAL_SEPARATORS, '');
  if (DIALLABLE.test(digits)) return { ok: true, uri: `sip:${escapeUser(digits)}@${domain}`, display: digits };
  if (SIP_USER.test(text)) return { ok: true, uri: `sip:${text}@${domain}`, display: text };
  return { ok: false, error: t('dialErrorUnusable', text) };
}

function userAtHost(rest: string, scheme: 'sip' | 'sips', original: string): SipTarget {
  // Parameters and headers (after ';' or '?') are dropped: only user and host are dialled.
  const bare = rest.split(/[;?]/)[0]!;
  const at = bare.lastIndexOf('@');
  const user = at >= 0 ? bare.slice(0, at) : '';
  const host = at >= 0 ? bare.slice(at + 1) : bare;
  if (!HOST.test(host) || (user && !SIP_USER.test(user)))
    return { ok: false, error: t('callErrorInvalidSipAddress', original) };
  return { ok: true, uri: `${scheme}:${user ? user + '@' : ''}${host}`, display: user || host };
}

function escapeUser(user: string): string {
  return user.replace(/#/g, '%23');
}
