/** Elements whose text a person cannot click as a phone number. */
const EXCLUDED_SELECTOR =
  'script, style, noscript, template, textarea, input, select, option, button, svg, math, [contenteditable]:not([contenteditable="false"]), [hidden], [aria-hidden="true"], offhook-ui';
const EXCLUDED_TAGS = new Set([
  'HEAD', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'OFFHOOK-UI',
]);

/** True when text in `block` must be left alone. Only called for blocks that hold a
 * candidate number, so the style check stays off the hot path. */
export function isExcluded(block: Element): boolean {
  if (EXCLUDED_TAGS.has(block.tagName)) return true;
  const doc = block.ownerDocument;
  if (doc.designMode === 'on') return true;
  if ((block as HTMLElement).isContentEditable) return true;
  if (closestComposed(block, EXCLUDED_SELECTOR)) return true;
  const visible = (block as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility?.({
    visibilityProperty: true,
  });
  return visible === false;
}

/** closest() that continues from a shadow root to its host. */
export function closestComposed(el: Element, selector: string): Element | null {
  let current: Element | null = el;
  while (current) {
    const found = current.closest(selector);
    if (found) return found;
    const root = current.getRootNode();
    current = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** Whether an element subtree should not even be walked (its text is never a number). */
export function isSkippedSubtree(el: Element): boolean {
  return EXCLUDED_TAGS.has(el.tagName);
}
