import type { CallEndReason, CallInfo } from '../../shared/call/call-info';
import { CallState } from '../../shared/call/call-state';
import type { WebexCall } from './webex-client';

/**
 * A Webex call as Offhook's call model:
 *
 *   placed (Dial: personality clickToDial/originator)
 *     alerting (the user's own Webex phone rings to place it) ─► connecting (the far end rings) ─► connected
 *     Dialing                                                 ─► Ringing                       ─► Established
 *   to the user (terminator)
 *     alerting = Incoming ─► connected = Established
 *   held: the user held it; remoteHeld: the far end did; disconnected: Ended.
 *
 * `muted` is Webex's own word where the listing gives it, else what Offhook last set.
 */
export function callFrom(call: WebexCall, muted: boolean): CallInfo {
  const inbound = call.personality === 'terminator';
  const number = (call.remoteParty.number ?? '').replace(/^tel:/i, '');
  const name = call.remoteParty.name;
  const info: CallInfo = {
    id: call.id,
    direction: inbound ? 'inbound' : 'outbound',
    state: stateOf(call.state, inbound),
    remote: { uri: call.remoteParty.number ?? '', number: number || name || '', ...(name && name !== number ? { displayName: name } : {}) },
    earlyMedia: false,
    muted: call.muted ?? muted,
    held: call.state === 'held',
    remoteHeld: call.state === 'remoteHeld',
    startedAt: Date.parse(call.created ?? '') || Date.now(),
  };
  const answeredAt = Date.parse(call.answered ?? '');
  if (Number.isFinite(answeredAt)) info.answeredAt = answeredAt;
  return info;
}

function stateOf(state: string, inbound: boolean): CallState {
  switch (state) {
    case 'connected':
    case 'held':
    case 'remoteHeld':
      return CallState.Established;
    case 'disconnected':
      return CallState.Ended;
    case 'alerting':
      return inbound ? CallState.Incoming : CallState.Dialing;
    case 'connecting':
      return inbound ? CallState.Answering : CallState.Ringing;
    default:
      return inbound ? CallState.Incoming : CallState.Dialing;
  }
}

/**
 * Why a call Offhook was following ended, from what Offhook last saw of it and what the user
 * last asked (the listing only stops showing it): the user's hang-up or decline, else the
 * other side's doing; a call that rang here and was answered by nobody here was taken
 * elsewhere or given up by the caller.
 */
export function endOf(last: CallInfo, asked: 'hangup' | 'reject' | 'transfer' | undefined, at: number): CallInfo {
  const talked = last.answeredAt !== undefined || last.state === CallState.Established;
  let reason: CallEndReason;
  if (asked === 'transfer') reason = 'transferred';
  else if (asked === 'reject') reason = 'declined';
  else if (asked === 'hangup') reason = talked ? 'hangup-local' : 'cancelled';
  else if (last.direction === 'inbound') reason = talked ? 'hangup-remote' : 'caller-cancelled';
  else reason = talked ? 'hangup-remote' : last.state === CallState.Ringing ? 'rejected' : 'cancelled';
  return { ...last, state: CallState.Ended, endedAt: at, end: { reason } };
}
