/**
 * A tel:, callto: or sip: link, as the browser follows it: the href's scheme, after any
 * whitespace (browsers drop it, and so does parseCallLink when the link is clicked).
 */
const CALL_HREF = /^\s*(tel|callto|sip):/i;

/** Links that may be call links, for querySelectorAll; isCallLink decides, since a CSS
 * attribute selector cannot skip the whitespace before the scheme. */
export const MAYBE_CALL_LINKS = 'a[href*="tel:" i], a[href*="callto:" i], a[href*="sip:" i]';

export function isCallLink(el: Element): el is HTMLAnchorElement {
  return el.tagName === 'A' && CALL_HREF.test(el.getAttribute('href') ?? '');
}
