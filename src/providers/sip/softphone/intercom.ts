/** The longest answer-after delay we honour; beyond it the call simply rings. */
const MAX_DELAY_S = 10;

/**
 * Whether the PBX marked an incoming call for auto-answer (intercom, paging), and after
 * how many seconds:
 *   Call-Info: <sip:pbx>;answer-after=0          (Polycom, Yealink, FreeSWITCH, Asterisk)
 *   Alert-Info: <http://…>;info=alert-autoanswer  (Cisco/Broadsoft style)
 *   Alert-Info: auto-answer / <…auto-answer…>     (several PBXs)
 * Returns undefined for every other call.
 */
export function intercomDelay(headers: { callInfo: string[]; alertInfo: string[] }): number | undefined {
  for (const value of headers.callInfo) {
    const m = /;\s*answer-after\s*=\s*(\d{1,3})\b/i.exec(value);
    if (m) {
      const seconds = Number(m[1]);
      return seconds <= MAX_DELAY_S ? seconds : undefined;
    }
  }
  for (const value of headers.alertInfo)
    if (/info\s*=\s*alert-autoanswer|auto-?answer/i.test(value)) return 0;
  return undefined;
}

/**
 * Whether an auto-answer mark may be believed: only from the account's own PBX. The caller's
 * From and every P-Asserted-Identity must name one of `ownHosts` (the account's domain, the
 * PBX's host); a caller from anywhere else (a trunk, another domain) may put Call-Info in
 * their INVITE too, and their call rings like any other. A PBX must still strip these headers
 * from its outside callers (docs/calls.md, *Intercom auto-answer*).
 */
export function fromOwnPbx(headers: { from: string; pAssertedIdentity: string[] }, ownHosts: readonly string[]): boolean {
  const own = new Set(ownHosts.map((h) => h.toLowerCase()));
  const identities = [headers.from, ...headers.pAssertedIdentity.flatMap(splitIdentities)];
  return identities.every((value) => {
    const uri = /<([^>]*)>/.exec(value)?.[1] ?? value.trim();
    // A tel: identity names no host; the sip: one beside it (or the From) decides.
    if (/^tel:/i.test(uri)) return true;
    const host = /^sips?:(?:[^@;?>]*@)?(\[[^\]]+\]|[^;:?>]+)/i.exec(uri)?.[1];
    return host !== undefined && own.has(host.toLowerCase());
  });
}

function splitIdentities(header: string): string[] {
  // Outside quotes and angle brackets a comma separates two identities (a sip: and a tel:).
  return header.match(/(?:"(?:[^"\\]|\\.)*"|<[^>]*>|[^,])+/g) ?? [];
}
