// Genesys Cloud's streaming service as Genesys's WebRTC SDK uses it, on the Genesys stand-in's
// HTTPS server (stand-in.ts) at wss://streaming.<region>/stream/channels/<channel id>: XMPP over
// WebSocket (RFC 7395), signed in with SASL PLAIN, with what genesys-cloud-streaming-client
// asks of it (external service discovery for ICE servers, pings, pubsub subscriptions to the
// notifications service) and the softphone's signalling: a call for the user's WebRTC station
// is proposed (Jingle Message Initiation, urn:xmpp:jingle-message:0, with Genesys's inin-*
// attributes), the SDK proceeds, and the session's SDP travels as Genesys's JSON-RPC
// `genesys-webrtc` iq (offer, answer, iceCandidate, terminate, mute). streaming-stand-in.test.ts
// drives it with the real SDK in Chromium.
//
// Where the shapes come from (genesys-cloud-streaming-client 17.2.7, the SDK's own dependency):
// - The WebSocket address, the SASL credentials (username = jabberId, password
//   `authKey:<access token>`): connection-manager.ts getStandardOptions.
// - The channel: POST /api/v2/notifications/channels?connectionType=streaming, the jid from
//   users/me's chat.jabberId: client.ts prepareForConnect.
// - ICE servers: getServices(server, 'turn' | 'stun', '1') (XEP-0215 extdisco:1), no STUN
//   meaning iceTransportPolicy 'relay': webrtc.ts _refreshIceServers.
// - Pings: client pings every 14 s (ping.ts) unless it subscribed to the pubsub node
//   `enable.server.side.pings`, then it wants a stanza at least every 70 s (server-monitor.ts).
// - propose/proceed/accept/reject/retract and their inin-* attributes:
//   stanza-definitions/webrtc-signaling.ts; handledIncomingRtcSession on an accept or reject
//   from another client of the user, cancelIncomingRtcSession on a retract: webrtc.ts.
// - A softphone session's peer is a jid on a `gjoll` host (utils.ts isSoftphoneJid); its offer
//   with sdpOverXmpp is `genesys-webrtc` {method: 'offer', params: {sdp, sessionId,
//   conversationId}} (webrtc.ts handleGenesysOffer), the SDK's answer, candidates ("m=<mid> 9
//   RTP/AVP 0\r\na=candidate:…"), terminate and mute come back the same way
//   (genesys-cloud-media-session.ts).
//
// Inferred, not found documented: the stream's domain and ids, the extdisco and pubsub result
// bodies beyond what stanza parses, the gjoll jid's exact form, the error stanzas for what
// Genesys's service would not answer.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse, type XMLElement } from 'stanza/jxt';
import { encodeFrame, readFrames } from '../ws-frames';
import type { GenesysStandIn, GenesysStreamingOwner } from './stand-in';

const NS_FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const NS_JMI = 'urn:xmpp:jingle-message:0';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
const NS_EXTDISCO_1 = 'urn:xmpp:extdisco:1';
const NS_PING = 'urn:xmpp:ping';
const NS_JSON = 'urn:xmpp:json:0';

/** A TURN or STUN service as XEP-0215 lists it. */
export interface ExternalService {
  type: 'turn' | 'turns' | 'stun';
  host: string;
  port?: number;
  transport?: 'udp' | 'tcp';
  username?: string;
  password?: string;
}

/**
 * The far end of a softphone session's media: it makes the offer the stand-in sends as
 * Genesys's media would, takes the SDK's answer and trickled candidates.
 */
export interface GenesysMediaPeer {
  offer(): Promise<string>;
  answer(sdp: string): Promise<void>;
  candidate(candidate: string, sdpMid: string | null): Promise<void>;
  close(): void;
}

export interface StreamingStanza {
  dir: 'in' | 'out';
  connection: number;
  xml: string;
}

export interface ProposedSession {
  sessionId: string;
  conversationId: string;
  email: string;
  /** the gjoll jid the session comes from */
  from: string;
  /** the SDK's answer arrived */
  answered: boolean;
  peer?: GenesysMediaPeer;
}

export interface GenesysStreamingOptions {
  /** what extdisco answers; default one STUN service (so the SDK keeps iceTransportPolicy 'all') */
  services?: ExternalService[];
  /** seconds between server pings once the client asked for server-side pings; default 30 */
  serverPingS?: number;
  /** the media far end of each accepted session; without it the stand-in proposes but never offers */
  mediaPeer?: (session: ProposedSession) => GenesysMediaPeer;
}

export interface GenesysStreaming {
  /** Connections signed in and bound, per user email (or all). */
  bound(email?: string): number;
  waitBound(email: string, count?: number, timeoutMs?: number): Promise<void>;
  /** A call to the user's WebRTC station: a propose to every bound resource of the user. */
  propose(email: string, opts?: { conversationId?: string; autoAnswer?: boolean }): ProposedSession;
  /** The caller gave up: a retract (the SDK's cancelPendingSession). */
  retract(sessionId: string): void;
  /** Another client of the user took it: an accept from the user's bare jid (handledPendingSession). */
  answeredElsewhere(sessionId: string): void;
  /** The far end hung up: genesys-webrtc terminate. */
  terminate(sessionId: string): void;
  /** Told when the client answers a session's offer (its media is up at the far end). */
  onAnswer(listener: (session: ProposedSession) => void): void;
  /** A pubsub event on a topic the user subscribed to (the notifications service over XMPP). */
  publish(email: string, topic: string, body: unknown): void;
  /** Every XMPP socket closed abruptly (a network drop); the channels stay valid. */
  dropSockets(): void;
  sessions: Map<string, ProposedSession>;
  /** session ids the SDK proceeded with / rejected */
  proceeds: string[];
  rejects: string[];
  /** pubsub nodes each user subscribed to */
  subscriptions: Map<string, Set<string>>;
  /** Every stanza, both ways, in order. */
  stanzas: StreamingStanza[];
  /** Stanzas the stand-in did not understand, and errors the client sent back: both empty when the client accepted everything. */
  unanswered: string[];
  clientErrors: string[];
  /** genesys-webrtc methods the client sent, in order ("answer", "iceCandidate", "mute", …) */
  webrtcMethods: { sessionId: string; method: string; params: Record<string, unknown> }[];
  close(): void;
}

interface Connection {
  id: number;
  socket: Duplex;
  owner: GenesysStreamingOwner;
  authenticated: boolean;
  jid?: string;
  serverPings?: NodeJS.Timeout;
  pending: Map<string, (reply: XMLElement) => void>;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const attrs = (a: Record<string, string | number | boolean | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escape(String(v))}"`)
    .join('');

export function attachGenesysStreaming(standIn: GenesysStandIn, opts: GenesysStreamingOptions = {}): GenesysStreaming {
  const domain = 'offhooktest.orgspan.com';
  const pubsubHost = `notifications.${standIn.region}`;
  const services = opts.services ?? [{ type: 'stun', host: '127.0.0.1', port: 3478 }];
  const serverPingMs = (opts.serverPingS ?? 30) * 1000;
  const connections = new Set<Connection>();
  const sessions = new Map<string, ProposedSession>();
  const subscriptions = new Map<string, Set<string>>();
  const stanzas: StreamingStanza[] = [];
  const unanswered: string[] = [];
  const clientErrors: string[] = [];
  const webrtcMethods: GenesysStreaming['webrtcMethods'] = [];
  const proceeds: string[] = [];
  const rejects: string[] = [];
  const waiters = new Set<() => void>();
  const answerListeners: ((session: ProposedSession) => void)[] = [];
  let nextId = 0;

  const send = (c: Connection, xml: string) => {
    if (c.socket.destroyed) return;
    stanzas.push({ dir: 'out', connection: c.id, xml });
    c.socket.write(encodeFrame(0x1, Buffer.from(xml), false));
  };
  const bare = (jid: string) => jid.split('/')[0]!;
  const boundOf = (email: string) => [...connections].filter((c) => c.jid && c.owner.email.toLowerCase() === email.toLowerCase() && !c.socket.destroyed);
  const changed = () => {
    for (const w of waiters) w();
  };
  const mustSession = (id: string) => {
    const s = sessions.get(id);
    if (!s) throw new Error(`genesys streaming stand-in: no session ${id}`);
    return s;
  };
  const iqError = (c: Connection, el: XMLElement, condition: string) =>
    send(c, `<iq xmlns="jabber:client"${attrs({ type: 'error', id: el.getAttribute('id'), to: el.getAttribute('from') ?? c.jid, from: el.getAttribute('to') })}><error type="cancel"><${condition} xmlns="${NS_STANZAS}"/></error></iq>`);
  // An answer to an iq the client addressed to nobody (its own account, RFC 6120 §10.3.3) comes from nobody.
  const iqResult = (c: Connection, el: XMLElement, body = '') =>
    send(c, `<iq xmlns="jabber:client"${attrs({ type: 'result', id: el.getAttribute('id'), to: c.jid, from: el.getAttribute('to') })}>${body}</iq>`);
  /** An iq from the stand-in to the client; resolves with its reply. */
  const request = (c: Connection, from: string, type: 'get' | 'set', body: string): Promise<XMLElement> => {
    const id = `stand-in-${++nextId}`;
    return new Promise((resolve) => {
      c.pending.set(id, resolve);
      send(c, `<iq xmlns="jabber:client"${attrs({ type, id, to: c.jid, from })}>${body}</iq>`);
    });
  };
  const genesysWebrtc = (c: Connection, session: ProposedSession, method: string, params: Record<string, unknown>) =>
    request(c, session.from, 'set', `<genesys-webrtc xmlns="genesys">${escape(JSON.stringify({ jsonrpc: '2.0', id: randomUUID(), method, params }))}</genesys-webrtc>`);

  const openStream = (c: Connection) =>
    send(c, `<open xmlns="${NS_FRAMING}"${attrs({ from: domain, id: randomUUID(), version: '1.0', 'xml:lang': 'en' })}/>`);

  const onStanza = (c: Connection, el: XMLElement) => {
    const name = el.getName();
    if (name === 'open') {
      openStream(c);
      send(
        c,
        c.authenticated
          ? `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><bind xmlns="${NS_BIND}"/></stream:features>`
          : `<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="${NS_SASL}"><mechanism>PLAIN</mechanism></mechanisms></stream:features>`,
      );
      return;
    }
    if (name === 'close') {
      send(c, `<close xmlns="${NS_FRAMING}"/>`);
      c.socket.end(encodeFrame(0x8, Buffer.from([0x03, 0xe8]), false));
      return;
    }
    if (name === 'auth' && el.getNamespace() === NS_SASL) {
      const [, username, password] = Buffer.from(el.getText(), 'base64').toString('utf8').split('\0');
      const token = password?.startsWith('authKey:') ? password.slice('authKey:'.length) : '';
      if (el.getAttribute('mechanism') === 'PLAIN' && bare(username ?? '') === c.owner.jabberId && c.owner.tokenIsLive(token)) {
        c.authenticated = true;
        send(c, `<success xmlns="${NS_SASL}"/>`);
      } else send(c, `<failure xmlns="${NS_SASL}"><not-authorized/></failure>`);
      return;
    }
    if (!c.authenticated) {
      send(c, `<stream:error xmlns:stream="http://etherx.jabber.org/streams"><not-authorized xmlns="urn:ietf:params:xml:ns:xmpp-streams"/></stream:error>`);
      c.socket.end();
      return;
    }
    if (name === 'iq') return onIq(c, el);
    if (name === 'message') return onMessage(c, el);
    if (name === 'presence') return;
    unanswered.push(el.toString());
  };

  const onIq = (c: Connection, el: XMLElement) => {
    const type = el.getAttribute('type');
    const id = el.getAttribute('id') ?? '';
    if (type === 'result' || type === 'error') {
      if (type === 'error') clientErrors.push(el.toString());
      const pending = c.pending.get(id);
      c.pending.delete(id);
      pending?.(el);
      return;
    }
    const bind = el.getChild('bind', NS_BIND);
    if (bind && type === 'set') {
      const resource = bind.getChild('resource')?.getText() || randomUUID();
      c.jid = `${c.owner.jabberId}/${resource}`;
      iqResult(c, el, `<bind xmlns="${NS_BIND}"><jid>${escape(c.jid)}</jid></bind>`);
      changed();
      return;
    }
    if (el.getChild('ping', NS_PING)) return iqResult(c, el);
    const disco = el.getChild('services', NS_EXTDISCO_1);
    if (disco && type === 'get') {
      const wanted = disco.getAttribute('type');
      const list = services.filter((s) => !wanted || s.type === wanted || (wanted === 'turn' && s.type === 'turns'));
      const items = list.map((s) => `<service${attrs({ type: s.type, host: s.host, port: s.port, transport: s.transport, username: s.username, password: s.password })}/>`).join('');
      return iqResult(c, el, `<services xmlns="${NS_EXTDISCO_1}"${attrs({ type: wanted })}>${items}</services>`);
    }
    const pubsub = el.getChild('pubsub', NS_PUBSUB);
    if (pubsub && type === 'set' && el.getAttribute('to') === pubsubHost) {
      const subscribe = pubsub.getChild('subscribe');
      const unsubscribe = pubsub.getChild('unsubscribe');
      const node = (subscribe ?? unsubscribe)?.getAttribute('node') ?? '';
      const mine = subscriptions.get(c.owner.email) ?? new Set<string>();
      subscriptions.set(c.owner.email, mine);
      // A user may subscribe to their own topics (as the REST subscriptions allow), and the service's own node.
      const allowed = node === 'enable.server.side.pings' || node.startsWith(`v2.users.${c.owner.userId}.`);
      if (!node || !allowed) return iqError(c, el, 'not-allowed');
      if (subscribe) {
        mine.add(node);
        if (node === 'enable.server.side.pings' && !c.serverPings) {
          c.serverPings = setInterval(() => void request(c, domain, 'get', `<ping xmlns="${NS_PING}"/>`), serverPingMs);
        }
        return iqResult(c, el, `<pubsub xmlns="${NS_PUBSUB}"><subscription${attrs({ node, jid: subscribe.getAttribute('jid') ?? c.jid, subscription: 'subscribed' })}/></pubsub>`);
      }
      mine.delete(node);
      return iqResult(c, el);
    }
    const webrtc = el.getChild('genesys-webrtc', 'genesys');
    if (webrtc && type === 'set') {
      let message: { method?: string; params?: Record<string, unknown> };
      try {
        message = JSON.parse(webrtc.getText()) as typeof message;
      } catch {
        return iqError(c, el, 'bad-request');
      }
      const params = message.params ?? {};
      const session = sessions.get(String(params.sessionId ?? ''));
      if (!session || bare(el.getAttribute('to') ?? '') !== bare(session.from)) return iqError(c, el, 'item-not-found');
      webrtcMethods.push({ sessionId: session.sessionId, method: message.method ?? '', params });
      iqResult(c, el);
      void onWebrtc(session, message.method ?? '', params);
      return;
    }
    unanswered.push(el.toString());
    iqError(c, el, 'service-unavailable');
  };

  const onWebrtc = async (session: ProposedSession, method: string, params: Record<string, unknown>) => {
    const peer = session.peer;
    if (method === 'answer' && typeof params.sdp === 'string') {
      session.answered = true;
      await peer?.answer(params.sdp);
      for (const l of answerListeners) l(session);
    } else if (method === 'iceCandidate' && typeof params.sdp === 'string' && peer) {
      // "m=<mid> 9 RTP/AVP 0\r\na=candidate:…", or "a=end-of-candidates"
      const mid = /^m=(\S+)/.exec(params.sdp)?.[1] ?? null;
      const line = /a=(candidate:[^\r\n]+)/.exec(params.sdp)?.[1];
      if (line) await peer.candidate(line, mid);
    } else if (method === 'terminate') {
      peer?.close();
      sessions.delete(session.sessionId);
    }
  };

  const onMessage = (c: Connection, el: XMLElement) => {
    const to = el.getAttribute('to') ?? '';
    const proceed = el.getChild('proceed', NS_JMI);
    const reject = el.getChild('reject', NS_JMI);
    const accept = el.getChild('accept', NS_JMI);
    const retract = el.getChild('retract', NS_JMI);
    const sessionId = (proceed ?? reject ?? accept ?? retract)?.getAttribute('id') ?? '';
    const session = sessions.get(sessionId);
    if (!session) {
      unanswered.push(el.toString());
      return;
    }
    const toSession = bare(to) === bare(session.from);
    const toSelf = bare(to) === c.owner.jabberId;
    // The user's own bare jid: the other clients of the user hear it (handledPendingSession there).
    if (toSelf) {
      for (const other of boundOf(c.owner.email)) if (other !== c) send(other, el.toString().replace(/<message\b/, `<message from="${escape(c.jid ?? '')}"`));
    }
    if (proceed && toSession) {
      proceeds.push(sessionId);
      void offer(c, session);
    } else if (reject && toSession) {
      rejects.push(sessionId);
      sessions.delete(sessionId);
    } else if (!toSelf) unanswered.push(el.toString());
  };

  const offer = async (c: Connection, session: ProposedSession) => {
    if (!opts.mediaPeer || session.peer) return;
    session.peer = opts.mediaPeer(session);
    const sdp = await session.peer.offer();
    await genesysWebrtc(c, session, 'offer', { sdp, sessionId: session.sessionId, conversationId: session.conversationId });
  };

  standIn.onStreamingUpgrade((req: IncomingMessage, socket: Duplex, head: Buffer, owner: GenesysStreamingOwner) => {
    const key = req.headers['sec-websocket-key'];
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (typeof key !== 'string' || !protocols.includes('xmpp')) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n`);
    const c: Connection = { id: ++nextId, socket, owner, authenticated: false, pending: new Map() };
    connections.add(c);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearInterval(c.serverPings);
      connections.delete(c);
      changed();
    });
    if (head.length) socket.unshift(head);
    readFrames(
      socket,
      (text) => {
        stanzas.push({ dir: 'in', connection: c.id, xml: text });
        let el: XMLElement;
        try {
          el = parse(text);
        } catch {
          unanswered.push(text);
          return;
        }
        onStanza(c, el);
      },
      false,
    );
  });

  return {
    bound: (email) => (email ? boundOf(email).length : [...connections].filter((c) => c.jid && !c.socket.destroyed).length),
    waitBound(email, count = 1, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (boundOf(email).length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`genesys streaming stand-in: ${email} not bound ${count}× within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    propose(email, p = {}) {
      const targets = boundOf(email);
      if (!targets.length) throw new Error(`genesys streaming stand-in: ${email} has no bound connection`);
      const conversationId = p.conversationId ?? randomUUID();
      const sessionId = randomUUID();
      const session: ProposedSession = { sessionId, conversationId, email, from: `${conversationId}@gjoll.${domain}/gjoll`, answered: false };
      sessions.set(sessionId, session);
      for (const c of targets) {
        send(
          c,
          `<message xmlns="jabber:client"${attrs({ from: session.from, to: c.jid, id: randomUUID() })}><propose xmlns="${NS_JMI}"${attrs({ id: sessionId, 'inin-cid': conversationId, 'inin-sdp-over-xmpp': 'true', 'inin-autoanswer': p.autoAnswer ? 'true' : undefined })}><description xmlns="urn:xmpp:jingle:apps:rtp:1" media="audio"/></propose></message>`,
        );
      }
      return session;
    },
    retract(sessionId) {
      const session = mustSession(sessionId);
      sessions.delete(sessionId);
      for (const c of boundOf(session.email)) send(c, `<message xmlns="jabber:client"${attrs({ from: session.from, to: c.jid })}><retract xmlns="${NS_JMI}"${attrs({ id: sessionId })}/></message>`);
    },
    answeredElsewhere(sessionId) {
      const session = mustSession(sessionId);
      sessions.delete(sessionId);
      const owner = boundOf(session.email)[0]?.owner.jabberId ?? '';
      for (const c of boundOf(session.email)) send(c, `<message xmlns="jabber:client"${attrs({ from: `${owner}/another-client`, to: c.jid })}><accept xmlns="${NS_JMI}"${attrs({ id: sessionId })}/></message>`);
    },
    terminate(sessionId) {
      const session = mustSession(sessionId);
      session.peer?.close();
      sessions.delete(sessionId);
      for (const c of boundOf(session.email)) void genesysWebrtc(c, session, 'terminate', { sessionId, reason: 'success' });
    },
    onAnswer(listener) {
      answerListeners.push(listener);
    },
    publish(email, topic, body) {
      for (const c of boundOf(email)) {
        if (!subscriptions.get(c.owner.email)?.has(topic)) continue;
        send(
          c,
          `<message xmlns="jabber:client"${attrs({ from: pubsubHost, to: c.jid })}><event xmlns="${NS_PUBSUB_EVENT}"><items${attrs({ node: topic })}><item${attrs({ id: randomUUID() })}><json xmlns="${NS_JSON}">${escape(JSON.stringify(body))}</json></item></items></event></message>`,
        );
      }
    },
    dropSockets() {
      for (const c of connections) c.socket.destroy();
    },
    sessions,
    proceeds,
    rejects,
    subscriptions,
    stanzas,
    unanswered,
    clientErrors,
    webrtcMethods,
    close() {
      for (const c of connections) c.socket.destroy();
      for (const s of sessions.values()) s.peer?.close();
    },
  };
}
