import { createDetector, type DetectOptions } from './detector';
import { metadata } from './metadata';
import type { PhoneMatch } from './phone-match';

export type { DetectOptions } from './detector';
export type { NumberKind, PhoneMatch } from './phone-match';
export { mightContainPhoneNumber } from './might-contain-phone-number';

/** Built on first use: a page whose text never passes the pre-filter never pays for it. */
let detect: ReturnType<typeof createDetector> | undefined;

/**
 * The phone numbers in one block of page text, in order and not overlapping.
 *
 * Offsets are UTF-16 offsets into `text` itself. Characters the engine reads through (soft
 * hyphens, zero-width spaces and joiners, bidi marks and isolates) are inside a match when they
 * sit between its digits and never at its ends; an astral digit (𝟘) counts as its two code
 * units. A match covers what a person reads as the number: a leading '+' or '(' and a closing
 * ')', the "(0)" trunk, and an extension with its label ("ext. 12", "Durchwahl 12").
 */
export function detectPhoneNumbers(text: string, options: DetectOptions): PhoneMatch[] {
  detect ??= createDetector(metadata);
  return detect(text, options);
}

/** Builds the detector now (metadata and per-region rules), e.g. in a task of its own. */
export function prepareDetector(): void {
  detect ??= createDetector(metadata);
}
