/** The CSS highlight Offhook registers (`CSS.highlights`) for the numbers it marks. */
export const HIGHLIGHT_NAME = 'offhook-number';

/**
 * The one rule that paints the marks: a green tint behind the number, the page's own text
 * colour on top. Only properties that paint inside the text's box: a decoration or a shadow
 * in a highlight makes Chrome recompute the page's visual overflow at every change to the
 * marks (20–40 ms more per frame on a 200,000-node page: `bench/highlight-repaint.ts`), where
 * a background costs only the repaint that any change to the page costs.
 */
export const HIGHLIGHT_CSS = `::highlight(${HIGHLIGHT_NAME}) { background-color: rgb(26 127 55 / 0.18); }\n`;

/**
 * The rule as a content-script stylesheet in the manifest (wxt.config.ts writes it and lists
 * it). The browser injects such a sheet into every frame before the page's DOM is built, so
 * it costs no style recalculation later, and it is not in the page's `document.styleSheets`
 * or `adoptedStyleSheets`. Adopting the rule on a loaded document instead made the browser
 * compute every element's style again: one long task of up to a second on a 200,000-node
 * page. Shadow roots are not reached by a document's sheets: they adopt the rule (only their
 * own subtree is recalculated).
 */
export const HIGHLIGHT_CSS_FILE = 'content-scripts/highlight.css';
