import type { Web } from 'sip.js';

/**
 * After the last kind of candidate a call needs has come, how long other candidates of the same
 * kind (another network interface, IPv6) may still join. Chromium gathers a phase's host
 * candidates for every interface together: with loopback and three interfaces with IPv4
 * and IPv6 each, all seven UDP host candidates came within 3.5 ms of the first, never more than 1.2 ms
 * apart (`bench/ice-siblings.ts` measures it). Each sibling restarts the grace.
 */
export const SIBLING_GRACE_MS = 5;

/** A STUN or TURN server answers each interface on its own time: a longer grace for those. */
export const SERVER_SIBLING_GRACE_MS = 20;

type Needed = 'host' | 'srflx' | 'relay';

/**
 * The candidates an offer or answer needs before it is sent: a UDP host candidate always, a
 * server-reflexive one when a STUN server is configured, a relayed one when a TURN server is.
 */
export function neededCandidates(iceServers: readonly RTCIceServer[]): Set<Needed> {
  const needed = new Set<Needed>(['host']);
  for (const server of iceServers) {
    for (const url of typeof server.urls === 'string' ? [server.urls] : server.urls) {
      if (/^stuns?:/i.test(url)) needed.add('srflx');
      else if (/^turns?:/i.test(url)) needed.add('relay');
    }
  }
  return needed;
}

interface CandidateInfo {
  type?: string | null;
  protocol?: string | null;
}

/**
 * Decides when a round of ICE gathering has what the call needs. The browser's gathering only
 * reports "complete" after its TCP phase, which on this machine comes about 100 ms after the
 * UDP candidates; the PBXs docs/pbx-setup.md sets up (Asterisk, FreeSWITCH, Kamailio with rtpengine)
 * take WebRTC media over UDP, so waiting for TCP candidates only delayed every INVITE by that
 * much. `enough` is called once per round, a short grace
 * after the last needed kind arrived; if a needed kind never comes (a STUN server that does not
 * answer), it is never called and sip.js waits for "complete" or its own timeout, as before.
 */
export class GatheringCutoff {
  private seen = new Set<Needed>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private done = false;

  constructor(
    private readonly needed: ReadonlySet<Needed>,
    private readonly enough: () => void,
    private readonly graceMs = needed.size > 1 ? SERVER_SIBLING_GRACE_MS : SIBLING_GRACE_MS,
  ) {}

  /** A new round of gathering began (the first offer, or an ICE restart). */
  restart(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.seen = new Set();
    this.done = false;
  }

  candidate(c: CandidateInfo | null): void {
    if (!c || this.done) return;
    const type = c.type;
    if (type !== 'host' && type !== 'srflx' && type !== 'relay') return;
    // TCP host and reflexive candidates are the ones the wait was for: they never count.
    if (type !== 'relay' && (c.protocol ?? '').toLowerCase() !== 'udp') return;
    this.seen.add(type);
    if ([...this.needed].every((n) => this.seen.has(n))) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.done = true;
        this.enough();
      }, this.graceMs);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.done = true;
  }
}

/**
 * Lets `sdh` send its offer or answer as soon as its candidates are enough for the call
 * (`GatheringCutoff`), through sip.js's own hook for a custom gathering strategy
 * (`iceGatheringComplete`, which stops the wait with the candidates gathered so far).
 */
export function cutIceGatheringShort(sdh: Web.SessionDescriptionHandler, iceServers: readonly RTCIceServer[]): void {
  const pc = sdh.peerConnection;
  if (!pc) return;
  const cutoff = new GatheringCutoff(neededCandidates(iceServers), () => sdh.iceGatheringComplete());
  pc.addEventListener('icegatheringstatechange', () => {
    if (pc.iceGatheringState === 'gathering') cutoff.restart();
    else if (pc.iceGatheringState === 'complete') cutoff.dispose();
  });
  pc.addEventListener('icecandidate', (event) => cutoff.candidate(event.candidate));
}
