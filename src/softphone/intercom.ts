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
