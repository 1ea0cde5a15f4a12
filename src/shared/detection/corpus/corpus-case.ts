/**
 * The labelled corpus: snippets of page text as the content script hands them to the engine
 * (inline elements of one block joined), with the region the page's `lang` would give.
 *
 * Numbers are invented: the fictional/drama ranges where a country has them (US/CA 555-01xx,
 * GB 020 7946 0xxx and 0113 496 0xxx, FR 01 99 00 xx xx, AU 02 5550 xxxx and 0491 570 xxx,
 * SE 08-465 004 xx and 070-174 06 xx), otherwise libphonenumber's own example numbers and
 * obviously patterned ones (555 01 23, 1234 5678).
 */
export interface ExpectedMatch {
  /** Exactly the text the match must cover. */
  text: string;
  tel: string;
}

export interface TrueCase {
  kind: 'true';
  /** Country of the page, for per-country figures. */
  country: string;
  region: string | undefined;
  text: string;
  expected: ExpectedMatch[];
}

export type DecoyKind =
  | 'date'
  | 'time'
  | 'range'
  | 'price'
  | 'percent'
  | 'quantity'
  | 'ip'
  | 'coordinates'
  | 'version'
  | 'publication-id'
  | 'payment-card'
  | 'bank'
  | 'tax-id'
  | 'company-id'
  | 'personal-id'
  | 'order'
  | 'invoice'
  | 'ticket'
  | 'customer'
  | 'tracking'
  | 'employee'
  | 'product'
  | 'postal'
  | 'other';

export interface DecoyCase {
  kind: 'decoy';
  decoy: DecoyKind;
  country: string;
  region: string | undefined;
  text: string;
}

export type CorpusCase = TrueCase | DecoyCase;

/** A snippet with phone numbers: each `[visible text, tel URI]`. */
export function found(country: string, region: string | undefined, text: string, ...matches: [string, string][]): TrueCase {
  return { kind: 'true', country, region, text, expected: matches.map(([t, tel]) => ({ text: t, tel })) };
}

/** A snippet with no phone number in it. */
export function decoy(decoyKind: DecoyKind, region: string | undefined, text: string): DecoyCase {
  return { kind: 'decoy', decoy: decoyKind, country: region ?? 'none', region, text };
}
