import type { CallInfo } from '../../../shared/call/call-info';
import { CallState } from '../../../shared/call/call-state';

/**
 * What the softphone plays for its calls: the call-waiting tone for a call that rings while
 * another is answered, the ringtone for one that rings alone, ringback while the far end
 * rings and sends no audio of its own; nothing otherwise.
 */
export function toneFor(calls: readonly CallInfo[]): 'call-waiting' | 'ringtone' | 'ringback' | null {
  const answered = calls.some((c) => c.state === CallState.Established || c.state === CallState.Answering);
  const ringing = calls.some((c) => c.state === CallState.Incoming);
  if (ringing && answered) return 'call-waiting';
  if (ringing) return 'ringtone';
  if (calls.some((c) => c.state === CallState.Ringing && !c.earlyMedia)) return 'ringback';
  return null;
}
