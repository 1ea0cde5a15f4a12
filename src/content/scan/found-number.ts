/** One phone number on the page, where it is and what it dials. */
export interface FoundNumber {
  /** RFC 3966 global number, e.g. tel:+14155552671;ext=12 */
  tel: string;
  /** The text as shown. */
  text: string;
  /** International format for the hover card. */
  formatted: string;
  kind: string;
  region?: string;
  /** What is highlighted and hovered. Static: the block is rescanned when it changes. */
  range: StaticRange;
  /** The text nodes the number covers (for hit testing). */
  nodes: Text[];
  block: Element;
  /** Set when the number comes from (or is) a tel:/callto:/sip: link. */
  link?: HTMLAnchorElement;
}
