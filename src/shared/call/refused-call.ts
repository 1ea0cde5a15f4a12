import type { CallInfo } from './call-info';
import { CallState } from './call-state';

/**
 * A call the platform refused to place (its reason in `phrase`), as an ended call: the attempt
 * stays in the history with the platform's words instead of vanishing.
 */
export function refusedCall(id: string, target: string, phrase: string, at: number): CallInfo {
  return {
    id,
    direction: 'outbound',
    state: CallState.Ended,
    remote: { uri: target, number: target },
    earlyMedia: false,
    muted: false,
    held: false,
    remoteHeld: false,
    startedAt: at,
    endedAt: at,
    end: { reason: 'rejected', phrase },
  };
}
