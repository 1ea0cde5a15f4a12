import type { FoundNumber } from '../scan/found-number';

const NAME = 'offhook-number';
const CSS_TEXT = `::highlight(${NAME}) { text-decoration: underline dotted 1.5px; text-decoration-color: #1a7f37; text-underline-offset: 2px; }`;

/**
 * Marks numbers without touching the page's DOM: the CSS Custom Highlight API paints the
 * ranges, and follows scrolling, resizing and reflow by itself. The one rule it needs is an
 * adopted stylesheet (not an element) on the document and on each shadow root scanned; the
 * caller adopts it (`style`) when it is ready for the style recalculation that costs: on the
 * document, every element's style is computed again.
 */
export class Highlighter {
  private readonly highlight?: Highlight;
  private readonly sheet?: CSSStyleSheet;
  private readonly styled = new Set<Document | ShadowRoot>();

  constructor(doc: Document) {
    const win = doc.defaultView as (Window & typeof globalThis) | null;
    if (!win || !('highlights' in win.CSS) || typeof win.Highlight !== 'function') return;
    this.highlight = new win.Highlight();
    win.CSS.highlights.set(NAME, this.highlight);
    this.sheet = new win.CSSStyleSheet();
    this.sheet.replaceSync(CSS_TEXT);
  }

  /** False where the browser has no Custom Highlight API: numbers still get the hover card. */
  get supported(): boolean {
    return this.highlight !== undefined;
  }

  style(root: Document | ShadowRoot): void {
    if (!this.sheet || this.styled.has(root)) return;
    this.styled.add(root);
    try {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
    } catch {
      // A sheet from another document (e.g. an adopted node's root): skip the marking there.
    }
  }

  add(found: readonly FoundNumber[]): void {
    for (const f of found) this.highlight?.add(f.range);
  }

  remove(found: readonly FoundNumber[]): void {
    for (const f of found) this.highlight?.delete(f.range);
  }

  clear(): void {
    this.highlight?.clear();
  }

  /** Takes back everything: after an extension reload the old script leaves no trace. */
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
    (doc.defaultView as (Window & typeof globalThis) | null)?.CSS.highlights?.delete(NAME);
  }
}
