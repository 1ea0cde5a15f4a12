import { createDetector, type DetectOptions } from './detector';
import { metadata } from './metadata';
import type { PhoneMatch } from './phone-match';

export type { DetectOptions } from './detector';
export { mightContainPhoneNumber } from './might-contain-phone-number';

const detect = createDetector(metadata);

/** The phone numbers in one block of page text, in order and not overlapping. */
export function detectPhoneNumbers(text: string, options: DetectOptions): PhoneMatch[] {
  return detect(text, options);
}
