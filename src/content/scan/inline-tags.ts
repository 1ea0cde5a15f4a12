/**
 * Elements that flow inside a line of text. Text split across these within one block is
 * read as one string, so `<b>(212)</b> 736-3100` is one number. Anything else starts a
 * new block. A tag-name test, not getComputedStyle: it runs for every text node.
 */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'FONT', 'I', 'INS', 'DEL', 'KBD', 'MARK',
  'NOBR', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U', 'VAR', 'LABEL', 'BIG',
]);

export function isInline(el: Element): boolean {
  return INLINE_TAGS.has(el.tagName);
}

/** The nearest ancestor of `node` that is not inline: the element whose text it is part of. */
export function blockOf(node: Node): Element | null {
  let top: Node = node;
  let el = node.parentElement;
  while (el && INLINE_TAGS.has(el.tagName)) {
    top = el;
    el = el.parentElement;
  }
  if (el) return el;
  // Directly under a shadow root (parentElement stops there): the root's host is the block.
  const root = top.parentNode;
  if (root instanceof ShadowRoot) return root.host;
  // A detached inline chain: its nearest element.
  const parent = node.parentNode;
  return parent instanceof Element ? parent : null;
}
