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
  // One step per compilation, the largest a few ms (POSITIVE, 1,100 characters): each
  // pattern once per text width, and V8 interprets a pattern's first run and compiles it to
  // machine code on the second, so the one-byte sample runs again in a step of its own.
  ...[...LABEL_PATTERNS, ...EXTENSION_PATTERNS].flatMap((pattern) => [
    () => run(pattern, 'tel. 0'),
    () => run(pattern, 'tel. 1'),
    () => run(pattern, 'tél. \u2013 0'),
  ]),
  () => void detectPhoneNumbers('Tel. +1 415-555-0100', { defaultRegion: 'US' }),
  () => void detectPhoneNumbers('Tel. +1 415-555-0100 ext. 12', { defaultRegion: 'US' }),
  () => void detectPhoneNumbers('Fax (0)30 901820 \u2013 Nr. 12345678', { defaultRegion: 'DE' }),
];

function run(pattern: RegExp, ...samples: string[]): void {
  for (const sample of samples) {
    pattern.lastIndex = 0;
    pattern.test(sample);
  }
  pattern.lastIndex = 0;
}
