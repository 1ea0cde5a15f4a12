/**
 * Money and measurements written with digit groups ("EUR 12 345 678", "1.234.567,89 €",
 * "12 345 678 km") can pass as national phone numbers in some countries. A currency or unit
 * right before or after the digits, or a decimal part after them, rules a number out.
 */
const SYMBOLS = '$€£¥₹₽₩₪₫₺₴₦฿₱₡₲₵₸₮元円￥';
const CODES =
  'R\\$|US\\$|A\\$|C\\$|NZ\\$|HK\\$|S\\$|CHF|EUR|USD|GBP|JPY|CNY|RMB|INR|Rs|BRL|MXN|AUD|CAD|NZD|ZAR|AED|SAR|' +
  'SEK|NOK|DKK|PLN|zł|CZK|Kč|HUF|Ft|RUB|руб|TRY|TL|kr|lei|RON|KRW|ILS|QAR|KWD|EGP|NGN|KES|Fr|sFr';

const CURRENCY_BEFORE = new RegExp(`(?:[${SYMBOLS}]|(?:^|[^\\p{L}])(?:${CODES})\\.?)\\s?$`, 'u');

const UNITS =
  'euros?|dollars?|euro|pesos?|reais|rupees?|yen|yuan|francs?|pounds?|mio|mrd|million|millions|billion|' +
  'milliards?|millones|milioni|millionen|milliarden|тыс|млн|млрд|рублей|руб|р|km|m|cm|mm|kg|mg|ml|' +
  'm²|m2|m³|ha|kwh|kw|mw|mb|gb|tb|kb|px|pt|hz|mhz|ghz|mph|ft|lbs?|oz|acres?|sq|bps|万|億|亿';
const AFTER = new RegExp(
  // A currency sign glued to digits after the number starts the next amount ("… 0134 $49.99"),
  // where one standing alone ends this one ("1.234.567,89 €").
  `^(?:[.,]\\d|\\s?[%‰°′″]|\\s?[${SYMBOLS}](?!\\d)|\\s?(?:${CODES}|${UNITS})(?![\\p{L}\\p{N}]))`,
  'iu',
);

/** Whether the text just before a number (folded) ends in a currency. */
export function currencyBefore(tail: string): boolean {
  return CURRENCY_BEFORE.test(tail);
}

/** Whether the text just after a number (folded) is a decimal part, a currency or a unit. */
export function amountAfter(text: string, end: number): boolean {
  return AFTER.test(text.slice(end, end + 16));
}

/** For warm-up.ts. */
export const AMOUNT_PATTERNS: readonly RegExp[] = [CURRENCY_BEFORE, AFTER];
