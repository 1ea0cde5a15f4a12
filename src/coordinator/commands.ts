import { CallState } from '../shared/call/call-state';
import type { PhoneSnapshot } from '../shared/phone/snapshot';

export type CommandName = 'answer' | 'hangup' | 'call-selection';

export interface CommandActions {
  snapshot(): Promise<PhoneSnapshot>;
  answer(callId: string): Promise<unknown>;
  decline(callId: string): Promise<unknown>;
  hangup(callId: string): Promise<unknown>;
  /** The selected text or the hovered number in the active tab, as a dial target. */
  pageTarget(): Promise<string | undefined>;
  dial(target: string): Promise<unknown>;
}

/**
 * Keyboard commands. Answer picks up the ringing call; hang up ends the newest live call,
 * or declines a ringing one when there is nothing else to end.
 */
export async function runCommand(name: string, actions: CommandActions): Promise<void> {
  switch (name) {
    case 'answer': {
      const ringing = (await actions.snapshot()).calls.find((c) => c.state === CallState.Incoming);
      if (ringing) await actions.answer(ringing.id);
      return;
    }
    case 'hangup': {
      const calls = (await actions.snapshot()).calls;
      const live = [...calls].reverse().find((c) => c.state !== CallState.Incoming);
      if (live) await actions.hangup(live.id);
      else {
        const ringing = calls.find((c) => c.state === CallState.Incoming);
        if (ringing) await actions.decline(ringing.id);
      }
      return;
    }
    case 'call-selection': {
      const target = await actions.pageTarget();
      if (target) await actions.dial(target);
      return;
    }
    default:
      return;
  }
}
