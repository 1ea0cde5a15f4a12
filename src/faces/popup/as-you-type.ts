import { AsYouType, isSupportedCountry, type CountryCode } from 'libphonenumber-js/core';
import { metadata } from '../../detection/metadata';
import { regionFromLocale } from '../../detection/region';
import { looksLikeNumber } from '../../shared/phone/dial-input';
import { readDetectionSettings } from '../../shared/settings/detection-settings';

/**
 * Formats a number as it is typed, the way the person's country writes it ("0221 2210",
 * "(415) 555-0142", "+49 221 2210"). Loaded only once the person types: the popup's first
 * paint does not wait for libphonenumber.
 */
export function formatAsYouType(text: string, region: string | undefined): string {
  if (!looksLikeNumber(text) || /[*#]/.test(text)) return text;
  const country = region && isSupportedCountry(region as CountryCode, metadata) ? (region as CountryCode) : undefined;
  const digits = text.replace(/[^0-9+]/g, '').replace(/(?!^)\+/g, '');
  const formatted = new AsYouType(country, metadata).input(digits);
  return formatted || text;
}

/** The formatter for the person's region: the default country from the options, else the browser's. */
export async function dialFormatter(browserLocale: string): Promise<(text: string) => string> {
  const settings = await readDetectionSettings().catch(() => undefined);
  const region = settings?.defaultRegion || regionFromLocale(browserLocale);
  return (text) => formatAsYouType(text, region);
}
