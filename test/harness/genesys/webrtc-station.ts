// The user's WebRTC station, as Genesys Cloud links its two halves: the conversations (the REST
// stand-in, stand-in.ts) and the softphone sessions on the streaming socket
// (streaming-stand-in.ts). A call for the user rings the station (a propose); a call the user
// places reaches the station first (a propose with autoAnswer, as Genesys sends it for an
// outbound call, the SDK's softphone-session-handler accepts such at once); the station's
// answer connects the user's participant; and when the user's participants leave the call
// (hung up through the API, the far end gone) the station's session ends: a retract while it
// only rang, a terminate once it carried sound.
import type { GenesysStandIn } from './stand-in';
import type { GenesysStreaming, ProposedSession } from './streaming-stand-in';

export interface WebrtcStation {
  /** Someone calls the user: the conversation, and its propose to the station. */
  ring(email: string, from: { number: string; name?: string }): { conversationId: string; sessionId: string };
  /** Another of the user's devices takes a ringing call. */
  answeredElsewhere(conversationId: string): void;
  /** The station's session of a conversation (the last proposed). */
  session(conversationId: string): ProposedSession | undefined;
}

export function linkWebrtcStation(genesys: GenesysStandIn, streaming: GenesysStreaming): WebrtcStation {
  const byConversation = new Map<string, ProposedSession>();
  const propose = (email: string, conversationId: string, autoAnswer: boolean) => {
    const session = streaming.propose(email, { conversationId, autoAnswer });
    byConversation.set(conversationId, session);
    return session;
  };
  genesys.onCallEvent((event) => {
    if (event.type === 'dialled') {
      if (streaming.bound(event.email) > 0) propose(event.email, event.conversationId, true);
      return;
    }
    const session = byConversation.get(event.conversationId);
    if (!session || !streaming.sessions.has(session.sessionId)) return;
    if (streaming.proceeds.includes(session.sessionId)) streaming.terminate(session.sessionId);
    else streaming.retract(session.sessionId);
  });
  streaming.onAnswer((session) => genesys.stationAnswers(session.conversationId));
  return {
    ring(email, from) {
      const { conversationId } = genesys.incomingCall(email, from);
      return { conversationId, sessionId: propose(email, conversationId, false).sessionId };
    },
    answeredElsewhere(conversationId) {
      const session = byConversation.get(conversationId);
      if (session && streaming.sessions.has(session.sessionId)) streaming.answeredElsewhere(session.sessionId);
      genesys.answeredElsewhere(conversationId);
    },
    session: (conversationId) => byConversation.get(conversationId),
  };
}
