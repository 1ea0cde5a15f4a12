import type { FoundNumber } from '../scan/found-number';
import type { CallCard } from './call-card';

const HIDE_DELAY_MS = 400;

/**
 * Shows the call card when the pointer rests on a number, and hides it when the pointer has
 * left both the number and the card for a moment. Hit testing looks only at the text nodes
 * of the element under the pointer (open shadow roots included, through composedPath).
 */
export class HoverTracker {
  private frame = 0;
  private hideTimer?: ReturnType<typeof setTimeout>;
  private last?: { x: number; y: number; target: EventTarget | null };

  constructor(
    private readonly doc: Document,
    private readonly card: CallCard,
    private readonly numbersIn: (node: Text) => readonly FoundNumber[],
    private readonly linkNumber: (link: Element) => FoundNumber | undefined,
    signal: AbortSignal,
  ) {
    doc.addEventListener('mousemove', (e) => this.onMove(e), { capture: true, passive: true, signal });
    doc.addEventListener('scroll', () => this.card.hide(), { capture: true, passive: true, signal });
    // A confirmation stays until the person acts: Escape or a press elsewhere dismisses it.
    doc.addEventListener('keydown', (e) => e.isTrusted && e.key === 'Escape' && this.card.pinned && this.card.hide(), { capture: true, signal });
    doc.addEventListener('pointerdown', (e) => e.isTrusted && this.card.pinned && !this.card.isOwn(e.composedPath()[0] ?? null) && this.card.hide(), { capture: true, passive: true, signal });
    signal.addEventListener('abort', () => {
      cancelAnimationFrame(this.frame);
      clearTimeout(this.hideTimer);
    });
  }

  private onMove(event: MouseEvent): void {
    // A page's script can dispatch mousemove anywhere: only the person's pointer moves the card.
    if (!event.isTrusted) return;
    this.last = { x: event.clientX, y: event.clientY, target: event.composedPath()[0] ?? null };
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.last) this.update(this.last.x, this.last.y, this.last.target);
    });
  }

  private update(x: number, y: number, target: EventTarget | null): void {
    if (this.card.pinned) return;
    if (this.card.isOwn(target)) {
      clearTimeout(this.hideTimer);
      this.hideTimer = undefined;
      return;
    }
    const hit = target instanceof Element ? this.numberAt(target, x, y) : undefined;
    if (hit) {
      clearTimeout(this.hideTimer);
      this.hideTimer = undefined;
      if (this.card.shown !== hit.found) this.card.show(hit.found, hit.rect);
      return;
    }
    if (this.card.shown && this.hideTimer === undefined)
      this.hideTimer = setTimeout(() => {
        this.hideTimer = undefined;
        this.card.hide();
      }, HIDE_DELAY_MS);
  }

  private numberAt(el: Element, x: number, y: number): { found: FoundNumber; rect: DOMRect } | undefined {
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (child.nodeType !== Node.TEXT_NODE) continue;
      for (const found of this.numbersIn(child as Text)) {
        const rect = hitRect(this.doc, found, x, y);
        if (rect) return { found, rect };
      }
    }
    const link = el.closest('a');
    const viaLink = link ? this.linkNumber(link) : undefined;
    if (viaLink) {
      const rect = hitRect(this.doc, viaLink, x, y);
      if (rect) return { found: viaLink, rect };
    }
    return undefined;
  }
}

function hitRect(doc: Document, found: FoundNumber, x: number, y: number): DOMRect | undefined {
  const range = doc.createRange();
  try {
    range.setStart(found.range.startContainer, found.range.startOffset);
    range.setEnd(found.range.endContainer, found.range.endOffset);
  } catch {
    return undefined;
  }
  for (const r of range.getClientRects())
    if (x >= r.left - 2 && x <= r.right + 2 && y >= r.top - 2 && y <= r.bottom + 2) return range.getBoundingClientRect();
  return undefined;
}
