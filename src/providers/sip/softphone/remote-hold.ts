/** Whether an offer puts us on hold: every audio stream (or the session) sendonly or inactive. */
export function remoteHoldsUs(sdp: string | undefined): boolean {
  if (!sdp) return false;
  const directions = [...sdp.matchAll(/^a=(sendrecv|sendonly|recvonly|inactive)\s*$/gm)].map((m) => m[1]);
  return directions.length > 0 && directions.every((d) => d === 'sendonly' || d === 'inactive');
}
