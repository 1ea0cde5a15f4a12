import { mightBeCallable } from './candidate-text';
import { fewestNationalDigits } from '../../detection/national-lengths';
import { regionFromLang } from '../../detection/region';
import { isSkippedSubtree } from './exclusion';
import { blockOf, isInline } from './inline-tags';
import { elementsInside, INSIDE_FOR_PROBE, isTextBlock, visitInSlices } from './inline-content';
import type { TimeSlicer } from './time-slicer';
import { nextOutside } from './next-outside';
import { isCallLink } from './call-href';

const DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\uff10-\uff19]/;
/** Digits split over inline elements are joined across at most this many characters. */
const CARRY = 256;
/** Nodes (or elements inside a text block) between two looks at the clock. */
const CHECK_EVERY = 256;

/**
 * The cheap question asked on every page before the detection engine is loaded: could
 * anything here be a number? One walk of the text (no engine, no regex compilation), the
 * digit pre-filter, call links, and open shadow roots. It may say yes too often (a yes
 * only loads the engine, which then decides), never no when the engine would find a number:
 * digits split over elements are joined, hidden and editable text counts, and it does not
 * stop at block boundaries.
 */
export class CandidateProbe {
  /**
   * The digits a run not in international form needs to count (mightContainPhoneNumber): the
   * fewest of the regions the engine may read the text for. Five (the least anywhere) until
   * the loader knows the page's and the user's regions; lowered by every `lang` met.
   */
  private base = 5;
  private fromLangs = Infinity;
  /** Open shadow roots met, to be watched for changes. */
  readonly shadowRoots: ShadowRoot[] = [];
  /** Custom elements with no shadow root yet: defining them later may attach one silently. */
  readonly notYetUpgraded = new Set<Element>();

  /** Walks `root` (and the shadow roots in it) in slices; true at the first candidate. */
  async walk(root: Node, slicer: TimeSlicer): Promise<boolean> {
    const queue: Node[] = [root];
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (await this.walkOne(next, slicer, queue)) return true;
    }
    return false;
  }

  /**
   * Nodes added or changed since the last look: text is tested, elements are walked, and each
   * block around them is read once (a change may complete a number split over inline elements).
   */
  async changed(nodes: Iterable<Node>, slicer: TimeSlicer): Promise<boolean> {
    const blocks = new Set<Element>();
    for (const node of nodes) {
      if (!node.isConnected) continue;
      if (slicer.shouldYield()) await slicer.yield();
      const text = node.nodeType === Node.TEXT_NODE;
      if (text ? this.textMightBe((node as Text).data) : await this.walk(node, slicer)) return true;
      if (text || (node instanceof Element && isInline(node))) {
        const block = blockOf(node);
        if (block && !isSkippedSubtree(block)) blocks.add(block);
      }
    }
    for (const block of blocks) {
      if (slicer.shouldYield()) await slicer.yield();
      if (block.isConnected && this.textMightBe(block.textContent ?? '')) return true;
    }
    return false;
  }

  /** The regions the page's text is read for, apart from `lang`s: its domain's, the user's
   * (none known: five, the least anywhere). */
  setRegions(regions: Iterable<string | undefined>): void {
    const known = [...regions].filter((r): r is string => !!r);
    this.base = known.length ? Math.min(...known.map(fewestNationalDigits)) : 5;
  }

  get fewest(): number {
    return Math.min(this.base, this.fromLangs);
  }

  /** An element's `lang` may name a region whose numbers are shorter. True if it lowered the bar. */
  noteLang(el: Element): boolean {
    const region = regionFromLang(el.getAttribute('lang'));
    if (!region) return false;
    const fewest = fewestNationalDigits(region);
    if (fewest >= this.fromLangs) return false;
    this.fromLangs = fewest;
    return true;
  }

  private textMightBe(text: string): boolean {
    return DIGIT.test(text) && mightBeCallable(text, this.fewest);
  }

  private async walkOne(root: Node, slicer: TimeSlicer, queue: Node[]): Promise<boolean> {
    if (root.nodeType === Node.TEXT_NODE) return this.textMightBe((root as Text).data);
    let sinceCheck = 0;
    const note = (e: Element) => this.noteElement(e, queue);
    /** A block of text and inline elements only is judged by one textContent; the elements in
     * it that may matter are looked at, its text nodes passed by (elementsInside). A block with
     * thousands of them is looked through in slices; the usual few take no promise. */
    const judgeWhole = (el: Element): boolean | Promise<boolean> => {
      if (this.textMightBe(el.textContent ?? '')) return true;
      const inside = elementsInside(el, INSIDE_FOR_PROBE);
      if (inside.length > CHECK_EVERY) return visitInSlices(inside, note, slicer, CHECK_EVERY);
      for (let i = 0; i < inside.length; i++) if (note(inside[i]!)) return true;
      sinceCheck += inside.length;
      return false;
    };
    if (root instanceof Element) {
      if (isSkippedSubtree(root)) return false;
      if (this.noteElement(root, queue)) return true;
      if (isTextBlock(root)) return judgeWhole(root);
    }
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let carry = '';
    let carryBlock: Element | null = null;
    let node = walker.nextNode();
    while (node) {
      if (++sinceCheck >= CHECK_EVERY) {
        sinceCheck = 0;
        if (slicer.shouldYield()) await slicer.yield();
      }
      if (node.nodeType === Node.TEXT_NODE) {
        const data = (node as Text).data;
        if (DIGIT.test(data)) {
          if (mightBeCallable(data, this.fewest)) return true;
          // Digits split over inline elements: joined within their block, as the engine does.
          const block = blockOf(node);
          carry = block === carryBlock ? (carry + data).slice(-CARRY) : data;
          carryBlock = block;
          if (carry !== data && mightBeCallable(carry, this.fewest)) return true;
        }
        node = walker.nextNode();
        continue;
      }
      const el = node as Element;
      if (isSkippedSubtree(el)) {
        node = nextOutside(walker, el);
        continue;
      }
      if (this.noteElement(el, queue)) return true;
      if (isTextBlock(el)) {
        const judged = judgeWhole(el);
        if (typeof judged === 'boolean' ? judged : await judged) return true;
        node = nextOutside(walker, el);
        continue;
      }
      node = walker.nextNode();
    }
    return false;
  }

  /** True for a call link; queues an open shadow root. */
  private noteElement(el: Element, queue: Node[]): boolean {
    if (el.hasAttribute('lang')) this.noteLang(el);
    const shadow = el.shadowRoot;
    if (shadow) {
      this.shadowRoots.push(shadow);
      queue.push(shadow);
    } else if (el.localName.includes('-')) this.notYetUpgraded.add(el);
    return isCallLink(el);
  }
}
