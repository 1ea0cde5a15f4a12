import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
  type PhoneNumber,
} from 'libphonenumber-js/core';
import { labelBefore, TAIL_LENGTH, type LabelVerdict } from './context-labels';
import { datedGroups, isIdentifierSpan, isStrongBreak } from './decoy-shapes';
import { readExtension } from './extension';
import { foldText, inputEnd, inputStart } from './fold-text';
import { mightContainPhoneNumber } from './might-contain-phone-number';
import { createNationalPrefixRule } from './national-prefix';
import { readRun, runFrom, splitAtOpenBrackets, RUN_PATTERN, type DigitGroup, type NumberRun } from './number-runs';
import { kindOf, type NumberKind, type PhoneMatch } from './phone-match';
import { findVanityNumbers } from './vanity';
import { rejectingRule } from './run-rules';

export interface DetectOptions {
  /** ISO alpha-2 region for numbers written in national format; without one, only international numbers are found. */
  defaultRegion?: string;
  /**
   * Whether the text sits where phone numbers are (an address block, an element marked as a
   * telephone, beside a tel: link): then a bare block of digits that is a valid national
   * number counts as one, as it does after a phone label. Asked only for such a block.
   */
  phoneContext?: () => boolean;
}

export type Detect = (text: string, options: DetectOptions) => PhoneMatch[];

/** A span of one run's groups that held a valid number, in folded offsets. */
interface Found {
  start: number;
  end: number;
  phone: PhoneNumber;
  ext?: string;
}

/** National numbers have 6–17 digits; international ones a 1–3 digit country code more. */
const MIN_NATIONAL_DIGITS = 6;
const MAX_NATIONAL_DIGITS = 17;
const MAX_INTERNATIONAL_DIGITS = 20;
/** A number is rarely written in more than this many groups; bounds the spans tried per run. */
const MAX_GROUPS = 9;
const CACHE_LIMIT = 512;


/** The groups of a North American number as people write them: 212 555 0143, 212-5550143. */
const NANP_GROUPINGS = new Set(['10', '3,7', '3,3,4', '6,4']);

/**
 * The detection engine for one metadata flavour. `detect.ts` binds it to the flavour the
 * extension ships; the benchmark builds one per flavour to compare them.
 *
 * Per run of digit groups: a rule of run-rules.ts (the label before it, its edges, its shape)
 * may rule the whole run out;
 * otherwise the longest span of groups from the left that libphonenumber finds valid (VALID
 * leniency plus Google's national-prefix check) is a number, and the search goes on after it.
 */
export function createDetector(metadata: MetadataJson): Detect {
  const requiresNationalPrefix = createNationalPrefixRule(metadata);
  // Pages repeat their numbers (header, footer, every product card); parsing is the costly step.
  const parsed = new Map<string, PhoneNumber | null>();

  function parse(candidate: string, region: CountryCode | undefined): PhoneNumber | undefined {
    const key = region ? `${region}${candidate}` : candidate;
    let phone = parsed.get(key);
    if (phone === undefined) {
      const p = parsePhoneNumberFromString(candidate, region ? { defaultCountry: region } : {}, metadata);
      phone = p?.isValid() ? p : null;
      if (parsed.size >= CACHE_LIMIT) parsed.clear();
      parsed.set(key, phone);
    }
    return phone ?? undefined;
  }

  function regionOf(options: DetectOptions): CountryCode | undefined {
    const region = options.defaultRegion?.toUpperCase();
    return region && isSupportedCountry(region as CountryCode, metadata) ? (region as CountryCode) : undefined;
  }

  return function detect(input: string, options: DetectOptions): PhoneMatch[] {
    if (!mightContainPhoneNumber(input)) return [];
    const region = regionOf(options);
    const regionCode = region ? getCountryCallingCode(region, metadata) : undefined;
    const folded = foldText(input);
    const text = folded.text;
    const found: Found[] = [];
    let context: boolean | undefined;
    const inPhoneContext = () => (context ??= options.phoneContext?.() ?? false);

    RUN_PATTERN.lastIndex = 0;
    for (let m = RUN_PATTERN.exec(text); m; m = RUN_PATTERN.exec(text)) {
      for (const run of splitAtOpenBrackets(readRun(m[0], m.index))) {
        if (run.digitCount >= MIN_NATIONAL_DIGITS) readNumbers(run);
      }
    }

    for (const v of findVanityNumbers(text)) {
      if (!v.explicitCountry && regionCode !== '1') continue;
      const phone = parse(v.e164, undefined);
      if (phone && !found.some((f) => f.start < v.end && v.start < f.end)) found.push({ start: v.start, end: v.end, phone });
    }
    found.sort((a, b) => a.start - b.start);

    return found.map((f) => {
      const start = inputStart(folded, f.start);
      const end = inputEnd(folded, input, f.end);
      const e164 = f.phone.number;
      // The type and the display form cost as much as a third of the detection, and a page's
      // scan needs them only for the numbers a person hovers or the popup lists: worked out
      // on first read, once.
      let kind: NumberKind | undefined;
      let formatted: string | undefined;
      const match: PhoneMatch = {
        start,
        end,
        text: input.slice(start, end),
        tel: f.ext ? `tel:${e164};ext=${f.ext}` : `tel:${e164}`,
        e164,
        get kind() {
          return (kind ??= kindOf(f.phone.getType()));
        },
        get formatted() {
          return (formatted ??= f.ext ? `${f.phone.formatInternational()} ext. ${f.ext}` : f.phone.formatInternational());
        },
      };
      if (f.ext) match.ext = f.ext;
      if (f.phone.country) match.region = f.phone.country;
      return match;
    });

    function readNumbers(run: NumberRun): void {
      const tail = tailBefore(run.start);
      const verdict = labelBefore(tail);
      // What follows the whole run (its extension included) decides for all of it.
      const runExt = readExtension(text, run.end);
      const rule = rejectingRule({ text, run, tail, verdict, end: runExt ? runExt.end : run.end });
      if (rule) {
        // A run glued to a word on its left is that word's to its first strong break only:
        // "BC V6B 4Y8 / 604-555-0133", "München D-80331 · 089 23456789".
        if (rule.name === 'glued-left') {
          const k = run.groups.findIndex((g, i) => i > 0 && isStrongBreak(g.sep));
          if (k > 0) readNumbers(runFrom(run, k));
        }
        // Longer than any number, but two numbers of one shape side by side ("0221 4710123
        // 0221 4710124"): a serial is not written twice over as valid numbers.
        if (rule.name === 'identifier' && run.digitCount > MAX_INTERNATIONAL_DIGITS) {
          const parts = partition(run, verdict);
          if (parts && parts.length > 1 && new Set(parts.map((p) => shapeOf(p))).size === 1) found.push(...parts);
        }
        // "$25 312-555-0148", "£9 0161 496 0732": the price is the first group, and what follows
        // is not written as an amount's thousands are (threes after spaces).
        if (rule.name === 'currency-before' && run.groups.length > 2 && run.groups[0]!.digits.length <= 4 && run.groups[1]!.sep === ' ') {
          const rest = runFrom(run, 1);
          if (rest.groups.some((g, i) => (i > 0 && g.sep !== ' ') || g.digits.length !== 3)) readNumbers(rest);
        }
        return;
      }

      const dated = datedGroups(run);
      const groups = run.groups;
      const n = groups.length;
      // Long runs (two numbers side by side) are split only where the writer clearly broke them;
      // "38 225 550" and other thousands-grouped quantities are read whole or not at all.
      const strictBreaks = run.digitCount > MAX_NATIONAL_DIGITS;
      const whole = isThousandsGrouped(run);
      const canEndAt = (k: number) =>
        k === n || (!whole && (strictBreaks ? isStrongBreak(groups[k]!.sep) : /[ /]/.test(groups[k]!.sep)));
      // A new number starts after a break a writer would put between numbers, not inside one.
      const canStartAt = (k: number) => k === 0 || (canEndAt(k) && groups[k]!.sep !== ' ');

      // Two numbers side by side with only a space between ("312-555-0148 312-555-0177",
      // "0221 4710123 0221 4710124"): a long run that splits at spaces into valid numbers and
      // nothing else is those numbers.
      if (strictBreaks && !whole && !dated) {
        const parts = partition(run, verdict);
        if (parts) {
          found.push(...parts);
          return;
        }
      }

      for (let i = 0; i < n; ) {
        if (!canStartAt(i) || dated?.[i]) {
          i++;
          continue;
        }
        let next = i + 1;
        for (let j = Math.min(n, i + MAX_GROUPS); j > i; j--) {
          if (!canEndAt(j)) continue;
          let blocked = false;
          for (let k = i; k < j && !blocked; k++) blocked = dated?.[k] === 1;
          if (blocked) continue;
          const hit = readSpan(run, i, j, verdict);
          if (hit) {
            found.push(hit);
            next = j;
            break;
          }
        }
        i = next;
      }
    }

    /** A found number's written shape: its digit groups' lengths and separators. */
    function shapeOf(f: Found): string {
      return text.slice(f.start, f.end).replace(/\d/g, '0');
    }

    /** The run as two or more valid numbers split at spaces, covering every group, or none. */
    function partition(run: NumberRun, verdict: LabelVerdict): Found[] | undefined {
      const groups = run.groups;
      const n = groups.length;
      if (n > 12) return undefined;
      const breakAt = (k: number) => k === n || /^ \(?$/.test(groups[k]!.sep);
      const memo = new Map<number, Found[] | null>();
      const from = (i: number): Found[] | null => {
        if (i === n) return [];
        const known = memo.get(i);
        if (known !== undefined) return known;
        let result: Found[] | null = null;
        for (let j = Math.min(n, i + MAX_GROUPS); j > i && !result; j--) {
          if (!breakAt(j) || (i === 0 && j === n)) continue;
          const hit = readSpan(run, i, j, verdict);
          const rest = hit ? from(j) : null;
          if (hit && rest) result = [hit, ...rest];
        }
        memo.set(i, result);
        return result;
      };
      return from(0) ?? undefined;
    }

    function readSpan(run: NumberRun, from: number, to: number, verdict: LabelVerdict): Found | undefined {
      const groups = run.groups;
      const plus = from === 0 && run.plus;
      let digits = '';
      const lengths: number[] = [];
      for (let k = from; k < to; k++) {
        const g = groups[k]!;
        // The trunk zero in "+49 (0)30 901820" and "+44 (0)20 …" is not dialled from abroad.
        const trunk = k > from && g.digits === '0' && g.sep.endsWith('(') && groups[k + 1]?.sep.startsWith(')');
        if (trunk && (plus || digits.startsWith('00'))) continue;
        digits += g.digits;
        lengths.push(g.digits.length);
      }
      if (digits.length < MIN_NATIONAL_DIGITS || digits.length > MAX_INTERNATIONAL_DIGITS + 3) return undefined;

      let start = from === 0 ? run.start : groups[from]!.start;
      if (from > 0 && groups[from]!.sep.endsWith('(')) start--;
      let end = groups[to - 1]!.end;
      const balanced = balanceBrackets(start, end);
      if (!balanced) return undefined;
      [start, end] = balanced;

      const phone = plus ? parseInternational(digits) : parseWritten(digits, groups, from, to);
      if (!phone) return undefined;
      const { number, national } = phone;
      if (national && digits === number.nationalNumber && requiresNationalPrefix(number)) return undefined;
      if (number.countryCallingCode === '1' && !isNanpGrouping(lengths, digits.length - number.nationalNumber.length)) {
        return undefined;
      }
      // A bare block of digits is as often an ID as a phone number; accept it when the national
      // prefix or a phone label says which.
      if (national && lengths.length === 1 && digits === number.nationalNumber && verdict !== 'positive' && !(verdict !== 'negative' && inPhoneContext()))
        return undefined;

      let ext: string | undefined;
      if (to === groups.length) {
        const e = readExtension(text, end);
        if (e) {
          ext = e.ext;
          end = Math.max(end, e.end);
        }
      }
      return ext === undefined ? { start, end, phone: number } : { start, end, phone: number, ext };
    }

    /** Mexico dropped its long-distance and mobile prefixes in 2019 (01, 044, 045), but pages
     * still write them: "01 55 5555 0134", "044 33 1234 5678", "01 800 123 4567". The number
     * is the ten digits after them. */
    function parseLegacyMexican(digits: string, within: CountryCode): PhoneNumber | undefined {
      const legacy = /^(?:01|044|045)(\d{10})$/.exec(digits)?.[1];
      return legacy ? parse(legacy, within) : undefined;
    }

    function parseInternational(digits: string): { number: PhoneNumber; national: false } | undefined {
      const legacy = legacyMexicanMobile(digits);
      const number = parse(`+${digits}`, undefined) ?? (legacy ? parse(legacy, undefined) : undefined);
      return number && { number, national: false };
    }

    /**
     * A number written without '+': national in the page's region, or international after the
     * region's own international prefix (libphonenumber knows them: 00, 011, 0011, 010 …), or
     * after 00 or North America's 011 whatever the region.
     */
    function parseWritten(
      digits: string,
      groups: readonly DigitGroup[],
      from: number,
      to: number,
    ): { number: PhoneNumber; national: boolean } | undefined {
      if (region) {
        const number = parse(digits, region) ?? (regionCode === '52' ? parseLegacyMexican(digits, region) : undefined);
        if (number) {
          const national = number.countryCallingCode === regionCode;
          if (!national || !isIdentifierSpan(groups, from, to)) return { number, national };
        }
      }
      if (digits.startsWith('00')) return parseInternational(digits.slice(2));
      if (regionCode === '1' && digits.startsWith('011')) return parseInternational(digits.slice(3));
      return undefined;
    }

    function tailBefore(at: number): string {
      const tail = text.slice(Math.max(0, at - TAIL_LENGTH), at);
      for (let k = tail.length - 1; k >= 0; k--) {
        const c = tail.charCodeAt(k);
        if (c >= 0x30 && c <= 0x39) return tail.slice(k + 1);
      }
      return tail;
    }

    /**
     * Takes in the closing bracket after the digits and drops an unclosed leading one. A bracket
     * opened inside and never closed ("0180 5 123456 (14 ct/Min.)") means the digits after it
     * are something else: undefined.
     */
    function balanceBrackets(start: number, end: number): [number, number] | undefined {
      let depth = 0;
      let firstOpen = -1;
      for (let k = start; k < end; k++) {
        const c = text[k];
        if (c === '(') {
          if (depth === 0) firstOpen = k;
          depth++;
        } else if (c === ')') {
          depth = Math.max(0, depth - 1);
        }
      }
      if (depth === 0) return [start, end];
      if (depth === 1 && text[end] === ')') return [start, end + 1];
      if (depth === 1 && firstOpen === start) {
        let s = start + 1;
        while (text[s] === ' ') s++;
        return [s, end];
      }
      return undefined;
    }
  };
}

/**
 * Mexico dropped the '1' that mobiles had after +52 in 2019, and libphonenumber with it; pages
 * and WhatsApp links still write +52 1 55 1234 5678.
 */
function legacyMexicanMobile(digits: string): string | undefined {
  return digits.length === 13 && digits.startsWith('521') ? `+52${digits.slice(3)}` : undefined;
}

/** Groups of 1–3 digits then threes, as amounts and counts are written: "38 225 550". */
function isThousandsGrouped(run: NumberRun): boolean {
  // Indexed, not destructured: it runs for every run of digits, and a rest copy showed in profiles.
  const groups = run.groups;
  const first = groups[0];
  if (!first || groups.length < 2 || run.plus || first.digits.length > 3 || first.digits[0] === '0') return false;
  const sep = groups[1]!.sep;
  if (sep !== ' ' && sep !== '.' && sep !== ',') return false;
  for (let k = 1; k < groups.length; k++) if (groups[k]!.digits.length !== 3 || groups[k]!.sep !== sep) return false;
  return true;
}

/**
 * North American numbers are written 212 555 0143, 212-5550143 or 2125550143; "2026-004417"
 * has ten digits but is not one. The groups are compared after the international prefix,
 * country code and trunk '1' (`prefixLength` digits) are taken off.
 */
function isNanpGrouping(lengths: readonly number[], prefixLength: number): boolean {
  let skip = prefixLength;
  const rest: number[] = [];
  for (const length of lengths) {
    if (skip >= length) {
      skip -= length;
    } else {
      rest.push(length - skip);
      skip = 0;
    }
  }
  return NANP_GROUPINGS.has(rest.join(','));
}
