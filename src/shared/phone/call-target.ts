/**
 * What a content script may ask to call: exactly a global tel URI (optionally with an
 * extension) or a plain sip:user@host. Anything else from a page is refused, so no feature
 * code, parameter or header can be smuggled in.
 */
const TEL = /^tel:\+[1-9][0-9]{3,14}(;ext=[0-9]{1,10})?$/;
const SIP = /^sips?:[A-Za-z0-9._~+-]{1,64}@[A-Za-z0-9.-]{1,253}$/;

export function isSafeCallTarget(target: string): boolean {
  return TEL.test(target) || SIP.test(target);
}
