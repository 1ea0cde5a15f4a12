import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/core';
import { metadata } from './metadata';

/**
 * `text` is the number as the link writes it (decoded); `formatted` is it in international
 * format for display, as `PhoneMatch.formatted`.
 */
export type CallLinkTarget = { tel: string; text: string; formatted: string } | { sip: string };

const KEYPAD = '22233344455566677778889999';
/** RFC 3966 visual separators, plus the spaces and slashes pages put in tel: links anyway. */
const VISUAL = /[-.()\s/\u00a0]/g;
/** After the number: a pause (",", "p", "w") and digits to send once connected, as an extension. */
const NUMBER_WITH_PAUSE = /^(\+?[0-9A-Za-z*#]+?)(?:[,;pPwW]+([0-9]{1,10}))?$/;
const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/;
const SIP_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * What a `tel:`, `callto:` or `sip:` link on a page calls. A tel number comes back as a global
 * RFC 3966 URI without separators (a national number is read in `defaultRegion`); a SIP URI
 * whose user part is a global number comes back as that number; any other SIP URI as
 * `sip:user@host` without its parameters and headers. Anything else, malformed input and
 * numbers without a region to read them in give undefined. Never throws.
 */
export function parseCallLink(href: string, defaultRegion?: string): CallLinkTarget | undefined {
  try {
    const trimmed = href.trim();
    const colon = trimmed.indexOf(':');
    if (colon < 0) return undefined;
    const scheme = trimmed.slice(0, colon).toLowerCase();
    const rest = trimmed.slice(colon + 1);
    switch (scheme) {
      case 'tel':
        return telTarget(rest, defaultRegion);
      case 'callto':
        return telTarget(rest.replace(/^\/\//, ''), defaultRegion);
      case 'sip':
      case 'sips':
        return sipTarget(scheme, rest, defaultRegion);
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

function telTarget(body: string, defaultRegion: string | undefined): { tel: string; text: string; formatted: string } | undefined {
  const [numberPart = '', ...params] = decodeURIComponent(body.split('?')[0]!).split(';');
  let ext: string | undefined;
  let context: string | undefined;
  for (const param of params) {
    const [name = '', value = ''] = param.split('=');
    if (name.toLowerCase() === 'ext') ext = value.replace(VISUAL, '');
    else if (name.toLowerCase() === 'phone-context') context = value;
  }
  const text = numberPart.trim();
  const compact = text.replace(VISUAL, '');
  const m = NUMBER_WITH_PAUSE.exec(compact);
  if (!m) return undefined;
  const dialled = m[1]!;
  ext ??= m[2];
  if (ext !== undefined && !/^\d{1,10}$/.test(ext)) return undefined;
  // Vanity letters (tel:1-800-FLOWERS) are dialled as keypad digits.
  const digits = dialled.replace(/[A-Za-z]/g, (c) => KEYPAD[(c.charCodeAt(0) | 0x20) - 0x61]!);
  if (!/^\+?\d{3,17}$/.test(digits)) return undefined;

  let global: string | undefined;
  if (digits.startsWith('+')) {
    global = digits;
  } else if (context?.startsWith('+') && /^\+\d+$/.test(context.replace(VISUAL, ''))) {
    global = context.replace(VISUAL, '') + digits;
  } else {
    const region = defaultRegion?.toUpperCase();
    if (!region || !isSupportedCountry(region as CountryCode, metadata)) return undefined;
    const phone = parsePhoneNumberFromString(digits, { defaultCountry: region as CountryCode }, metadata);
    if (!phone?.isPossible()) return undefined;
    global = phone.number;
  }
  const international = parsePhoneNumberFromString(global, metadata)?.formatInternational() ?? global;
  return {
    tel: ext ? `tel:${global};ext=${ext}` : `tel:${global}`,
    text,
    formatted: ext ? `${international} ext. ${ext}` : international,
  };
}

function sipTarget(scheme: string, rest: string, defaultRegion: string | undefined): CallLinkTarget | undefined {
  // Headers after '?', then parameters after the host's ';'; the user part may hold ';' too.
  const withoutHeaders = rest.split('?')[0]!;
  const at = withoutHeaders.lastIndexOf('@');
  const user = at >= 0 ? withoutHeaders.slice(0, at) : '';
  const host = (at >= 0 ? withoutHeaders.slice(at + 1) : withoutHeaders).split(';')[0]!;
  if (!SIP_HOST.test(host)) return undefined;
  if (at >= 0 && (!user || !SIP_USER.test(user))) return undefined;
  const userNumber = decodeURIComponent(user.split(';')[0]!);
  if (/^\+[\d\-.() ]+$/.test(userNumber)) {
    const tel = telTarget(userNumber, defaultRegion);
    if (tel) return tel;
  }
  return { sip: `${scheme}:${at >= 0 ? `${user.split(';')[0]}@` : ''}${host}` };
}
