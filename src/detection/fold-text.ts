import { digitValue } from './unicode-digits';
import { isHighSurrogate } from './code-units';

/**
 * The text the matcher reads: the input with every decimal digit made ASCII, every kind of space
 * made ' ', the punctuation people put in numbers made ASCII, and the invisible characters that
 * pages scatter inside numbers (soft hyphens, zero-width spaces, bidi marks) removed. Matching on
 * this one form keeps the patterns simple; `origin` maps each folded offset back to the input.
 */
export interface FoldedText {
  readonly text: string;
  /**
   * `origin[i]` is the input offset of `text[i]`, and `origin[text.length]` is the input length.
   * `null` when nothing needed folding, the common case, so the text is the input itself.
   */
  readonly origin: Int32Array | null;
}

/** What `foldChar` answers for a character that is left out of the folded text. */
const DROP = -1;

/**
 * The folded form of one UTF-16 code unit at or above U+0080 (ASCII is never folded).
 * Exported for the pre-filter, which must agree with it on what counts as a digit or separator.
 */
export function foldChar(c: number): number {
  const digit = digitValue(c);
  if (digit >= 0) return 0x30 + digit;
  switch (c) {
    // Spaces: no-break, narrow no-break (French and Swiss typography), figure, thin, ideographic.
    case 0xa0: case 0x1680: case 0x202f: case 0x205f: case 0x3000:
      return 0x20;
    // Invisible: soft hyphen, Arabic letter mark, Mongolian vowel separator, BOM.
    case 0xad: case 0x61c: case 0x180e: case 0xfeff:
      return DROP;
    // Hyphens that mean "-" inside a number: hyphen, non-breaking hyphen (used so a number does
    // not wrap), figure dash, minus sign, small and full-width hyphen-minus, hyphen bullet, and
    // the katakana prolonged sound mark that Japanese input methods put between digit groups.
    // En and em dashes stay as they are: between digits they mean a range.
    case 0x2010: case 0x2011: case 0x2012: case 0x2043: case 0x2212: case 0xfe63: case 0x30fc:
      return 0x2d;
    // Not the middle dot (U+00B7): it lists things ("Fon … · Fax …", "OR 97204·503-555-0134"),
    // so it stays, and ends a run of digits as a comma does.
    case 0x2024: case 0x30fb: case 0x66b:
      return 0x2e;

    case 0x66c: case 0x60c:
      return 0x2c;
    case 0x2044: case 0x2215:
      return 0x2f;
    case 0xfe59:
      return 0x28;
    case 0xfe5a:
      return 0x29;
  }
  if (c >= 0x2000 && c <= 0x200a) return 0x20;
  // Zero-width space, joiners, left-to-right and right-to-left marks, embeddings and isolates.
  if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069)) return DROP;
  // Full-width ASCII (＋（）－．／＃ and letters, as Japanese and Chinese pages write them).
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  return c;
}

/** Folds `input`; allocates nothing when the input needs no folding. */
export function foldText(input: string): FoldedText {
  const n = input.length;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c < 0x80) continue;
    if (isHighSurrogate(c) ? digitValue(input.codePointAt(i)!) >= 0 : foldChar(c) !== c) {
      first = i;
      break;
    }
  }
  if (first < 0) return { text: input, origin: null };

  const out = new Uint16Array(n);
  const origin = new Int32Array(n + 1);
  let k = 0;
  for (let i = 0; i < first; i++) {
    out[k] = input.charCodeAt(i);
    origin[k++] = i;
  }
  for (let i = first; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c < 0x80) {
      out[k] = c;
      origin[k++] = i;
    } else if (isHighSurrogate(c)) {
      // Only astral digits (e.g. mathematical digits) are folded; the pair becomes one digit.
      const digit = digitValue(input.codePointAt(i)!);
      if (digit >= 0) {
        out[k] = 0x30 + digit;
        origin[k++] = i++;
      } else {
        out[k] = c;
        origin[k++] = i;
      }
    } else {
      const f = foldChar(c);
      if (f === DROP) continue;
      out[k] = f;
      origin[k++] = i;
    }
  }
  origin[k] = n;
  let text = '';
  for (let at = 0; at < k; at += 8192) {
    text += String.fromCharCode.apply(null, out.subarray(at, Math.min(k, at + 8192)) as unknown as number[]);
  }
  return { text, origin: origin.subarray(0, k + 1) };
}

/** The input offset where folded offset `start` begins. */
export function inputStart(folded: FoldedText, start: number): number {
  return folded.origin ? folded.origin[start]! : start;
}

/**
 * The input offset just after folded offset `end - 1`: an astral digit counts as its two code
 * units, and invisible characters after the last folded character are not included.
 */
export function inputEnd(folded: FoldedText, input: string, end: number): number {
  if (!folded.origin) return end;
  if (end === 0) return folded.origin[0]!;
  const last = folded.origin[end - 1]!;
  return last + (isHighSurrogate(input.charCodeAt(last)) && last + 1 < input.length ? 2 : 1);
}
