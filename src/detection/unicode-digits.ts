/**
 * Decimal digits of every script (Unicode category Nd), as a table of the code point of each
 * block's zero and the block's length. Every Nd block is a run of whole decades starting at a
 * zero, so a digit's value is its distance from the block start, modulo ten.
 *
 * A table rather than `/\p{Nd}/u` because the pre-filter runs on every text node and must not
 * allocate; `unicode-digits.test.ts` checks the table against the engine's own `\p{Nd}`.
 */
const BLOCKS: readonly (readonly [zero: number, length: number])[] = [
  [0x30, 10], [0x660, 10], [0x6f0, 10], [0x7c0, 10], [0x966, 10], [0x9e6, 10], [0xa66, 10],
  [0xae6, 10], [0xb66, 10], [0xbe6, 10], [0xc66, 10], [0xce6, 10], [0xd66, 10], [0xde6, 10],
  [0xe50, 10], [0xed0, 10], [0xf20, 10], [0x1040, 10], [0x1090, 10], [0x17e0, 10],
  [0x1810, 10], [0x1946, 10], [0x19d0, 10], [0x1a80, 10], [0x1a90, 10], [0x1b50, 10],
  [0x1bb0, 10], [0x1c40, 10], [0x1c50, 10], [0xa620, 10], [0xa8d0, 10], [0xa900, 10],
  [0xa9d0, 10], [0xa9f0, 10], [0xaa50, 10], [0xabf0, 10], [0xff10, 10],
  [0x104a0, 10], [0x10d30, 10], [0x10d40, 10], [0x11066, 10], [0x110f0, 10], [0x11136, 10],
  [0x111d0, 10], [0x112f0, 10], [0x11450, 10], [0x114d0, 10], [0x11650, 10], [0x116c0, 10],
  [0x116d0, 20], [0x11730, 10], [0x118e0, 10], [0x11950, 10], [0x11bf0, 10], [0x11c50, 10],
  [0x11d50, 10], [0x11da0, 10], [0x11de0, 10], [0x11f50, 10], [0x16130, 10], [0x16a60, 10],
  [0x16ac0, 10], [0x16b50, 10], [0x16d70, 10], [0x1ccf0, 10], [0x1d7ce, 50], [0x1e140, 10],
  [0x1e2f0, 10], [0x1e4f0, 10], [0x1e5f1, 10], [0x1e950, 10], [0x1fbf0, 10],
];

const ZEROS = Int32Array.from(BLOCKS, ([zero]) => zero);
const ENDS = Int32Array.from(BLOCKS, ([zero, length]) => zero + length);

/** The value 0–9 of a decimal digit of any script, or -1. */
export function digitValue(codePoint: number): number {
  const ascii = codePoint - 0x30;
  if (ascii >= 0 && ascii < 10) return ascii;
  if (codePoint < 0x660) return -1;
  // Binary search for the last block starting at or before the code point.
  let lo = 1;
  let hi = ZEROS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ZEROS[mid]! <= codePoint) lo = mid;
    else hi = mid - 1;
  }
  return codePoint < ENDS[lo]! ? (codePoint - ZEROS[lo]!) % 10 : -1;
}

/** Every block, for tests and documentation. */
export const digitBlocks = BLOCKS;
