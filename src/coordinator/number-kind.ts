import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { kindOf, type NumberKind } from '../detection/phone-match';

/**
 * The type of a number with the full metadata. The content script ships the small metadata
 * (its size budget), which cannot tell a premium-rate number from any other in most
 * countries; the service worker has no such budget, so the hover card asks it.
 */
export function numberKind(tel: string): NumberKind {
  const e164 = /^tel:(\+[0-9]{4,15})(;|$)/.exec(tel)?.[1];
  if (!e164) return 'unknown';
  return kindOf(parsePhoneNumberFromString(e164)?.getType());
}
