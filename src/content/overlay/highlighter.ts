import type { FoundNumber } from '../scan/found-number';
import { HIGHLIGHT_CSS, HIGHLIGHT_NAME } from './highlight-style';

/** Marks added within this long reach the highlight together (at the latest). */
export const FLUSH_MS = 400;

/**
 * Marks numbers without touching the page's DOM: the CSS Custom Highlight API paints the
 * ranges, and follows scrolling, resizing and reflow by itself. The document's rule comes
 * with the extension's manifest (`highlight-style.ts`); each shadow root scanned adopts it
 * (`style`).
 *
 * Every change to a registered highlight makes the browser repaint the page (17–30 ms a
 * frame on a 200,000-node page), so new marks are collected and added together: when the
 * caller says a piece of work is done (`flush`), or `FLUSH_MS` after the first waiting one.
 */
export class Highlighter {
  private readonly highlight?: Highlight;
  private readonly sheet?: CSSStyleSheet;
  private readonly styled = new Set<ShadowRoot>();
  private readonly waiting = new Set<FoundNumber>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(doc: Document) {
    const win = doc.defaultView as (Window & typeof globalThis) | null;
    if (!win || !('highlights' in win.CSS) || typeof win.Highlight !== 'function') return;
    this.highlight = new win.Highlight();
    win.CSS.highlights.set(HIGHLIGHT_NAME, this.highlight);
    this.sheet = new win.CSSStyleSheet();
    this.sheet.replaceSync(HIGHLIGHT_CSS);
  }

  /** False where the browser has no Custom Highlight API: numbers still get the hover card. */
  get supported(): boolean {
    return this.highlight !== undefined;
  }

  /** A shadow root's text is not reached by the document's sheets: it adopts the rule. */
  style(root: ShadowRoot): void {
    if (!this.sheet || this.styled.has(root)) return;
    this.styled.add(root);
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
    } catch {
      // A sheet from another document (e.g. an adopted node's root): skip the marking there.
    }
  }

  add(found: readonly FoundNumber[]): void {
    if (!this.highlight) return;
    for (const f of found) this.waiting.add(f);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  remove(found: readonly FoundNumber[]): void {
    for (const f of found) if (!this.waiting.delete(f)) this.highlight?.delete(f.range);
  }

  /** Adds the waiting marks now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.highlight) return;
    for (const f of this.waiting) this.highlight.add(f.range);
    this.waiting.clear();
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.clear();
    this.highlight?.clear();
  }

  /** Takes back everything: after an extension reload the old script leaves no trace (the
   * manifest's rule stays, inert: no highlight of that name is registered any more). */
  dispose(doc: Document): void {
    this.clear();
    for (const root of this.styled) {
      try {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
      } catch {
        // The root's document is gone.
      }
    }
    this.styled.clear();
    (doc.defaultView as (Window & typeof globalThis) | null)?.CSS.highlights?.delete(HIGHLIGHT_NAME);
  }
}
