import { detectPhoneNumbers, mightContainPhoneNumber } from '../../detection/detect';
import { parseCallLink } from '../../detection/call-link';
import { pointAt, readBlockText } from './block-text';
import { compareComposed } from './document-order';
import { isPhoneContext } from './phone-context';
import { isExcluded, isSkippedSubtree } from './exclusion';
import type { FoundNumber } from './found-number';
import { mightBeCallable } from './candidate-text';
import { blockOf } from './inline-tags';
import { elementsInside, INSIDE_FOR_SCANNER, isTextBlock, visitInSlices } from './inline-content';
import { isCallLink, MAYBE_CALL_LINKS } from './call-href';
import { TimeSlicer } from './time-slicer';
import { nextOutside } from './next-outside';

/** Nodes (or elements inside a text block) between two looks at the clock. */
const CHECK_EVERY = 128;

const DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\uff10-\uff19]/;

export interface ScannerEvents {
  added(found: FoundNumber[]): void;
  removed(found: FoundNumber[]): void;
  /** A shadow root was found; it needs its own observer and styles. */
  shadowRoot(root: ShadowRoot): void;
}

/**
 * Finds the numbers in a document and its open shadow roots, and keeps the result current
 * block by block. A block is an element whose inline text reads as one run; it is the unit
 * of detection and of rescanning.
 */
export class PageScanner {
  private readonly byBlock = new Map<Element, FoundNumber[]>();
  private readonly byNode = new Map<Text, FoundNumber[]>();
  private readonly knownRoots = new WeakSet<ShadowRoot>();
  /** Custom elements seen without a shadow root: defining them later may attach one, and
   * that causes no mutation to observe. */
  private notYetUpgraded = new Set<Element>();

  constructor(
    private readonly regionOf: (block: Element) => string | undefined,
    private readonly events: ScannerEvents,
  ) {}

  /** Every number now known, in reading order. */
  numbers(): FoundNumber[] {
    const order = (a: FoundNumber, b: FoundNumber) => {
      const byNode = compareComposed(a.range.startContainer, b.range.startContainer);
      return byNode !== 0 ? byNode : a.range.startOffset - b.range.startOffset;
    };
    // Blocks are met in reading order by a whole scan, so checking neighbours usually settles
    // it (n comparisons); a full sort (n log n) only after changes put a block out of place.
    const perBlock = [...this.byBlock.values()].map((found) => (found.length > 1 ? [...found].sort(order) : found));
    const inOrder = perBlock.every((found, i) => i === 0 || order(perBlock[i - 1]!.at(-1)!, found[0]!) <= 0);
    const all = perBlock.flat();
    return inOrder ? all : all.sort(order);
  }

  /** The numbers covering a text node, for hover hit testing. */
  numbersIn(node: Text): readonly FoundNumber[] {
    return this.byNode.get(node) ?? [];
  }

  numberForLink(link: Element): FoundNumber | undefined {
    const block = blockOf(link);
    return block ? this.byBlock.get(block)?.find((f) => f.link === link) : undefined;
  }

  /** Walks a whole subtree (a document, a shadow root or an added element), in slices. */
  async scan(root: Node, slicer: TimeSlicer): Promise<void> {
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    const candidates = new Set<Element>();
    let block: Element | null = null;
    let digitParts: string[] = [];
    const closeRun = () => {
      // Numbers split over inline elements: the pieces may only pass together.
      if (block && digitParts.length > 1 && mightBeCallable(digitParts.join(''))) candidates.add(block);
      digitParts = [];
    };

    let sinceCheck = 0;
    const note = (e: Element) => this.noteElement(e, candidates);
    /** A block of text and inline elements only is judged by one textContent; the elements in
     * it that may matter are looked at, its text nodes passed by (elementsInside). A block with
     * thousands of them is looked through in slices; the usual few take no promise. */
    const judgeWhole = (el: Element): Promise<boolean> | undefined => {
      if (!candidates.has(el) && mightBeCallable(el.textContent ?? '')) candidates.add(el);
      const inside = elementsInside(el, INSIDE_FOR_SCANNER);
      if (inside.length > CHECK_EVERY) return visitInSlices(inside, note, slicer, CHECK_EVERY);
      for (let i = 0; i < inside.length; i++) note(inside[i]!);
      sinceCheck += inside.length;
      return undefined;
    };

    let node: Node | null = walker.currentNode === root && root.nodeType === Node.TEXT_NODE ? root : walker.nextNode();
    if (root instanceof Element) {
      if (isSkippedSubtree(root)) return;
      this.noteElement(root, candidates);
      if (isTextBlock(root)) {
        await judgeWhole(root);
        node = null;
      }
    }
    while (node) {
      if (++sinceCheck >= CHECK_EVERY) {
        sinceCheck = 0;
        if (slicer.shouldYield()) {
          await this.processCandidates(candidates, slicer);
          await slicer.yield();
        }
      }
      if (node.nodeType === Node.TEXT_NODE) {
        const data = (node as Text).data;
        if (DIGIT.test(data)) {
          const owner = blockOf(node);
          if (owner !== block) {
            closeRun();
            block = owner;
          }
          if (owner && !candidates.has(owner)) {
            if (mightBeCallable(data)) candidates.add(owner);
            else digitParts.push(data);
          }
        }
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      if (isSkippedSubtree(el)) {
        node = nextOutside(walker, el);
        continue;
      }
      this.noteElement(el, candidates);
      if (isTextBlock(el)) {
        const judging = judgeWhole(el);
        if (judging) await judging;
        node = nextOutside(walker, el);
        continue;
      }
      node = walker.nextNode();
    }
    closeRun();
    await this.processCandidates(candidates, slicer);
  }

  /** Re-reads blocks whose text changed, in slices. */
  async rescanBlocks(blocks: Iterable<Element>, slicer: TimeSlicer): Promise<void> {
    for (const block of blocks) {
      this.processBlock(block);
      if (slicer.shouldYield()) await slicer.yield();
    }
  }

  /** Forgets numbers whose block left the page. */
  dropDisconnected(): void {
    for (const block of [...this.byBlock.keys()]) if (!block.isConnected) this.dropBlock(block);
  }

  hasBlock(block: Element): boolean {
    return this.byBlock.has(block);
  }

  clear(): void {
    const all = [...this.byBlock.values()].flat();
    this.byBlock.clear();
    this.byNode.clear();
    if (all.length) this.events.removed(all);
  }

  /** Looks again at custom elements that had no shadow root; true while some still wait. */
  checkLateShadowRoots(): boolean {
    for (const el of this.notYetUpgraded) {
      if (!el.isConnected) this.notYetUpgraded.delete(el);
      else if (el.shadowRoot) {
        this.notYetUpgraded.delete(el);
        this.noteShadowRoot(el.shadowRoot);
      }
    }
    return this.notYetUpgraded.size > 0;
  }

  forgetLateShadowRoots(): void {
    this.notYetUpgraded = new Set();
  }

  private noteShadowRoot(shadow: ShadowRoot): void {
    if (this.knownRoots.has(shadow)) return;
    this.knownRoots.add(shadow);
    this.events.shadowRoot(shadow);
  }

  private noteElement(el: Element, candidates: Set<Element>): void {
    const shadow = el.shadowRoot;
    if (shadow) this.noteShadowRoot(shadow);
    else if (el.localName.includes('-')) this.notYetUpgraded.add(el);
    if (isCallLink(el)) {
      const owner = blockOf(el);
      if (owner) candidates.add(owner);
    }
  }

  private async processCandidates(candidates: Set<Element>, slicer: TimeSlicer): Promise<void> {
    for (const block of candidates) {
      // Checked before each block, so a slice never takes one more block past its budget.
      if (slicer.shouldYield()) await slicer.yield();
      candidates.delete(block);
      this.processBlock(block);
    }
  }

  private processBlock(block: Element): void {
    this.dropBlock(block);
    if (!block.isConnected) return;
    const text = readBlockText(block);
    const region = this.regionOf(block);
    const matches = mightContainPhoneNumber(text.text)
      ? detectPhoneNumbers(text.text, { defaultRegion: region, phoneContext: () => isPhoneContext(block) })
      : [];
    // Most candidates are decoys (an order number, a time): the exclusion check, a style
    // lookup that may make the browser compute styles, waits until there is something to mark.
    const links = callLinksOf(block);
    if ((!matches.length && !links.length) || isExcluded(block)) return;
    const found: FoundNumber[] = [];
    for (const m of matches) {
      const start = pointAt(text, m.start, false);
      const end = pointAt(text, m.end, true);
      const from = text.nodes.indexOf(start.node);
      const to = text.nodes.indexOf(end.node);
      // The type and display form are worked out when first read (the card, the popup).
      let kind: string | undefined;
      found.push({
        tel: m.tel,
        text: m.text,
        get formatted() {
          return m.formatted;
        },
        get kind() {
          return kind ?? m.kind;
        },
        set kind(value) {
          kind = value;
        },
        ...(m.region ? { region: m.region } : {}),
        range: new StaticRange({
          startContainer: start.node,
          startOffset: start.offset,
          endContainer: end.node,
          endOffset: end.offset,
        }),
        nodes: text.nodes.slice(from, to + 1),
        block,
      });
    }
    this.addLinks(block, links, found, region);
    if (!found.length) return;
    this.byBlock.set(block, found);
    for (const f of found) for (const n of f.nodes) this.byNode.set(n, [...(this.byNode.get(n) ?? []), f]);
    this.events.added(found);
  }

  /** tel:/callto:/sip: links: the target is the number, whatever the text says. A link whose
   * text is that same number was already found in the text and counts once. */
  private addLinks(block: Element, links: readonly HTMLAnchorElement[], found: FoundNumber[], region: string | undefined): void {
    for (const link of links) {
      const target = parseCallLink(link.getAttribute('href') ?? '', region);
      if (!target || !('tel' in target)) continue;
      const inside = found.find((f) => link.contains(f.range.startContainer) && f.tel === target.tel);
      if (inside) {
        inside.link = link;
        continue;
      }
      const nodes = textNodesOf(link);
      if (!nodes.length) continue;
      const last = nodes[nodes.length - 1]!;
      found.push({
        tel: target.tel,
        text: (link.textContent ?? '').trim() || target.text,
        formatted: target.formatted,
        kind: 'unknown',
        range: new StaticRange({ startContainer: nodes[0]!, startOffset: 0, endContainer: last, endOffset: last.length }),
        nodes,
        block,
        link,
      });
    }
  }

  private dropBlock(block: Element): void {
    const old = this.byBlock.get(block);
    if (!old) return;
    this.byBlock.delete(block);
    for (const f of old)
      for (const n of f.nodes) {
        const rest = (this.byNode.get(n) ?? []).filter((x) => x !== f);
        if (rest.length) this.byNode.set(n, rest);
        else this.byNode.delete(n);
      }
    this.events.removed(old);
  }
}

/** The call links whose block is `block`: in its subtree, and at the top of its open shadow
 * root (readBlockText says why). */
function callLinksOf(block: Element): HTMLAnchorElement[] {
  // Most blocks holding a candidate are text alone (a table cell, a paragraph): no element in
  // them, so no link, and no selector query (7 µs a block on the 1 MB directory).
  if (!block.firstElementChild && !block.shadowRoot) return [];
  const links = [...block.querySelectorAll(MAYBE_CALL_LINKS)];
  if (block.shadowRoot) links.push(...block.shadowRoot.querySelectorAll(MAYBE_CALL_LINKS));
  return links.filter((link): link is HTMLAnchorElement => isCallLink(link) && blockOf(link) === block);
}

function textNodesOf(el: Element): Text[] {
  const out: Text[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.trim()) out.push(n as Text);
  return out;
}
