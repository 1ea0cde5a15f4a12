import { amountAfter, currencyBefore } from './amount-context';
import { type LabelVerdict } from './context-labels';
import { isIdentifierRun } from './decoy-shapes';
import type { NumberRun } from './number-runs';

/** What a rule sees of one run of digit groups and the text around it (folded). */
export interface RunContext {
  text: string;
  run: NumberRun;
  /** The text just before the run, back to the previous digit. */
  tail: string;
  /** What the label before the run says: a phone label, a negative one, or nothing. */
  verdict: LabelVerdict;
  /** Where the run ends, its written extension ("ext. 42") included. */
  end: number;
}

/** A reason a whole run of digits is no phone number, whatever its groups say. */
export interface RunRule {
  name: string;
  /** Why, with an example a reader recognises. */
  why: string;
  rejects(c: RunContext): boolean;
}

const ALNUM = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
/**
 * Scripts written without spaces between words: a number sits right against the text around it
 * ("电话:021-6087 1234欢迎", "06-6345-7788まで", "02-3456-7890로"), so touching them glues nothing.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** A sentence full stop with no space after it: "… 0113 496 0388.Thank you", not ".txt" or ".PDF". */
const NEXT_SENTENCE = /^\.\p{Lu}\p{Ll}/u;
/** The start of an IBAN written in groups, up to where a run of digits begins. */
const IBAN_START = /(?:^|[^A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4})* ?$/;
const GLUE = /[-./_@=&?\\]/;

/**
 * The run-level rules, in the order they are tried (cheapest and commonest first). A run any
 * rule rejects is skipped whole; the rest is read group span by group span (detector.ts).
 * Each has its cases in run-rules.test.ts and the labelled corpus.
 */
export const RUN_RULES: readonly RunRule[] = [
  { name: 'negative-label', why: 'a label that says what the digits are not: "Order number", "IBAN", "Invoice"', rejects: (c) => c.verdict === 'negative' },
  { name: 'currency-before', why: 'a price: "€ 1 234 567", "USD 2,500,000"', rejects: (c) => currencyBefore(c.tail) },
  { name: 'glued-left', why: 'part of a word or path: "RE-2026-004417", "example.com/1234567", "-33.8688"', rejects: (c) => !leftEdgeIsFree(c.text, c.run.start, c.verdict) },
  { name: 'iban', why: 'the digits of an IBAN written in groups: "NL91 ABNA 0417 1643 00"', rejects: (c) => IBAN_START.test(c.text.slice(Math.max(0, c.run.start - 24), c.run.start)) },
  { name: 'identifier', why: 'an identifier by its shape: a serial, a tracking number, an ISBN like "978-3-16-148410-0"', rejects: (c) => isIdentifierRun(c.run, c.text) },
  { name: 'glued-right', why: 'followed by a word or unit: "… 00 mm", "…kg", "…@x.com"', rejects: (c) => !rightEdgeIsFree(c.text, c.end) },
  { name: 'amount-after', why: 'an amount: "…,89 €", "… 500 km"', rejects: (c) => amountAfter(c.text, c.end) },
];

/** The first rule that rejects the run, or undefined when none does. */
export function rejectingRule(c: RunContext): RunRule | undefined {
  for (const rule of RUN_RULES) if (rule.rejects(c)) return rule;
  return undefined;
}

/** Whether `c` would make digits touching it part of a word. */
function isWordChar(c: string): boolean {
  return ALNUM.test(c) && !UNSPACED.test(c);
}

export function leftEdgeIsFree(text: string, at: number, verdict: LabelVerdict): boolean {
  const before = text[at - 1];
  if (before === undefined) return true;
  // "Llámenos+34 915 550 123": a '+' starts a number of its own even against a word; a digit
  // before it ("2+44…") is arithmetic.
  if (ALNUM.test(before)) return !isWordChar(before) || (text[at] === '+' && LETTER.test(before));
  const beforeThat = text[at - 2];
  // "RE-2026-004417", "example.com/1234567", "v.12345678": glued to a word, so part of it;
  // but "Tel.0221 4710123" and "Fax-030 23456789" are only short of a space.
  const glued = GLUE.test(before) && beforeThat !== undefined && isWordChar(beforeThat);
  if (glued && !((before === '.' || before === '-') && verdict === 'positive')) return false;
  // "-33.8688": a negative quantity.
  if ((before === '-' || before === '±') && !ALNUM.test(beforeThat ?? ' ')) return false;
  return true;
}

export function rightEdgeIsFree(text: string, at: number): boolean {
  const after = text[at];
  if (after === undefined) return true;
  if (ALNUM.test(after)) return !isWordChar(after);
  const afterThat = text[at + 1];
  if (after === '.' && NEXT_SENTENCE.test(text.slice(at, at + 3))) return true;
  return !(GLUE.test(after) && afterThat !== undefined && isWordChar(afterThat));
}
