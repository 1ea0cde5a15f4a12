/**
 * The state of one call, in Offhook's own terms (sip.js's session states stay inside the
 * softphone). Every context that shows or reasons about a call uses this.
 *
 *   outbound:  Dialing ──► Ringing ──► Established ──► Ended
 *                 │           │                         ▲
 *                 └───────────┴─────────────────────────┘   (cancelled, rejected, failed)
 *
 *   inbound:   Incoming ──► Answering ──► Established ──► Ended
 *                 │             │                         ▲
 *                 └─────────────┴─────────────────────────┘ (declined, caller cancelled, failed)
 *
 * Dialing also goes straight to Established when the far end answers without a
 * provisional response. Ended is final.
 */
export enum CallState {
  /** INVITE sent, nothing heard back beyond 100 Trying. */
  Dialing = 'dialing',
  /** The far end is alerting (180/183); early media may be playing. */
  Ringing = 'ringing',
  /** An inbound INVITE waits for the user. */
  Incoming = 'incoming',
  /** The user answered; 200 OK sent, waiting for ACK and media. */
  Answering = 'answering',
  /** Both sides talking. */
  Established = 'established',
  /** The call is over; see the call's `end` for why. */
  Ended = 'ended',
}

const allowed: Record<CallState, readonly CallState[]> = {
  [CallState.Dialing]: [CallState.Ringing, CallState.Established, CallState.Ended],
  [CallState.Ringing]: [CallState.Established, CallState.Ended],
  [CallState.Incoming]: [CallState.Answering, CallState.Ended],
  [CallState.Answering]: [CallState.Established, CallState.Ended],
  [CallState.Established]: [CallState.Ended],
  [CallState.Ended]: [],
};

export class InvalidCallTransition extends Error {
  constructor(
    readonly from: CallState,
    readonly to: CallState,
  ) {
    super(`A call cannot go from ${from} to ${to}`);
    this.name = 'InvalidCallTransition';
  }
}

export function canTransition(from: CallState, to: CallState): boolean {
  return allowed[from].includes(to);
}

/** Returns `to`, or throws when the state machine above has no such edge. */
export function transition(from: CallState, to: CallState): CallState {
  if (!canTransition(from, to)) throw new InvalidCallTransition(from, to);
  return to;
}

/** A call that still needs the user's attention or holds media. */
export function isLive(state: CallState): boolean {
  switch (state) {
    case CallState.Dialing:
    case CallState.Ringing:
    case CallState.Incoming:
    case CallState.Answering:
    case CallState.Established:
      return true;
    case CallState.Ended:
      return false;
    default:
      return assertNever(state);
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
