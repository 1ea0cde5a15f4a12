import type { RefusedCalls, RefusedTally } from '../../../shared/phone/snapshot';
import type { RemoteParty } from '../../../shared/call/call-info';
import { CallState, isLive } from '../../../shared/call/call-state';

/** At most this many calls ring at once; the next gets 486 Busy Here. */
export const MAX_RINGING = 2;
/** At most this many calls at all (e.g. one talking, one held, two ringing). */
export const MAX_LIVE = 4;

export type Refusal = 'dnd' | 'busy';

/**
 * Whether a new incoming call may ring, or is refused at once: Do Not Disturb, or the line
 * is full. A flood of INVITEs then costs a 486 each, and nothing grows with their number:
 * no tracked call, no notification, no history entry, no snapshot per call.
 */
export function admit(states: readonly CallState[], dnd: boolean): 'ring' | Refusal {
  if (dnd) return 'dnd';
  const live = states.filter(isLive);
  if (live.length >= MAX_LIVE || live.filter((s) => s === CallState.Incoming).length >= MAX_RINGING) return 'busy';
  return 'ring';
}

/** The calls refused since this softphone started, as counts and each kind's last caller. */
export class RefusalTally {
  /** Tells a coordinator that sees counts from another softphone (after a restart) apart. */
  private readonly epoch = crypto.randomUUID();
  private readonly tallies: Record<Refusal, RefusedTally> = { dnd: { count: 0 }, busy: { count: 0 } };

  note(kind: Refusal, caller: RemoteParty, at = Date.now()): void {
    const tally = this.tallies[kind];
    this.tallies[kind] = { count: tally.count + 1, last: caller, lastAt: at };
  }

  get any(): boolean {
    return this.tallies.dnd.count + this.tallies.busy.count > 0;
  }

  view(): RefusedCalls {
    return { epoch: this.epoch, dnd: { ...this.tallies.dnd }, busy: { ...this.tallies.busy } };
  }
}
