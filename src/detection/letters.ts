import { isAsciiLetter, isAsciiLetterOrDigit } from './code-units';

// `\p{L}` and `[\p{L}\p{N}]` at one place in a text, for the engine's lookups that walk text
// instead of matching a regular expression (the label words, the amounts). Sticky, so a test
// reads the code point at `lastIndex` and nothing else; ASCII needs no expression at all.
export const LETTER = /\p{L}/uy;
export const LETTER_OR_DIGIT = /[\p{L}\p{N}]/uy;

/** `\p{L}` at `i` (whose code unit is `unit`). */
export function isLetter(text: string, i: number, unit = text.charCodeAt(i)): boolean {
  if (unit < 0x80) return isAsciiLetter(unit);
  LETTER.lastIndex = i;
  return LETTER.test(text);
}

/** `\p{L}` or `\p{N}` at `i` (whose code unit is `unit`). */
export function isLetterOrDigit(text: string, i: number, unit = text.charCodeAt(i)): boolean {
  if (unit < 0x80) return isAsciiLetterOrDigit(unit);
  LETTER_OR_DIGIT.lastIndex = i;
  return LETTER_OR_DIGIT.test(text);
}
