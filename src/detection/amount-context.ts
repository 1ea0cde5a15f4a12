import { isAsciiDigit, isInsidePair, isSpace } from './code-units';
import { isLetter, isLetterOrDigit } from './letters';
import { WordSet } from './word-set';

/**
 * Money and measurements written with digit groups ("EUR 12 345 678", "1.234.567,89 €",
 * "12 345 678 km") can pass as national phone numbers in some countries. A currency or unit
 * right before or after the digits, or a decimal part after them, rules a number out.
 *
 * Both checks look their words up (word-set.ts) instead of matching one regular expression:
 * the expression after the number, 552 characters matched case-insensitively over Unicode,
 * cost V8 2.5 ms to compile on every page's first detection, the one before it 0.9 ms.
 * `amount-context.test.ts` holds each lookup to that expression's answers.
 */

/** Currency signs (each one code unit). */
export const CURRENCY_SYMBOLS = '$€£¥₹₽₩₪₫₺₴₦฿₱₡₲₵₸₮元円￥';

/** Currency codes and abbreviations, as pages write them: before a number their case counts. */
export const CURRENCY_CODES: readonly string[] = [
  'R$', 'US$', 'A$', 'C$', 'NZ$', 'HK$', 'S$', 'CHF', 'EUR', 'USD', 'GBP', 'JPY', 'CNY', 'RMB', 'INR', 'Rs', 'BRL',
  'MXN', 'AUD', 'CAD', 'NZD', 'ZAR', 'AED', 'SAR', 'SEK', 'NOK', 'DKK', 'PLN', 'zł', 'CZK', 'Kč', 'HUF', 'Ft', 'RUB',
  'руб', 'TRY', 'TL', 'kr', 'lei', 'RON', 'KRW', 'ILS', 'QAR', 'KWD', 'EGP', 'NGN', 'KES', 'Fr', 'sFr',
];

/** Units and amount words after a number, in lower case (they match in any case). */
export const AMOUNT_UNITS: readonly string[] = [
  'euro', 'euros', 'dollar', 'dollars', 'peso', 'pesos', 'reais', 'rupee', 'rupees', 'yen', 'yuan', 'franc', 'francs',
  'pound', 'pounds', 'mio', 'mrd', 'million', 'millions', 'billion', 'milliard', 'milliards', 'millones', 'milioni',
  'millionen', 'milliarden', 'тыс', 'млн', 'млрд', 'рублей', 'руб', 'р', 'km', 'm', 'cm', 'mm', 'kg', 'mg', 'ml', 'm²',
  'm2', 'm³', 'ha', 'kwh', 'kw', 'mw', 'mb', 'gb', 'tb', 'kb', 'px', 'pt', 'hz', 'mhz', 'ghz', 'mph', 'ft', 'lb', 'lbs',
  'oz', 'acre', 'acres', 'sq', 'bps', '万', '億', '亿',
];

/** Signs of a percentage, a degree or a measure right after a number. */
const MEASURE_SIGNS = '%‰°′″';

/**
 * What a case-insensitive Unicode regular expression takes a code unit for (its simple case
 * folding), where that differs from its lower case: the long s and the old Cyrillic letter
 * forms fold to letters of the words above. A lower case longer than one code unit ('İ')
 * folds to nothing else.
 */
const FOLDS: Readonly<Record<string, string>> = {
  'ſ': 's', 'ᲀ': 'в', 'ᲁ': 'д', 'ᲂ': 'о', 'ᲃ': 'с', 'ᲄ': 'т', 'ᲅ': 'т', 'ᲆ': 'ъ', 'ᲇ': 'ѣ', 'ᲈ': 'ꙋ',
};

function foldUnit(unit: string): string {
  const folded = FOLDS[unit];
  if (folded) return folded;
  const lower = unit.toLowerCase();
  return lower.length === 1 ? lower : unit;
}

/** `text` case-folded code unit by code unit: the same length, the same indices. */
function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldUnit(text[i]!);
  return out;
}

const CODES = new WordSet(CURRENCY_CODES);
const LONGEST_CODE = Math.max(...CURRENCY_CODES.map((c) => c.length));
/** After a number, codes and units alike, in any case. */
const AFTER_WORD_LIST = [...new Set([...CURRENCY_CODES.map(fold), ...AMOUNT_UNITS.map(fold)])];
const AFTER_WORDS = new WordSet(AFTER_WORD_LIST);
const LONGEST_AFTER_WORD = Math.max(...AFTER_WORD_LIST.map((w) => w.length));

/** Whether the code point that ends at `end` (exclusive) is a letter. */
function letterBefore(text: string, end: number): boolean {
  return isLetter(text, isInsidePair(text, end - 1) ? end - 2 : end - 1);
}

/** A currency code ends at `end` with no letter before it, and an optional '.' after it. */
function codeEndsAt(tail: string, end: number): boolean {
  for (const e of end > 0 && tail.charCodeAt(end - 1) === 0x2e ? [end, end - 1] : [end]) {
    for (let start = Math.max(0, e - LONGEST_CODE); start < e; start++) {
      if (CODES.beginsAt(tail, start, (wordEnd) => wordEnd === e) && (start === 0 || !letterBefore(tail, start))) return true;
    }
  }
  return false;
}

/** Whether the text just before a number (folded) ends in a currency: a sign, or a code that
 * is not the end of a longer word ("EUR ", "Rs. ", "€"), and at most one space. */
export function currencyBefore(tail: string): boolean {
  const n = tail.length;
  for (const end of n > 0 && isSpace(tail.charCodeAt(n - 1)) ? [n, n - 1] : [n]) {
    if (end > 0 && CURRENCY_SYMBOLS.includes(tail[end - 1]!)) return true;
    if (codeEndsAt(tail, end)) return true;
  }
  return false;
}

/** Whether the text just after a number (folded) is a decimal part, a currency or a unit. */
export function amountAfter(text: string, end: number): boolean {
  const after = text.slice(end, end + 16);
  const first = after.charCodeAt(0);
  if ((first === 0x2e || first === 0x2c) && isAsciiDigit(after.charCodeAt(1))) return true;
  // A word begins at 0 or 1: only that far is folded.
  const folded = fold(after.slice(0, LONGEST_AFTER_WORD + 1));
  for (const i of isSpace(first) ? [1, 0] : [0]) {
    const c = after[i];
    if (c === undefined) continue;
    if (MEASURE_SIGNS.includes(c)) return true;
    // A currency sign glued to digits after the number starts the next amount ("… 0134 $49.99"),
    // where one standing alone ends this one ("1.234.567,89 €").
    if (CURRENCY_SYMBOLS.includes(c) && !isAsciiDigit(after.charCodeAt(i + 1))) return true;
    if (AFTER_WORDS.beginsAt(folded, i, (wordEnd) => wordEnd >= after.length || !isLetterOrDigit(after, wordEnd))) return true;
  }
  return false;
}
