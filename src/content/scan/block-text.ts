import { isInline } from './inline-tags';
import { isSkippedSubtree } from './exclusion';
import { isPlainTextBlock } from './inline-content';

/** A block's visible text as one string, with where each text node starts in it. */
export interface BlockText {
  text: string;
  nodes: Text[];
  starts: number[];
}

/**
 * Reads the text a person sees in one block: the block's own text nodes and those of its
 * inline descendants, in order. A line break or a nested block becomes "\n", so numbers are
 * never joined across lines; skipped subtrees (scripts, inputs, Offhook's own UI) are left out.
 *
 * A shadow host is also the block of the inline content at the top of its open shadow root (a
 * `<b>` or a call link straight under the root has no block of its own there; blockOf climbs
 * to the host). That text follows the host's own, after a "\n".
 */
export function readBlockText(block: Element): BlockText {
  const own = readOwnText(block);
  const shadow = block.shadowRoot;
  if (!shadow) return own;
  const top = readInline(shadow);
  if (!top.nodes.length) return own;
  const offset = own.text.length + 1;
  return {
    text: `${own.text}\n${top.text}`,
    nodes: [...own.nodes, ...top.nodes],
    starts: [...own.starts, ...top.starts.map((s) => s + offset)],
  };
}

function readOwnText(block: Element): BlockText {
  // The usual block (a paragraph, a cell): one string for its text, and the text nodes with
  // their lengths, without a string per node (inline-content.ts says why).
  if (isPlainTextBlock(block)) {
    const nodes: Text[] = [];
    const starts: number[] = [];
    let length = 0;
    const texts = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let n = texts.nextNode() as Text | null; n; n = texts.nextNode() as Text | null) {
      nodes.push(n);
      starts.push(length);
      length += n.length;
    }
    return { text: block.textContent ?? '', nodes, starts };
  }
  return readInline(block);
}

/** The text of `root`'s text nodes and inline descendants, a nested block read as "\n". */
function readInline(root: Element | ShadowRoot): BlockText {
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  let node: Node | null = walker.nextNode();
  while (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      nodes.push(node as Text);
      starts.push(length);
      parts.push(data);
      length += data.length;
      node = walker.nextNode();
      continue;
    }
    const el = node as Element;
    if (el.tagName === 'BR') {
      parts.push('\n');
      length += 1;
      node = walker.nextNode();
      continue;
    }
    if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') {
      // Hidden inline text is not part of what a person reads: "Call <span hidden>999</span> 555…"
      node = skipSubtree(walker, el);
      continue;
    }
    if (!isInline(el) || isSkippedSubtree(el)) {
      // Another block (or a skipped element) inside this one: its text is not ours.
      parts.push('\n');
      length += 1;
      node = skipSubtree(walker, el);
      continue;
    }
    node = walker.nextNode();
  }
  return { text: parts.join(''), nodes, starts };
}

function skipSubtree(walker: TreeWalker, el: Element): Node | null {
  walker.currentNode = el;
  let next = walker.nextSibling();
  while (!next) {
    const parent = walker.parentNode();
    if (!parent) return null;
    next = walker.nextSibling();
  }
  return next;
}

/** The text node and offset for a position in a BlockText. `end` positions prefer the end
 * of the earlier node, so a range never starts or ends in a neighbour it does not cover. */
export function pointAt(block: BlockText, offset: number, end: boolean): { node: Text; offset: number } {
  let lo = 0;
  let hi = block.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = block.starts[mid]!;
    if (start < offset || (!end && start === offset)) lo = mid;
    else hi = mid - 1;
  }
  const node = block.nodes[lo]!;
  return { node, offset: Math.min(Math.max(offset - block.starts[lo]!, 0), node.length) };
}
