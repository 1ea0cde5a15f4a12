import type { CallEndReason, CallInfo } from '../../shared/call/call-info';
import { CallState } from '../../shared/call/call-state';
import type { GenesysConversation, GenesysParticipant } from './genesys-client';

const ENDED = new Set(['disconnected', 'terminated']);
const USER_PURPOSES = new Set(['user', 'agent']);

/** The user's own participant in a conversation (their latest, when a call came back to them). */
export function ownParticipant(conversation: GenesysConversation, userId: string): GenesysParticipant | undefined {
  return conversation.participants.filter((p) => USER_PURPOSES.has(p.purpose) && p.userId === userId).at(-1);
}

/**
 * A Genesys call conversation as Offhook's call model, seen from the user (`userId`):
 *
 *   the user's participant  contacting ─► dialing (the far end rings) ─► connected ─► disconnected
 *   Offhook's call          Dialing    ─► Ringing                    ─► Established ─► Ended
 *   inbound                 alerting = Incoming ─► connected = Established ─► …
 *
 * Why it ended comes from the participant's disconnectType: 'client' (the user), 'peer' (the
 * other side), 'transfer'; an alerting call another user or device took is answered elsewhere.
 */
export function callFrom(conversation: GenesysConversation, userId: string): CallInfo | undefined {
  const me = ownParticipant(conversation, userId);
  if (!me) return undefined;
  const others = conversation.participants.filter((p) => p !== me && !(USER_PURPOSES.has(p.purpose) && p.userId === userId));
  const remote = others.find((p) => !USER_PURPOSES.has(p.purpose)) ?? others[0];
  const inbound = me.direction === 'inbound';
  const address = (remote?.address ?? '').replace(/^tel:/i, '');
  const connected = Boolean(me.connectedTime) && remote?.state === 'connected';
  const state = stateOf(me, remote, inbound);
  const startedAt = Date.parse(me.startTime ?? '') || Date.now();
  const call: CallInfo = {
    id: conversation.id,
    direction: inbound ? 'inbound' : 'outbound',
    state,
    remote: { uri: remote?.address ?? '', number: address || remote?.name || '', ...(remote?.name ? { displayName: remote.name } : {}) },
    earlyMedia: false,
    muted: me.muted === true,
    held: me.held === true,
    remoteHeld: remote?.held === true,
    startedAt,
  };
  const answeredAt = Date.parse(me.connectedTime ?? '');
  if (Number.isFinite(answeredAt) && (connected || ENDED.has(me.state))) call.answeredAt = answeredAt;
  if (state === CallState.Ended) {
    call.endedAt = Date.parse(me.endTime ?? '') || Date.now();
    call.end = { reason: endReason(me, others, inbound) };
  }
  return call;
}

function stateOf(me: GenesysParticipant, remote: GenesysParticipant | undefined, inbound: boolean): CallState {
  if (ENDED.has(me.state)) return CallState.Ended;
  if (me.state === 'alerting' || me.state === 'offering') return CallState.Incoming;
  if (me.state === 'connected') {
    if (!inbound && remote && remote.state !== 'connected') return CallState.Ringing;
    return CallState.Established;
  }
  // Genesys reached the user's station (contacting), then dials out: the far end rings.
  if (!inbound && me.state === 'dialing' && remote) return CallState.Ringing;
  return inbound ? CallState.Answering : CallState.Dialing;
}

function endReason(me: GenesysParticipant, others: GenesysParticipant[], inbound: boolean): CallEndReason {
  const talked = Boolean(me.connectedTime);
  switch (me.disconnectType) {
    case 'transfer':
      return 'transferred';
    case 'client':
      return talked ? 'hangup-local' : inbound ? 'declined' : 'cancelled';
    case 'peer':
      return talked ? 'hangup-remote' : inbound ? 'caller-cancelled' : 'rejected';
    default:
      // Another agent or device of the user's took a call that rang here.
      if (inbound && !talked && others.some((p) => USER_PURPOSES.has(p.purpose) && p.state === 'connected')) return 'answered-elsewhere';
      if (inbound && !talked) return 'caller-cancelled';
      return talked ? 'hangup-remote' : 'failed';
  }
}
