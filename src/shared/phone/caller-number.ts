import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * A caller's number as the user reads it: national format for a number of the user's own
 * country, international for any other; anything that is not a valid phone number (a SIP
 * user name, a short extension) exactly as signalled.
 */
export function formatCallerNumber(number: string, region: string | undefined): string {
  const digits = number.replace(/[\s().-]/g, '');
  if (!/^\+?\d{6,17}$/.test(digits)) return number;
  const parsed = parsePhoneNumberFromString(digits, region ? (region as CountryCode) : undefined);
  if (!parsed?.isValid()) return number;
  return parsed.country && parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}
