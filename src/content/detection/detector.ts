import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
  type PhoneNumber,
} from 'libphonenumber-js/core';
import { amountAfter, currencyBefore } from './amount-context';
import { labelBefore, TAIL_LENGTH, type LabelVerdict } from './context-labels';
import { datedGroups, isIdentifierRun, isIdentifierSpan, isStrongBreak } from './decoy-shapes';
import { readExtension } from './extension';
import { foldText, inputEnd, inputStart } from './fold-text';
import { mightContainPhoneNumber } from './might-contain-phone-number';
import { createNationalPrefixRule } from './national-prefix';
import { readRun, RUN_PATTERN, type NumberRun } from './number-runs';
import { kindOf, type PhoneMatch } from './phone-match';
import { findVanityNumbers } from './vanity';

export interface DetectOptions {
  /** ISO alpha-2 region for numbers written in national format; without one, only international numbers are found. */
  defaultRegion?: string;
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

const ALNUM = /[\p{L}\p{N}]/u;
const GLUE = /[-./_@=&?\\]/;

/** The groups of a North American number as people write them: 212 555 0143, 212-5550143. */
const NANP_GROUPINGS = new Set(['10', '3,7', '3,3,4', '4,3,4', '11']);

/**
 * The detection engine for one metadata flavour. `detect.ts` binds it to the flavour the
 * extension ships; the benchmark builds one per flavour to compare them.
 *
 * Per run of digit groups: the label before it and its shape may rule the whole run out;
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

    RUN_PATTERN.lastIndex = 0;
    for (let m = RUN_PATTERN.exec(text); m; m = RUN_PATTERN.exec(text)) {
      const run = readRun(m[0], m.index);
      if (run.digitCount >= MIN_NATIONAL_DIGITS) readNumbers(run);
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
      const match: PhoneMatch = {
        start,
        end,
        text: input.slice(start, end),
        tel: f.ext ? `tel:${e164};ext=${f.ext}` : `tel:${e164}`,
        e164,
        kind: kindOf(f.phone.getType()),
        formatted: f.phone.formatInternational(),
      };
      if (f.ext) match.ext = f.ext;
      if (f.phone.country) match.region = f.phone.country;
      return match;
    });

    function readNumbers(run: NumberRun): void {
      if (!leftEdgeIsFree(run.start)) return;
      const tail = tailBefore(run.start);
      const verdict = labelBefore(tail);
      if (verdict === 'negative' || currencyBefore(tail)) return;
      if (isIdentifierRun(run, text)) return;
      const dated = datedGroups(run);
      const groups = run.groups;
      const n = groups.length;
      // Long runs (two numbers side by side) are split only where the writer clearly broke them.
      const strictBreaks = run.digitCount > MAX_NATIONAL_DIGITS;
      const canBreakAt = (k: number) =>
        k === 0 || k === n || (strictBreaks ? isStrongBreak(groups[k]!.sep) : /[ /]/.test(groups[k]!.sep));

      for (let i = 0; i < n; ) {
        if (!canBreakAt(i) || dated?.[i]) {
          i++;
          continue;
        }
        let next = i + 1;
        for (let j = Math.min(n, i + MAX_GROUPS); j > i; j--) {
          if (!canBreakAt(j)) continue;
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

      let candidate: string;
      let national = false;
      if (plus) candidate = `+${digits}`;
      else if (digits.startsWith('00')) candidate = `+${digits.slice(2)}`;
      else if (regionCode === '1' && digits.startsWith('011')) candidate = `+${digits.slice(3)}`;
      else if (region) {
        candidate = digits;
        national = true;
      } else return undefined;

      const count = candidate.length - (national ? 0 : 1);
      if (count < MIN_NATIONAL_DIGITS || count > (national ? MAX_NATIONAL_DIGITS : MAX_INTERNATIONAL_DIGITS)) return undefined;
      if (national && isIdentifierSpan(groups, from, to)) return undefined;

      const phone = parse(candidate, national ? region : undefined);
      if (!phone) return undefined;
      // libphonenumber also reads the region's own international prefix (0011 in AU, 010 in JP).
      const isNational = national && phone.countryCallingCode === regionCode;
      if (isNational && digits === phone.nationalNumber && requiresNationalPrefix(phone)) return undefined;
      if (phone.countryCallingCode === '1' && !isNanpGrouping(lengths, plus ? 1 : 0, digits)) return undefined;
      // A bare block of digits is as often an ID as a phone number; accept it when the national
      // prefix or a phone label says which.
      if (isNational && lengths.length === 1 && digits === phone.nationalNumber && verdict !== 'positive') return undefined;

      let start = from === 0 ? run.start : groups[from]!.start;
      if (from > 0 && groups[from]!.sep.endsWith('(')) start--;
      let end = groups[to - 1]!.end;
      let ext: string | undefined;
      if (to === groups.length) {
        const e = readExtension(text, end);
        if (e) {
          ext = e.ext;
          end = e.end;
        }
      }
      [start, end] = balanceBrackets(start, end);
      if (to === groups.length || ext) {
        if (!rightEdgeIsFree(end)) return undefined;
      }
      if (amountAfter(text, end)) return undefined;
      return ext === undefined ? { start, end, phone } : { start, end, phone, ext };
    }

    function tailBefore(at: number): string {
      const tail = text.slice(Math.max(0, at - TAIL_LENGTH), at);
      for (let k = tail.length - 1; k >= 0; k--) {
        const c = tail.charCodeAt(k);
        if (c >= 0x30 && c <= 0x39) return tail.slice(k + 1);
      }
      return tail;
    }

    function leftEdgeIsFree(at: number): boolean {
      const before = text[at - 1];
      if (before === undefined) return true;
      if (ALNUM.test(before)) return false;
      const beforeThat = text[at - 2];
      // "RE-2026-004417", "example.com/1234567", "v.12345678": glued to a word, so part of it.
      if (GLUE.test(before) && beforeThat !== undefined && ALNUM.test(beforeThat)) return false;
      // "-33.8688": a negative quantity.
      if ((before === '-' || before === '±') && !ALNUM.test(beforeThat ?? ' ')) return false;
      return true;
    }

    function rightEdgeIsFree(at: number): boolean {
      const after = text[at];
      if (after === undefined) return true;
      if (ALNUM.test(after)) return false;
      const afterThat = text[at + 1];
      return !(GLUE.test(after) && afterThat !== undefined && ALNUM.test(afterThat));
    }

    /** Drops an unclosed leading bracket and takes in the closing one after the digits. */
    function balanceBrackets(start: number, end: number): [number, number] {
      let depth = 0;
      for (let k = start; k < end; k++) {
        const c = text[k];
        if (c === '(') depth++;
        else if (c === ')') depth--;
      }
      if (depth > 0 && text[end] === ')') return [start, end + 1];
      if (depth > 0 && text[start] === '(') {
        start++;
        while (text[start] === ' ') start++;
      }
      return [start, end];
    }
  };
}

function isNanpGrouping(lengths: readonly number[], skip: number, digits: string): boolean {
  let key = lengths.slice(skip).join(',');
  if (key.startsWith('1,')) key = key.slice(2);
  if ((key === '11' || key === '4,3,4') && !digits.startsWith('1', skip)) return false;
  return NANP_GROUPINGS.has(key);
}
