import type { CallState } from './call-state';

export type CallDirection = 'outbound' | 'inbound';

/** Why a call ended, in words the faces can turn into a message. */
export type CallEndReason =
  /** The user hung up an established call. */
  | 'hangup-local'
  /** The user handed the call to someone else (blind transfer, REFER accepted). */
  | 'transferred'
  /** The other side hung up. */
  | 'hangup-remote'
  /** The user cancelled an outbound call before it was answered. */
  | 'cancelled'
  /** The caller gave up before the user answered. */
  | 'caller-cancelled'
  /** Another phone of the user's picked up (CANCEL with Reason: SIP;cause=200). */
  | 'answered-elsewhere'
  /** Refused at once with 486 because Do Not Disturb was on; kept as missed. */
  | 'do-not-disturb'
  /** The user declined an inbound call. */
  | 'declined'
  /** The far end or the PBX refused the outbound call (busy, decline, not found...). */
  | 'rejected'
  /** Signalling or media failed. */
  | 'failed';

export interface CallEnd {
  reason: CallEndReason;
  /** SIP status of the final response that ended it, when there was one. */
  status?: number;
  /** The server's reason phrase, shown to the user as the server said it. */
  phrase?: string;
}

export interface RemoteParty {
  /** SIP URI of the other side as signalled. */
  uri: string;
  /** What to show as the number: the user part, or the dialled string. */
  number: string;
  displayName?: string;
  /** `number` formatted for the user's region (national at home, international otherwise),
   * when it is a phone number; what the faces show. */
  formatted?: string;
}

export interface MediaFigures {
  bytesSent: number;
  bytesReceived: number;
  packetsReceived: number;
  /** The negotiated audio codec as the browser names it, e.g. "opus" (from the inbound stream). */
  codec?: string;
  /** Clock rate of that codec, Hz. */
  clockRate?: number;
  /** Packets lost on the way to us (RTP sequence gaps), and as a share of those expected, %. */
  packetsLost?: number;
  lossPercent?: number;
  /** Inter-arrival jitter of the audio we receive, milliseconds. */
  jitterMs?: number;
  /** Round-trip time from RTCP (or the ICE pair), milliseconds. */
  roundTripMs?: number;
  /** Audio bitrate received and sent since the previous measurement, kbit/s. */
  receiveKbps?: number;
  sendKbps?: number;
}

/** One call as every context sees it. Plain data: it crosses message boundaries. */
export interface CallInfo {
  id: string;
  direction: CallDirection;
  state: CallState;
  remote: RemoteParty;
  /** Remote early media (183 with SDP) is playing. */
  earlyMedia: boolean;
  /** The microphone is muted for this call (locally: the far end hears silence). */
  muted: boolean;
  /** The user put the call on hold (re-INVITE sendonly/inactive accepted). */
  held: boolean;
  /** The far end put us on hold. */
  remoteHeld: boolean;
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  end?: CallEnd;
  /** The PBX marked this incoming call for auto-answer (intercom, paging). */
  intercom?: boolean;
  /** Answered by Offhook itself, because the user enabled auto-answer for intercom calls. */
  autoAnswered?: boolean;
  /** A consultation call: the held call (its id) that "Complete transfer" hands to this party. */
  consultFor?: string;
  /** Part of the local three-way conference: its audio is mixed with the other leg's. */
  conference?: boolean;
  /** The far end asked (SIP REFER) to transfer this call to someone else: what Offhook did
   * with it, or is asking the user. */
  transferRequest?: TransferRequest;
  /** Placed because the far end of another call asked for this transfer and the user
   * accepted: who asked, as the user read it. */
  referredBy?: string;
  /** Keypad digits sent once the far end answers (the number's extension). */
  tonesAfterAnswer?: string;
  /** Present only when asked for (getStats is not free). */
  media?: MediaFigures;
}

/**
 * A transfer the far end asked for. Offhook never follows one by itself:
 *   asking ──► accepted | declined | expired      (the account asks the user)
 *   refused                                       (the account declines them, the default)
 */
export interface TransferRequest {
  id: string;
  /** Where the far end wants the user to go, as the user reads it (a number or user@host). */
  target: string;
  /** The exact SIP address that accepting would call. */
  uri: string;
  state: 'asking' | 'accepted' | 'declined' | 'refused' | 'expired';
  /** When the request came (epoch ms); an unanswered one is declined after a while. */
  at: number;
  /** Until when the user may answer it (epoch ms), while asking. */
  until?: number;
}
