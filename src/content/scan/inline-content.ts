import { INLINE_TAGS, isInline } from './inline-tags';
import { MAYBE_CALL_LINKS } from './call-href';
import type { TimeSlicer } from './time-slicer';

// Reading a text node's `data` makes the browser hand the script a string of its own, kept in
// a cache with a weak handle each; on a page of 200,000 text nodes the garbage collection that
// later clears them took 70–110 ms in one pause (traced: "external weak global handles").
// Reading a whole block with `textContent` makes one string for all its text nodes. These
// selectors say, without visiting its descendants one by one, when a block's text may be read
// that way.

const inline = [...INLINE_TAGS].map((t) => t.toLowerCase());
/** Any descendant that starts a new block (or is skipped): the block is not all inline. */
const NOT_INLINE = `:not(${inline.join(',')})`;
/** The same, but line breaks and images count as inline: for a yes/no look at the digits. */
const NOT_INLINE_OR_BREAK = `:not(${[...inline, 'br', 'wbr', 'img'].join(',')})`;
/** The same, or inline text a person does not read, which readBlockText leaves out. */
const NOT_PLAIN = `${NOT_INLINE}, [hidden], [aria-hidden="true"]`;

/**
 * Whether `el` is a block whose text nodes can all be judged together by `el.textContent`: not
 * inline itself, not empty, and holding no block, skipped or custom element (line breaks and
 * images allowed). Its textContent then holds exactly its own text, plus any hidden inline
 * text and with line breaks joined up, which only makes a yes/no pre-filter say yes more often.
 */
export function isTextBlock(el: Element): boolean {
  return !isInline(el) && el.firstChild !== null && el.querySelector(NOT_INLINE_OR_BREAK) === null;
}

/**
 * Whether `el.textContent` is exactly the text readBlockText would assemble: only inline
 * elements inside, and none of them hidden.
 */
export function isPlainTextBlock(el: Element): boolean {
  return el.querySelector(NOT_PLAIN) === null;
}

const NONE: ArrayLike<Element> = [];

/**
 * The elements inside a text block (isTextBlock: inline elements, line breaks, images) that a
 * walk must still look at after judging the block by its `textContent`: those matching
 * `selector` (`INSIDE_FOR_SCANNER` or `INSIDE_FOR_PROBE`). The walk goes on past the block's
 * subtree, so its text nodes are never visited (no wrapper, no string each), and neither is
 * an inline element that can hold nothing the walk looks for: each element handed to a script
 * gets a wrapper, and on a 200,000-node page the garbage collector's pass over new wrappers
 * (3–6 ms a time) is most of the longest detection slices.
 */
export function elementsInside(block: Element, selector: string): ArrayLike<Element> {
  return block.firstElementChild ? block.querySelectorAll(selector) : NONE;
}

/**
 * What the engine's walk looks at inside a text block: an open shadow root (among inline
 * elements only a `<span>` can host one: the DOM's list of valid shadow hosts) and call links.
 */
export const INSIDE_FOR_SCANNER = `span, ${MAYBE_CALL_LINKS}`;
/** The loader's probe also notes every `lang` (a region may lower the digits it needs). */
export const INSIDE_FOR_PROBE = `${INSIDE_FOR_SCANNER}, [lang]`;

/**
 * Calls `visit` on each of `elements` until it returns true, looking at the clock every `every`
 * elements: for a text block with thousands of elements inside (a walk judges the usual few in
 * one go, without a promise). Resolves to whether `visit` returned true.
 */
export async function visitInSlices(
  elements: ArrayLike<Element>,
  visit: (el: Element) => boolean | void,
  slicer: Pick<TimeSlicer, 'shouldYield' | 'yield'>,
  every: number,
): Promise<boolean> {
  for (let i = 0; i < elements.length; i++) {
    if (visit(elements[i]!) === true) return true;
    if ((i + 1) % every === 0 && slicer.shouldYield()) await slicer.yield();
  }
  return false;
}
