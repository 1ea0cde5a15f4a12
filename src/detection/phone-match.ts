import type { NumberType } from 'libphonenumber-js/core';

export type NumberKind =
  | 'mobile'
  | 'fixed-line'
  | 'fixed-line-or-mobile'
  | 'toll-free'
  | 'premium-rate'
  | 'shared-cost'
  | 'voip'
  | 'personal'
  | 'pager'
  | 'uan'
  | 'voicemail'
  | 'unknown';

/** A phone number found in a string of page text. */
export interface PhoneMatch {
  /** UTF-16 offsets into the input covering the number as a person sees it, extension included. */
  start: number;
  end: number;
  /** `input.slice(start, end)`. */
  text: string;
  /** RFC 3966 global number without visual separators: `tel:+14155552671;ext=12`. */
  tel: string;
  /** `+14155552671`. */
  e164: string;
  ext?: string;
  /** ISO 3166-1 alpha-2 region of the number itself (not of the page). */
  region?: string;
  kind: NumberKind;
  /** International format for display: `+1 415 555 2671`. */
  formatted: string;
}

/** Our name for libphonenumber's number type; `unknown` when the metadata cannot tell. */
export function kindOf(type: NumberType | undefined): NumberKind {
  switch (type) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed-line';
    case 'FIXED_LINE_OR_MOBILE':
      return 'fixed-line-or-mobile';
    case 'TOLL_FREE':
      return 'toll-free';
    case 'PREMIUM_RATE':
      return 'premium-rate';
    case 'SHARED_COST':
      return 'shared-cost';
    case 'VOIP':
      return 'voip';
    case 'PERSONAL_NUMBER':
      return 'personal';
    case 'PAGER':
      return 'pager';
    case 'UAN':
      return 'uan';
    case 'VOICEMAIL':
      return 'voicemail';
    case undefined:
      return 'unknown';
    default: {
      const never: never = type;
      throw new Error(`Unknown number type ${String(never)}`);
    }
  }
}
