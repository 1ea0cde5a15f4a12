import { AMOUNT_PATTERNS } from './amount-context';
import { LABEL_PATTERNS } from './context-labels';
import { detectPhoneNumbers, prepareDetector } from './detect';
import { EXTENSION_PATTERNS } from './extension';

/**
 * The engine's one-time costs, cut into steps a caller can run in separate tasks: V8 compiles
 * a regular expression on its first use, once for one-byte and once for two-byte text, and the
 * large Unicode label patterns take several milliseconds each. Run all together inside the
 * first detection they made one long task.
 */
export const warmUpSteps: ReadonlyArray<() => void> = [
  prepareDetector,
  ...[...LABEL_PATTERNS, ...AMOUNT_PATTERNS, ...EXTENSION_PATTERNS].map((pattern) => () => {
    for (const sample of ['Tel. 0', 'Tél. \u2013 0']) {
      pattern.lastIndex = 0;
      pattern.test(sample);
    }
    pattern.lastIndex = 0;
  }),
  () => void detectPhoneNumbers('Tel. +1 415-555-0100 ext. 12, Fax (0)30 901820 \u2013 Nr. 12345678', { defaultRegion: 'DE' }),
];
