/** The CSS highlight Offhook registers (`CSS.highlights`) for the numbers it marks. */
export const HIGHLIGHT_NAME = 'offhook-number';

/** The one rule that paints the marks. */
export const HIGHLIGHT_CSS = `::highlight(${HIGHLIGHT_NAME}) { text-decoration: underline dotted 1.5px; text-decoration-color: #1a7f37; text-underline-offset: 2px; }\n`;

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
