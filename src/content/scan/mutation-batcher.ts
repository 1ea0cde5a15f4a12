import { isSkippedSubtree } from './exclusion';
import { blockOf, isInline } from './inline-tags';

export interface DirtyWork {
  /** Blocks whose own text changed. */
  blocks: Set<Element>;
  /** Added subtrees to walk (new blocks, links, shadow roots). */
  subtrees: Set<Node>;
  /** Too much at once: rescan everything instead. */
  flood: boolean;
}

const FLOOD = 2000;

/**
 * One MutationObserver per root (document or shadow root). Records are coalesced into the
 * set of changed blocks and added subtrees, handled together after the page's burst of
 * changes settles; an added node inside another queued subtree is dropped; a flood becomes
 * one rescan. Offhook's own UI is ignored.
 */
export class MutationBatcher {
  private pending: DirtyWork = { blocks: new Set(), subtrees: new Set(), flood: false };
  private timer?: ReturnType<typeof setTimeout>;
  private readonly observers: MutationObserver[] = [];

  constructor(
    private readonly ownUi: () => Element | null,
    private readonly handle: (work: DirtyWork) => void,
    private readonly signal: AbortSignal,
    private readonly delayMs = 30,
  ) {
    signal.addEventListener('abort', () => this.disconnect());
  }

  observe(root: Document | ShadowRoot): void {
    if (this.signal.aborted) return;
    const observer = new MutationObserver((records) => this.collect(records));
    observer.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['href', 'hidden', 'lang', 'contenteditable', 'aria-hidden'],
    });
    this.observers.push(observer);
  }

  disconnect(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const o of this.observers) o.disconnect();
    this.observers.length = 0;
  }

  private collect(records: MutationRecord[]): void {
    const ui = this.ownUi();
    const work = this.pending;
    for (const record of records) {
      if (work.flood) break;
      const target = record.target;
      if (ui && (target === ui || ui.contains(target))) continue;
      if (record.type === 'characterData') {
        const block = blockOf(target);
        if (block) work.blocks.add(block);
      } else if (record.type === 'attributes') {
        work.subtrees.add(target);
        const block = target instanceof Element && isInline(target) ? blockOf(target) : null;
        if (block) work.blocks.add(block);
      } else {
        // The block's own text changes only when text or inline elements come or go; rows
        // appended to a table are walked as subtrees without re-reading the whole table.
        if (!ownTextChanged(record)) {
          // Only blocks were added: nothing of the target's own text moved.
        } else if (target instanceof Element) {
          const block = isInline(target) ? blockOf(target) : target;
          if (block && !isSkippedSubtree(block)) work.blocks.add(block);
        } else if (target instanceof ShadowRoot) {
          work.blocks.add(target.host);
        }
        for (const added of record.addedNodes) {
          if (added === ui) continue;
          if (added.nodeType === Node.ELEMENT_NODE) work.subtrees.add(added);
        }
      }
      if (work.blocks.size + work.subtrees.size > FLOOD) work.flood = true;
    }
    if (work.blocks.size || work.subtrees.size || work.flood) this.schedule();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const work = this.pending;
      this.pending = { blocks: new Set(), subtrees: new Set(), flood: false };
      if (!work.flood) dropNested(work.subtrees);
      this.handle(work);
    }, this.delayMs);
  }
}

/** Whether a childList change can alter the text of the target's own block: a text node or an
 * inline element added, or anything removed (a removed block may have split a run). */
function ownTextChanged(record: MutationRecord): boolean {
  if (record.removedNodes.length) return true;
  for (const node of record.addedNodes) {
    if (node.nodeType === Node.TEXT_NODE) return true;
    if (node instanceof Element && isInline(node)) return true;
  }
  return false;
}

/** Keeps only the outermost of nested subtrees: walking the outer one covers the rest. */
function dropNested(subtrees: Set<Node>): void {
  for (const node of subtrees) {
    for (let p = node.parentNode; p; p = p.parentNode) {
      if (subtrees.has(p)) {
        subtrees.delete(node);
        break;
      }
    }
  }
}
