import { mightContainPhoneNumber } from '../../detection/might-contain-phone-number';

// Shapes that are never phone numbers, taken out of the text before the digit pre-filter
// looks again. Each is bounded so it cannot bite into a longer run of digit groups: no digit
// (or separator then digit) right before or after, so `01.42.68.53.00` is never a "date".
const BEFORE = String.raw`(?<![\d+]|\d[ ./\-\u2013])`;
const AFTER = String.raw`(?![\d]|[ ./\-\u2013]\d)`;
/** Times of day (8:09, 14:30:00), taken out first so a date before one stands alone. */
const TIME = /(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)/g;
const NOT_A_NUMBER = new RegExp(
  [
    // Dates: 22.11.2026, 11/22/26, 2026-11-22, 2026/11/22.
    String.raw`${BEFORE}(?:\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2})|\d{4}([./-])\d{1,2}\2\d{1,2})${AFTER}`,
    // Year ranges: © 1996-2015, 2008-9, 1850 – 1900.
    String.raw`${BEFORE}(?:1[89]|20)\d\d ?[-\u2013] ?(?:(?:1[89]|20)\d\d|\d{1,2})${AFTER}`,
    // Decimals with one point: 4.3333, 53.0751, 68.700 (a dotted number has more groups).
    String.raw`${BEFORE}\d{1,3}\.\d+${AFTER}`,
    // ISBN-13.
    String.raw`${BEFORE}97[89]\d{10}${AFTER}`,
  ].join('|'),
  'g',
);

/**
 * Whether `text` could hold a number the engine would find, decided without the engine: the
 * digit pre-filter, asked again with dates, times and year ranges taken out (they pass
 * the pre-filter on most pages). May say yes too often, never no to a number the engine finds
 * (checked against the whole corpus in candidate-text.test.ts). `fewest`: the digits a run
 * not in international form needs (mightContainPhoneNumber).
 */
export function mightBeCallable(text: string, fewest = 5): boolean {
  if (!mightContainPhoneNumber(text, fewest)) return false;
  return mightContainPhoneNumber(text.replace(TIME, '|').replace(NOT_A_NUMBER, '|'), fewest);
}
