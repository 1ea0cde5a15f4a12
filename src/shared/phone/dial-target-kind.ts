/**
 * Whether a call-back target is a phone number (digits, maybe a leading +, at any host) rather
 * than a SIP name: only a number may be shown by its digits alone. A SIP address is shown in
 * full before it is dialled back, since its host, not its name, says where the call goes.
 */
export function isPhoneTarget(target: string): boolean {
  return /^(?:(?:sips?|tel):)?\+?[0-9*#]+(?:[;@]|$)/i.test(target.trim());
}
