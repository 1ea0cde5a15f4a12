import { closestComposed } from './exclusion';

/** Where a page keeps phone numbers: an address block, an element marked as a telephone
 * (schema.org's itemprop, hCard's class), or a block holding a tel: link. */
const PHONE_PLACE = 'address, [itemprop~="telephone"], .tel, .p-tel';
const TEL_LINK = 'a[href^="tel:" i]';

/**
 * Whether `block` sits where phone numbers are, so that a bare run of digits that is a valid
 * national number ("4155550134") is read as one, as it is after a phone label. Asked by the
 * detector only for such a run: the lookups stay off the common path.
 */
export function isPhoneContext(block: Element): boolean {
  return closestComposed(block, PHONE_PLACE) !== null || block.querySelector(TEL_LINK) !== null || block.closest(TEL_LINK) !== null;
}
