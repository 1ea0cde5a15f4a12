// A Genesys Cloud stand-in: one HTTPS server on 127.0.0.1 that answers, by Host header, as
// login.<region> (OAuth: Authorization Code with PKCE, and the confidential Code Authorization
// grant), api.<region> (the Platform API paths a click-to-call client uses) and
// streaming.<region> (the notifications WebSocket a channel's connectUri names). Chromium is
// pointed at it with --host-resolver-rules (hostResolverRules) and told to trust its
// certificate with --ignore-certificate-errors-spki-list (spkiHash); Node code uses dispatcher().
// stand-in.test.ts drives it with Genesys's own client, purecloud-platform-client-v2.
//
// Where the shapes come from:
// - Payload field names and types: the models purecloud-platform-client-v2 publishes
//   (index.d.ts: UserMe, UserStations, UserStation, CreateCallResponse, CallConversation,
//   CallMediaParticipant, CallConversationEntityListing, Channel, ChannelTopicEntityListing,
//   ErrorBody, TokenInfo, ConversationCallEventTopicCallConversation/-CallMediaParticipant,
//   SystemMessageSystemMessage); enum values from the same models in Genesys's Java SDK.
// - Topic -> model: the SDK repository's notificationMappings.json
//   ("v2.users.{id}.conversations.calls" -> ConversationCallEventTopicCallConversation,
//   "v2.system.socket_closing" -> SystemMessageSystemMessage).
// - Paths, HTTP verbs and permissions: the SDK's API docs (ConversationsApi.md, UsersApi.md,
//   NotificationsApi.md): e.g. POST /api/v2/conversations/calls "Requires ANY permissions:
//   conversation:conference:add", digits are POST /api/v2/conversations/{id}/participants/{id}/digits.
// - Error bodies: the Platform API's error catalog (bad.credentials "Invalid login credentials.",
//   authentication.required, missing.any.permissions, not.found, bad.request, too.many.requests)
//   and the OAuth server's {error, description, error_description} (the Go SDK's AuthErrorResponse).
// - Participant states: Genesys's WebRTC SDK (an outbound call's user participant goes
//   contacting -> dialing -> connected; an inbound one alerting -> connected; an ended call's
//   participant gets "disconnected" then "terminated" events back to back).
// - Refresh tokens: Genesys's announcement "OAuth: Support for Refresh Tokens" (2020): refresh
//   tokens come with a code exchange, but the refresh_token grant "requires client credentials,
//   and is therefore only usable by confidential clients (code authorization)". A PKCE client has
//   no secret: its token response carries no refresh_token (the SDKs' PKCE helpers keep none).
//
// Inferred, not found documented (change them here if a real capture says otherwise): the
// answered-elsewhere disconnectType ('system'); the external participant of a dial being
// 'dialing' until it answers; 400 bad.request for a refused number or a user without a
// station, and for subscribing to another user's topic; the socket_closing body
// ({channelId, message}) and the 1001 close after it; 404 for an unknown channel's WebSocket;
// the login page's markup, its error text and its "session" cookie; the CORS headers.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { Agent, buildConnector } from 'undici';
import { makeSelfSignedCert } from '../tls-cert';
import { encodeFrame, readFrames } from '../ws-frames';

export interface GenesysUserSpec {
  id?: string;
  email: string;
  password: string;
  name: string;
  /** has the permission POST /api/v2/conversations/calls requires (conversation:conference:add, per Genesys's API docs); default true */
  canCall?: boolean;
  /** a station (WebRTC or desk phone) is associated; default true */
  station?: boolean;
  /** the station's type: Genesys's WebRTC phone (the default) or a desk phone ('inin_remote') */
  stationType?: 'inin_webrtc_softphone' | 'inin_remote';
}

export interface GenesysClientSpec {
  clientId: string;
  redirectUris: string[];
  /**
   * Without a secret the client is a "PKCE-Enabled Code Authorization" (public) client: its
   * authorize requests must carry an S256 code_challenge and its tokens come without a refresh
   * token. With one it is a confidential "Code Authorization" client: the token endpoint wants
   * HTTP Basic client credentials, PKCE is optional, and refresh tokens are issued.
   */
  secret?: string;
}

export interface GenesysStandInOptions {
  /** default 'mypurecloud.com' */
  region?: string;
  /** seconds between "WebSocket Heartbeat" messages on each notifications socket; Genesys's is 30 (the default) */
  heartbeatS?: number;
  /** seconds between v2.system.socket_closing and the close itself on expireChannels(); Genesys gives about 60; default 1 */
  closingGraceS?: number;
}

export interface GenesysRequestRecord {
  method: string;
  host: string;
  path: string;
  query: string;
  /** API: a live bearer token; login: a live login session or a grant that succeeded; streaming: an existing channel */
  authorised: boolean;
  status: number;
}

export interface GenesysStandIn {
  region: string;
  port: number;
  /** https://login.<region>, https://api.<region> */
  loginOrigin: string;
  apiOrigin: string;
  certPem: string;
  certPath: string;
  /** base64 sha256 of the certificate's SPKI, for Chromium's --ignore-certificate-errors-spki-list */
  spkiHash: string;
  /** For Chromium: "MAP login.<region> 127.0.0.1:<port>, MAP api.<region> 127.0.0.1:<port>, MAP streaming.<region> 127.0.0.1:<port>" */
  hostResolverRules: string;
  /** An undici dispatcher for Node's fetch/WebSocket: connects the three names to the stand-in and trusts its certificate (and no other). */
  dispatcher(): Agent;
  addClient(c: GenesysClientSpec): void;
  addUser(u: GenesysUserSpec): { id: string };
  setCanCall(email: string, canCall: boolean): void;
  setStation(email: string, station: boolean): void;
  /** expires_in of new access tokens; default 86400 (an OAuth client's default token duration) */
  setTokenLifetime(seconds: number): void;
  /**
   * Every token of the user ends (access and refresh: API calls answer 401 bad.credentials), and
   * so do their login sessions unless keepLoginSession (then /oauth/authorize still redirects
   * at once with a new code, as after a password change it would not).
   */
  revoke(email: string, opts?: { keepLoginSession?: boolean }): void;
  /** POST /api/v2/conversations/calls for this number answers 400 (as for a number Genesys will not dial). */
  refuseNumber(number: string): void;
  /** Someone calls the user: a conversation appears and the user's channels get the alerting event. */
  incomingCall(email: string, from: { number: string; name?: string }): { conversationId: string };
  /** The far end of a call the user placed answers (connected event), or hangs up. */
  farEndAnswers(conversationId: string): void;
  farEndHangsUp(conversationId: string): void;
  /** Another device/agent answers an alerting call: the user's participant goes disconnected (answered elsewhere). */
  answeredElsewhere(conversationId: string): void;
  /** The user's station answered an alerting call (its WebRTC session's answer): the user's participant connects. */
  stationAnswers(conversationId: string): void;
  /** Told when a call is placed for a user (POST conversations/calls) and when a user's participants leave a call:
   * webrtc-station.ts links these to the user's WebRTC station on the streaming socket. */
  onCallEvent(listener: (event: GenesysCallEvent) => void): void;
  /** Closes every notifications WebSocket abruptly (as a network drop); the channels stay valid. */
  dropSockets(): void;
  /** Ends every channel: v2.system.socket_closing, then (closingGraceS later) the close; the channels are gone (HEAD 404). */
  expireChannels(): void;
  dials: { userId: string; body: Record<string, unknown> }[];
  participantRequests: { conversationId: string; participantId: string; method: string; path: string; body: unknown }[];
  /** Every message sent on any channel's socket, in order: topic events, heartbeats, pongs, socket_closing. */
  events: { channelId: string; topicName: string; eventBody: unknown }[];
  requests: GenesysRequestRecord[];
  /** Answer the next N requests to `pathPrefix` (any host) with 429 and Retry-After: seconds. */
  rateLimit(pathPrefix: string, times: number, retryAfterS: number): void;
  /**
   * Who may open the streaming (XMPP) socket of a channel created with connectionType=streaming
   * (`wss://streaming.<region>/stream/channels/<id>`): streaming-stand-in.ts attaches here.
   */
  /** An access token for the user, as if they had signed in (for tests of what comes after the sign-in). */
  tokenFor(email: string): string;
  onStreamingUpgrade(handler: (req: IncomingMessage, socket: Duplex, head: Buffer, owner: GenesysStreamingOwner) => void): void;
  close(): Promise<void>;
}

export interface GenesysCallEvent {
  type: 'dialled' | 'user-left';
  conversationId: string;
  email: string;
}

/** The user a streaming channel belongs to, and how to check the token the socket signs in with. */
export interface GenesysStreamingOwner {
  channelId: string;
  userId: string;
  name: string;
  email: string;
  /** users/me's chat.jabberId */
  jabberId: string;
  /** whether `token` is a live access token of this user */
  tokenIsLive(token: string): boolean;
}

// ---------------------------------------------------------------------------------------------

/** The permission the API docs list for POST /api/v2/conversations/calls ("Requires ANY permissions"). */
const DIAL_PERMISSION = 'conversation:conference:add';
/** Permissions a telephony user holds (those the docs list for the endpoints served here). */
const USER_PERMISSIONS = [
  'conversation:communication:disconnect',
  'conversation:communication:blindTransfer',
  'conversation:call:record',
  'conversation:participant:wrapup',
  'telephony:selfStationAssociation:view',
];
const DEFAULT_TOKEN_LIFETIME = 86_400;
const CODE_LIFETIME_S = 300;
const CHANNEL_LIFETIME_MS = 24 * 3600 * 1000;
const CHANNELS_PER_USER_AND_CLIENT = 20;
const ORGANIZATION = { id: '3c2a8e8a-5b9d-4b43-9f4e-0e1f7a0c6d21', name: 'Offhook Test Org' };
const HOME_DIVISION = { id: '5b1f0f4e-7f2a-4c1e-8a61-2c7d7a3f9e10', name: 'Home', selfUri: '/api/v2/authorization/divisions/5b1f0f4e-7f2a-4c1e-8a61-2c7d7a3f9e10' };

type ParticipantState = 'alerting' | 'dialing' | 'contacting' | 'connected' | 'disconnected' | 'terminated';

interface UserState {
  id: string;
  email: string;
  password: string;
  name: string;
  canCall: boolean;
  station: { id: string; name: string; associatedDate: string; type: string } | null;
}

interface ClientState {
  clientId: string;
  redirectUris: string[];
  secret?: string;
}

interface CodeState {
  clientId: string;
  redirectUri: string;
  userId: string;
  challenge: string | null;
  expiresAt: number;
}

interface TokenState {
  userId: string;
  clientId: string;
  expiresAt: number;
}

interface ChannelState {
  id: string;
  userId: string;
  clientId: string;
  topics: string[];
  sockets: Set<Duplex>;
  createdAt: number;
  lastUsedAt: number;
  expires: string;
  closing: boolean;
}

interface ParticipantRecord {
  id: string;
  purpose: 'user' | 'external';
  name?: string;
  address?: string;
  userId?: string;
  state: ParticipantState;
  initialState: ParticipantState;
  direction: 'inbound' | 'outbound';
  startTime: string;
  startAlertingTime?: string;
  connectedTime?: string;
  endTime?: string;
  startHoldTime?: string;
  disconnectType?: string;
  held: boolean;
  muted: boolean;
  confined: boolean;
  recording: boolean;
  ani?: string;
  dnis?: string;
}

interface ConversationRecord {
  id: string;
  participants: ParticipantRecord[];
}

interface Reply {
  status: number;
  body?: unknown;
  /** text/html or application/json (default when body is not a string) */
  type?: string;
  headers?: Record<string, string | string[]>;
}

class Answer extends Error {
  constructor(readonly reply: Reply) {
    super(`answer ${reply.status}`);
  }
}

const isoNow = () => new Date().toISOString();
const opaque = (bytes = 48) => randomBytes(bytes).toString('base64url');
const channelId = () => `streaming-0-${Array.from(randomBytes(26), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('')}`;
const ended = (p: ParticipantRecord) => p.state === 'disconnected' || p.state === 'terminated';
const telAddress = (number: string) => (/^(tel|sip):/.test(number) ? number : `tel:${number.replace(/[\s().-]/g, '')}`);

/** An ErrorBody as the Platform API sends it. */
function errorBody(status: number, code: string, message: string): { reply: Reply; contextId: string } {
  const contextId = randomUUID();
  return {
    contextId,
    reply: { status, body: { message, code, status, messageParams: {}, contextId, details: [], errors: [] }, headers: { 'ININ-Correlation-Id': contextId } },
  };
}
const apiError = (status: number, code: string, message: string) => new Answer(errorBody(status, code, message).reply);
const notFound = () => apiError(404, 'not.found', 'The requested resource was not found.');
const badRequest = (message = 'The request could not be understood by the server due to malformed syntax.') => apiError(400, 'bad.request', message);
const missingAny = (permissions: string[]) =>
  apiError(403, 'missing.any.permissions', `Unable to perform the requested action. You must have at least one of the following permissions assigned: [${permissions.join(', ')}]`);
/** An OAuth error as login.<region> sends it. */
const oauthError = (status: number, error: string, description: string) =>
  new Answer({ status, body: { error, description, error_description: description }, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } });

const htmlEscape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function loginPage(actionQuery: string, error?: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Genesys Cloud</title></head>
<body>
<main>
<h1>Genesys Cloud</h1>
<form method="post" action="/oauth/authorize?${htmlEscape(actionQuery)}">
${error ? `<p role="alert">${htmlEscape(error)}</p>\n` : ''}<p><label for="email">Email</label><br><input id="email" name="email" type="email" autocomplete="username" required></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Log In</button></p>
</form>
</main>
</body>
</html>
`;
}

function errorPage(message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Genesys Cloud</title></head>
<body><main><h1>Genesys Cloud</h1><p role="alert">${htmlEscape(message)}</p></main></body>
</html>
`;
}

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

/** The "expand" of a query, however a client spells a list: expand=a&expand=b, expand[]=a, expand=a,b. */
function expands(query: URLSearchParams): Set<string> {
  return new Set([...query.getAll('expand'), ...query.getAll('expand[]')].flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean));
}

// ---------------------------------------------------------------------------------------------

export async function startGenesysStandIn(opts: GenesysStandInOptions = {}): Promise<GenesysStandIn> {
  const region = opts.region ?? 'mypurecloud.com';
  const heartbeatMs = (opts.heartbeatS ?? 30) * 1000;
  const closingGraceMs = (opts.closingGraceS ?? 1) * 1000;
  const loginHost = `login.${region}`;
  const apiHost = `api.${region}`;
  const streamingHost = `streaming.${region}`;
  const cert = await makeSelfSignedCert({ commonName: apiHost, dnsNames: [loginHost, apiHost, streamingHost], prefix: 'genesys-stand-in-' });

  const clients = new Map<string, ClientState>();
  const users = new Map<string, UserState>();
  const loginSessions = new Map<string, string>(); // session id -> user id
  const codes = new Map<string, CodeState>();
  const tokens = new Map<string, TokenState>();
  const refreshTokens = new Map<string, { userId: string; clientId: string }>();
  const channels = new Map<string, ChannelState>();
  const conversations = new Map<string, ConversationRecord>();
  const refusedNumbers = new Set<string>();
  const rateLimits: { prefix: string; remaining: number; retryAfterS: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const allSockets = new Set<Duplex>();
  let tokenLifetime = DEFAULT_TOKEN_LIFETIME;
  let streamingUpgrade: Parameters<GenesysStandIn['onStreamingUpgrade']>[0] | undefined;
  const jabberIdOf = (u: UserState) => `${u.id.replace(/-/g, '')}@offhooktest.orgspan.com`;

  const dials: GenesysStandIn['dials'] = [];
  const participantRequests: GenesysStandIn['participantRequests'] = [];
  const events: GenesysStandIn['events'] = [];
  const requests: GenesysRequestRecord[] = [];

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const userByEmail = (email: string) => [...users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());
  const mustUser = (email: string): UserState => {
    const user = userByEmail(email);
    if (!user) throw new Error(`genesys stand-in: no user ${email}`);
    return user;
  };
  const mustConversation = (id: string): ConversationRecord => {
    const conversation = conversations.get(id);
    if (!conversation) throw new Error(`genesys stand-in: no conversation ${id}`);
    return conversation;
  };
  const liveToken = (req: IncomingMessage): TokenState | undefined => {
    const m = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const t = m?.[1] ? tokens.get(m[1]) : undefined;
    return t && Date.now() < t.expiresAt ? t : undefined;
  };

  // ------------------------------------------------------------------------------- payloads

  const userRef = (u: UserState) => ({ id: u.id, name: u.name, version: 1, selfUri: `/api/v2/users/${u.id}` });
  const userStations = (u: UserState) => {
    if (!u.station) return {};
    const station = {
      id: u.station.id,
      name: u.station.name,
      type: u.station.type,
      associatedUser: userRef(u),
      associatedDate: u.station.associatedDate,
      defaultUser: userRef(u),
      providerInfo: {},
      webRtcCallAppearances: 100,
    };
    return { associatedStation: station, effectiveStation: station, defaultStation: station, lastAssociatedStation: station };
  };
  const userMe = (u: UserState, expand: Set<string>) => ({
    id: u.id,
    name: u.name,
    division: HOME_DIVISION,
    chat: { jabberId: jabberIdOf(u) },
    email: u.email,
    primaryContactInfo: [{ address: u.email, mediaType: 'EMAIL', type: 'PRIMARY' }],
    addresses: [],
    state: 'active',
    username: u.email,
    images: [],
    version: 1,
    acdAutoAnswer: false,
    ...(expand.has('station') ? { station: userStations(u) } : {}),
    ...(expand.has('authorization')
      ? { authorization: { roles: [{ id: 'a8e2c6b4-1f3d-4e5a-9b7c-0d1e2f3a4b5c', name: 'employee' }], unusedRoles: [], permissions: [...(u.canCall ? [DIAL_PERMISSION] : []), ...USER_PERMISSIONS], permissionPolicies: [] } }
      : {}),
    selfUri: `/api/v2/users/${u.id}`,
  });

  /** CallMediaParticipant (REST). */
  const restParticipant = (p: ParticipantRecord) => ({
    id: p.id,
    name: p.name,
    address: p.address,
    startTime: p.startTime,
    startAlertingTime: p.startAlertingTime,
    connectedTime: p.connectedTime,
    endTime: p.endTime,
    startHoldTime: p.startHoldTime,
    purpose: p.purpose,
    state: p.state,
    direction: p.direction,
    disconnectType: p.disconnectType,
    held: p.held,
    wrapupRequired: false,
    user: p.userId ? { id: p.userId, selfUri: `/api/v2/users/${p.userId}` } : undefined,
    attributes: {},
    provider: 'Edge',
    muted: p.muted,
    confined: p.confined,
    recording: p.recording,
    recordingState: 'none',
    ani: p.ani,
    dnis: p.dnis,
    securePause: false,
  });
  /** ConversationCallEventTopicCallMediaParticipant (the v2.users.{id}.conversations.calls event). */
  const eventParticipant = (p: ParticipantRecord) => ({
    id: p.id,
    name: p.name,
    address: p.address,
    startTime: p.startTime,
    connectedTime: p.connectedTime,
    endTime: p.endTime,
    startHoldTime: p.startHoldTime,
    purpose: p.purpose,
    state: p.state,
    initialState: p.initialState,
    direction: p.direction,
    disconnectType: p.disconnectType,
    held: p.held,
    wrapupRequired: false,
    // ConversationCallEventTopicUriReference has id and name only.
    user: p.userId ? { id: p.userId, name: p.name } : undefined,
    attributes: {},
    provider: 'Edge',
    muted: p.muted,
    confined: p.confined,
    recording: p.recording,
    recordingState: 'none',
    ani: p.ani,
    dnis: p.dnis,
    securePause: false,
  });
  const restConversation = (c: ConversationRecord) => ({
    id: c.id,
    participants: c.participants.map(restParticipant),
    otherMediaUris: [],
    recordingState: 'none',
    securePause: false,
    selfUri: `/api/v2/conversations/calls/${c.id}`,
  });
  /** Conversation (GET /api/v2/conversations/{id}, any media): each participant's call as a Call of its own. */
  const genericConversation = (c: ConversationRecord) => ({
    id: c.id,
    startTime: c.participants[0]?.startTime,
    participants: c.participants.map((p) => ({
      id: p.id,
      startTime: p.startTime,
      endTime: p.endTime,
      connectedTime: p.connectedTime,
      name: p.name,
      userId: p.userId,
      userUri: p.userId ? `/api/v2/users/${p.userId}` : undefined,
      purpose: p.purpose,
      address: p.address,
      ani: p.ani,
      dnis: p.dnis,
      wrapupRequired: false,
      attributes: {},
      calls: [
        {
          id: `${p.id}-call`,
          state: p.state,
          initialState: p.initialState,
          direction: p.direction,
          recording: p.recording,
          recordingState: 'none',
          muted: p.muted,
          confined: p.confined,
          held: p.held,
          disconnectType: p.disconnectType,
          startHoldTime: p.startHoldTime,
          startAlertingTime: p.startAlertingTime,
          connectedTime: p.connectedTime,
          disconnectedTime: p.endTime,
          provider: 'Edge',
        },
      ],
    })),
    recordingState: 'none',
    divisions: [],
    selfUri: `/api/v2/conversations/${c.id}`,
  });
  const eventConversation = (c: ConversationRecord) => JSON.parse(JSON.stringify({ id: c.id, participants: c.participants.map(eventParticipant), otherMediaUris: [], recordingState: 'none', securePause: false })) as unknown;

  // ------------------------------------------------------------------------------- notifications

  const outbox: (() => void)[] = [];
  let flushing = false;
  const deliver = (fn: () => void) => {
    outbox.push(fn);
    if (flushing) return;
    flushing = true;
    setImmediate(() => {
      flushing = false;
      for (const f of outbox.splice(0)) f();
    });
  };
  /** One message to every socket of the channel (or only to `only`); recorded once when any socket took it. */
  const sendOn = (channel: ChannelState, message: { topicName: string; eventBody: unknown; [k: string]: unknown }, only?: Duplex): void => {
    const live = [...channel.sockets].filter((s) => !s.destroyed && s.writable && (!only || s === only));
    if (live.length === 0) return;
    const frame = encodeFrame(0x1, Buffer.from(JSON.stringify(message)), false);
    for (const s of live) s.write(frame);
    events.push({ channelId: channel.id, topicName: message.topicName, eventBody: message.eventBody });
  };
  /** A topic event to every channel subscribed to the topic, in order with every other (snapshot now, send on the next turn). */
  const publish = (topicName: string, eventBody: unknown) => {
    const message = { topicName, version: '2', eventBody, metadata: { CorrelationId: randomUUID() } };
    deliver(() => {
      for (const channel of channels.values()) if (channel.topics.includes(topicName)) sendOn(channel, message);
    });
  };
  const callListeners: ((event: GenesysCallEvent) => void)[] = [];
  const callEvent = (type: GenesysCallEvent['type'], c: ConversationRecord, userIds: string[]) => {
    for (const id of new Set(userIds)) {
      const email = [...users.values()].find((u) => u.id === id)?.email;
      if (email) for (const l of callListeners) l({ type, conversationId: c.id, email });
    }
  };
  const publishConversation = (c: ConversationRecord) => {
    const body = eventConversation(c);
    const userIds = new Set(c.participants.filter((p) => p.purpose === 'user' && p.userId).map((p) => p.userId as string));
    for (const id of userIds) publish(`v2.users.${id}.conversations.calls`, body);
  };
  /** The user's participants leave: "disconnected" (with the reason) in one event, then "terminated" in the next. */
  const endUserParticipants = (c: ConversationRecord, disconnectType: string, also?: () => void) => {
    const now = isoNow();
    const leaving = c.participants.filter((p) => p.purpose === 'user' && !ended(p));
    for (const p of leaving) {
      p.state = 'disconnected';
      p.disconnectType = disconnectType;
      p.endTime = now;
      p.held = false;
      p.startHoldTime = undefined;
    }
    also?.();
    publishConversation(c);
    for (const p of leaving) p.state = 'terminated';
    if (leaving.length) publishConversation(c);
    callEvent('user-left', c, leaving.map((p) => p.userId ?? ''));
  };
  const endExternal = (c: ConversationRecord, disconnectType: string) => {
    const now = isoNow();
    for (const p of c.participants) {
      if (p.purpose !== 'external' || ended(p)) continue;
      p.state = 'disconnected';
      p.disconnectType = disconnectType;
      p.endTime = now;
    }
  };

  const closeSocket = (s: Duplex, code: number, reason: string) => {
    if (s.destroyed) return;
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    s.end(encodeFrame(0x8, payload, false));
    later(1000, () => s.destroy());
  };
  const removeChannel = (channel: ChannelState, code: number, reason: string) => {
    channels.delete(channel.id);
    for (const s of channel.sockets) closeSocket(s, code, reason);
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    allSockets.add(socket);
    socket.on('close', () => allSockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${streamingHost}`);
    const streaming = /^\/stream\/channels\/([^/]+)$/.exec(url.pathname);
    if (streaming?.[1] && host === streamingHost && streamingUpgrade) {
      const owned = channels.get(streaming[1]);
      const user = owned && users.get(owned.userId);
      requests.push({ method: req.method ?? 'GET', host, path: url.pathname, query: '', authorised: user !== undefined, status: user ? 101 : 404 });
      if (!owned || !user) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      owned.lastUsedAt = Date.now();
      streamingUpgrade(req, socket, head, {
        channelId: owned.id,
        userId: user.id,
        name: user.name,
        email: user.email,
        jabberId: jabberIdOf(user),
        tokenIsLive: (t) => {
          const state = tokens.get(t);
          return state !== undefined && state.userId === user.id && Date.now() < state.expiresAt;
        },
      });
      return;
    }
    const m = /^\/channels\/([^/]+)$/.exec(url.pathname);
    const channel = host === streamingHost && m?.[1] ? channels.get(m[1]) : undefined;
    const key = req.headers['sec-websocket-key'];
    const record = (status: number) => requests.push({ method: req.method ?? 'GET', host, path: url.pathname, query: url.search.replace(/^\?/, ''), authorised: channel !== undefined, status });
    if (!channel || channel.closing || typeof key !== 'string') {
      record(404);
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    record(101);
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    channel.sockets.add(socket);
    channel.lastUsedAt = Date.now();
    const heartbeat = setInterval(() => {
      const current = channels.get(channel.id);
      if (current) sendOn(current, { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }, socket);
    }, heartbeatMs);
    socket.on('close', () => {
      clearInterval(heartbeat);
      channel.sockets.delete(socket);
    });
    if (head.length) socket.unshift(head);
    readFrames(
      socket,
      (text) => {
        let message: unknown;
        try {
          message = JSON.parse(text);
        } catch {
          return;
        }
        if (message && typeof message === 'object' && (message as { message?: unknown }).message === 'ping') {
          sendOn(channel, { topicName: 'channel.metadata', eventBody: { message: 'pong' } }, socket);
        }
      },
      false,
    );
  };

  // ------------------------------------------------------------------------------- login.<region>

  const issueTokens = (userId: string, client: ClientState) => {
    const accessToken = opaque();
    tokens.set(accessToken, { userId, clientId: client.clientId, expiresAt: Date.now() + tokenLifetime * 1000 });
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', expires_in: tokenLifetime };
    if (client.secret !== undefined) {
      const refreshToken = opaque();
      refreshTokens.set(refreshToken, { userId, clientId: client.clientId });
      body.refresh_token = refreshToken;
    }
    return body;
  };

  const login = (req: IncomingMessage, url: URL, rawBody: Buffer, setAuthorised: () => void): Reply => {
    if (url.pathname === '/oauth/authorize' && (req.method === 'GET' || req.method === 'POST')) {
      const q = url.searchParams;
      const client = clients.get(q.get('client_id') ?? '');
      const redirectUri = q.get('redirect_uri') ?? '';
      // RFC 6749 4.1.2.1: with an unknown client or a redirect URI not registered the user is told, not redirected.
      if (!client) return { status: 400, type: 'text/html', body: errorPage('The client_id is not valid.') };
      if (!client.redirectUris.includes(redirectUri)) return { status: 400, type: 'text/html', body: errorPage('The redirect_uri is not registered for this client.') };
      const back = (params: Record<string, string>): Reply => {
        const target = new URL(redirectUri);
        for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
        const state = q.get('state');
        if (state !== null) target.searchParams.set('state', state);
        return { status: 302, headers: { Location: target.toString() } };
      };
      if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'response_type must be code' });
      const challenge = q.get('code_challenge');
      if (client.secret === undefined && !challenge) return back({ error: 'invalid_request', error_description: 'code_challenge is required' });
      if (challenge && q.get('code_challenge_method') !== 'S256') return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
      const grant = (userId: string, extra: Record<string, string | string[]> = {}): Reply => {
        const code = opaque(32);
        codes.set(code, { clientId: client.clientId, redirectUri, userId, challenge, expiresAt: Date.now() + CODE_LIFETIME_S * 1000 });
        setAuthorised();
        const reply = back({ code });
        return { ...reply, headers: { ...reply.headers, ...extra } };
      };
      if (req.method === 'GET') {
        const sessionUser = loginSessions.get(cookies(req).get('session') ?? '');
        if (sessionUser && users.has(sessionUser) && q.get('prompt') !== 'login') return grant(sessionUser);
        return { status: 200, type: 'text/html', body: loginPage(url.search.replace(/^\?/, '')) };
      }
      const form = new URLSearchParams(rawBody.toString('utf8'));
      const user = userByEmail(form.get('email') ?? '');
      if (!user || user.password !== form.get('password')) {
        return { status: 200, type: 'text/html', body: loginPage(url.search.replace(/^\?/, ''), 'The email or password you entered is incorrect.') };
      }
      const session = opaque(24);
      loginSessions.set(session, user.id);
      return grant(user.id, { 'Set-Cookie': `session=${session}; Path=/; Secure; HttpOnly; SameSite=None` });
    }

    if (url.pathname === '/oauth/token' && req.method === 'POST') {
      const form = new URLSearchParams(rawBody.toString('utf8'));
      const basic = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      let clientId = form.get('client_id') ?? '';
      let secret: string | undefined = form.get('client_secret') ?? undefined;
      if (basic?.[1]) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const i = decoded.indexOf(':');
        clientId = decodeURIComponent(i < 0 ? decoded : decoded.slice(0, i));
        secret = i < 0 ? '' : decodeURIComponent(decoded.slice(i + 1));
      }
      const client = clients.get(clientId);
      if (!client) throw oauthError(401, 'invalid_client', 'client not found');
      const grantType = form.get('grant_type');
      if (client.secret !== undefined && secret !== client.secret) throw oauthError(401, 'invalid_client', 'client authentication failed');
      if (grantType === 'authorization_code') {
        const code = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!code || code.expiresAt < Date.now() || code.clientId !== client.clientId) throw oauthError(400, 'invalid_grant', 'authorization code is invalid or expired');
        if (form.get('redirect_uri') !== code.redirectUri) throw oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
        if (code.challenge !== null) {
          const verifier = form.get('code_verifier') ?? '';
          if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw oauthError(400, 'invalid_grant', 'code_verifier is missing or malformed');
          if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) throw oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
        }
        if (!users.has(code.userId)) throw oauthError(400, 'invalid_grant', 'authorization code is invalid or expired');
        setAuthorised();
        return { status: 200, body: issueTokens(code.userId, client), headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } };
      }
      if (grantType === 'refresh_token') {
        // "The refresh token grant type requires client credentials": a public (PKCE) client has none.
        if (client.secret === undefined) throw oauthError(401, 'invalid_client', 'client authentication is required for the refresh_token grant');
        const refresh = refreshTokens.get(form.get('refresh_token') ?? '');
        if (!refresh || refresh.clientId !== client.clientId || !users.has(refresh.userId)) throw oauthError(400, 'invalid_grant', 'refresh token is invalid or revoked');
        const accessToken = opaque();
        tokens.set(accessToken, { userId: refresh.userId, clientId: client.clientId, expiresAt: Date.now() + tokenLifetime * 1000 });
        setAuthorised();
        return {
          status: 200,
          body: { access_token: accessToken, token_type: 'bearer', expires_in: tokenLifetime, refresh_token: form.get('refresh_token') },
          headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
        };
      }
      throw oauthError(400, 'unsupported_grant_type', `grant_type ${grantType ?? '(none)'} is not supported`);
    }
    return { status: 404, type: 'text/html', body: errorPage('Not Found') };
  };

  // ------------------------------------------------------------------------------- api.<region>

  const jsonBody = (raw: Buffer): unknown => {
    if (raw.length === 0) return undefined;
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw badRequest();
    }
  };
  const participantOf = (c: ConversationRecord, userId: string) => c.participants.some((p) => p.userId === userId);

  const api = (req: IncomingMessage, url: URL, rawBody: Buffer): Reply => {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const q = url.searchParams;
    const token = liveToken(req);
    if (!token) {
      if (!req.headers.authorization) throw apiError(401, 'authentication.required', 'No authentication bearer token specified in authorization header.');
      throw apiError(401, 'bad.credentials', 'Invalid login credentials.');
    }
    const user = users.get(token.userId);
    if (!user) throw apiError(401, 'bad.credentials', 'Invalid login credentials.');
    let m: RegExpExecArray | null;

    if (path === '/api/v2/users/me' && method === 'GET') return { status: 200, body: userMe(user, expands(q)) };
    if (path === '/api/v2/users/stations/me' && method === 'GET') return { status: 200, body: userStations(user) };
    // What Genesys's WebRTC SDK reads as it starts (its client.ts: fetchOrganization, fetchUsersStation),
    // and where its logger uploads (genesys-cloud-client-logger: POST diagnostics/trace).
    if (path === '/api/v2/organizations/me' && method === 'GET') return { status: 200, body: { ...ORGANIZATION, thirdPartyOrgName: 'offhooktest', domain: 'offhooktest', state: 'active', selfUri: `/api/v2/organizations/${ORGANIZATION.id}` } };
    if ((m = /^\/api\/v2\/stations\/([^/]+)$/.exec(path)) && method === 'GET') {
      if (!user.station || m[1] !== user.station.id) throw notFound();
      return {
        status: 200,
        body: { id: user.station.id, name: user.station.name, status: 'ASSOCIATED', userId: user.id, type: user.station.type, webRtcPersistentEnabled: false, webRtcForceTurn: false, webRtcCallAppearances: 1, selfUri: `/api/v2/stations/${user.station.id}` },
      };
    }
    if (path === '/api/v2/diagnostics/trace' && method === 'POST') return { status: 202 };
    if ((m = /^\/api\/v2\/users\/([^/]+)\/station$/.exec(path)) && method === 'GET') {
      if (m[1] !== user.id) throw missingAny(['telephony:otherStationAssociation:view']);
      return { status: 200, body: userStations(user) };
    }
    if (path === '/api/v2/tokens/me' && method === 'GET') {
      return { status: 200, body: { organization: ORGANIZATION, homeOrganization: ORGANIZATION, authorizedScope: [] } };
    }
    if (path === '/api/v2/tokens/me' && method === 'DELETE') {
      for (const [t, s] of tokens) if (s === token) tokens.delete(t);
      return { status: 204 };
    }

    // Conversations
    if (path === '/api/v2/conversations/calls' && method === 'POST') {
      const body = jsonBody(rawBody);
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest();
      dials.push({ userId: user.id, body: body as Record<string, unknown> });
      if (!user.canCall) throw missingAny([DIAL_PERMISSION]);
      const phoneNumber = (body as { phoneNumber?: unknown }).phoneNumber;
      if (typeof phoneNumber !== 'string' || phoneNumber.trim() === '') throw badRequest('A phoneNumber, callUserId, callQueueId, participants or conversationIds is required to create a call.');
      const digits = phoneNumber.replace(/^(tel|sip):/, '');
      if (refusedNumbers.has(phoneNumber) || refusedNumbers.has(digits) || !/^\+?[0-9][0-9\s().-]*$/.test(digits)) {
        throw badRequest(`The phone number [${phoneNumber}] is not valid.`);
      }
      if (!user.station) throw badRequest('The user has no station associated to place the call from.');
      const now = isoNow();
      const me: ParticipantRecord = {
        id: randomUUID(),
        purpose: 'user',
        name: user.name,
        userId: user.id,
        state: 'contacting',
        initialState: 'contacting',
        direction: 'outbound',
        startTime: now,
        held: false,
        muted: false,
        confined: false,
        recording: false,
        dnis: telAddress(phoneNumber),
      };
      const conversation: ConversationRecord = { id: randomUUID(), participants: [me] };
      conversations.set(conversation.id, conversation);
      // Genesys first reaches the user's station (contacting), then dials out (dialing).
      publishConversation(conversation);
      me.state = 'dialing';
      conversation.participants.push({
        id: randomUUID(),
        purpose: 'external',
        address: telAddress(phoneNumber),
        state: 'dialing',
        initialState: 'dialing',
        direction: 'outbound',
        startTime: now,
        held: false,
        muted: false,
        confined: false,
        recording: false,
        dnis: telAddress(phoneNumber),
      });
      publishConversation(conversation);
      callEvent('dialled', conversation, [user.id]);
      return { status: 200, body: { id: conversation.id, selfUri: `/api/v2/conversations/calls/${conversation.id}` } };
    }
    if (path === '/api/v2/conversations/calls' && method === 'GET') {
      const entities = [...conversations.values()].filter((c) => c.participants.some((p) => p.userId === user.id && !ended(p))).map(restConversation);
      const self = '/api/v2/conversations/calls?pageSize=25&pageNumber=1';
      return { status: 200, body: { entities, pageSize: 25, pageNumber: 1, total: entities.length, firstUri: self, selfUri: self, lastUri: self, pageCount: 1 } };
    }
    if ((m = /^\/api\/v2\/conversations\/calls\/([^/]+)$/.exec(path)) && method === 'GET') {
      const c = conversations.get(m[1] ?? '');
      if (!c || !participantOf(c, user.id)) throw notFound();
      return { status: 200, body: restConversation(c) };
    }
    if ((m = /^\/api\/v2\/conversations\/([^/]+)$/.exec(path)) && method === 'GET' && m[1] !== 'calls') {
      const c = conversations.get(m[1] ?? '');
      if (!c || !participantOf(c, user.id)) throw notFound();
      return { status: 200, body: genericConversation(c) };
    }
    if ((m = /^\/api\/v2\/conversations\/(?:calls\/)?([^/]+)\/participants\/([^/]+)(\/replace|\/digits)?$/.exec(path))) {
      const [, conversationId = '', participantId = '', action = ''] = m;
      const isCalls = path.startsWith('/api/v2/conversations/calls/');
      const known = (isCalls && ((action === '' && method === 'PATCH') || (action === '/replace' && method === 'POST'))) || (!isCalls && action === '/digits' && method === 'POST');
      if (!known) throw notFound();
      const body = jsonBody(rawBody);
      participantRequests.push({ conversationId, participantId, method, path, body });
      const c = conversations.get(conversationId);
      const p = c?.participants.find((x) => x.id === participantId);
      if (!c || !p || !participantOf(c, user.id)) throw notFound();
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) throw badRequest();
      const b = (body ?? {}) as Record<string, unknown>;
      if (action === '/digits') {
        if (typeof b.digits !== 'string' || !/^[0-9A-D*#,w]+$/i.test(b.digits)) throw badRequest('digits must be a string of DTMF characters.');
        if (p.state !== 'connected') throw badRequest('The participant is in a state which does not permit this action.');
        return { status: 202 };
      }
      if (action === '/replace' && b.voicemail === true) {
        // TransferRequest.voicemail: "transfer to the voicemail inbox of the participant that is
        // being replaced" (the WebRTC SDK's rejectPendingSession for a user's own call). The caller
        // stays, now leaving a message; the models' participant purposes have no voicemail, so
        // the mailbox is not shown as one.
        if (ended(p) || p.purpose !== 'user') throw badRequest('The participant is in a state which does not permit this action.');
        endUserParticipants(c, 'transfer');
        return { status: 202 };
      }
      if (action === '/replace') {
        const target = [b.address, b.userId, b.userName, b.queueId].find((v) => typeof v === 'string' && v !== '') as string | undefined;
        if (!target) throw badRequest('A userId, userName, queueId or address is required to replace the participant.');
        if (ended(p)) throw badRequest('The participant is in a state which does not permit this action.');
        const other = typeof b.userId === 'string' ? users.get(b.userId) : undefined;
        const now = isoNow();
        endUserParticipants(c, 'transfer', () => {
          c.participants.push({
            id: randomUUID(),
            purpose: other ? 'user' : 'external',
            name: other?.name,
            userId: other?.id,
            address: other ? undefined : telAddress(target),
            state: 'dialing',
            initialState: 'dialing',
            direction: 'outbound',
            startTime: now,
            held: false,
            muted: false,
            confined: false,
            recording: false,
          });
        });
        return { status: 202 };
      }
      // PATCH: MediaParticipantRequest
      let changed = false;
      if (b.state !== undefined) {
        if (b.state === 'connected') {
          if (p.state === 'alerting') {
            p.state = 'connected';
            p.connectedTime = isoNow();
            changed = true;
          } else if (p.state !== 'connected') throw badRequest('The participant is in a state which does not permit this action.');
        } else if (b.state === 'disconnected') {
          if (!ended(p)) {
            if (p.purpose === 'user') endUserParticipants(c, 'client', () => endExternal(c, 'peer'));
            else {
              endExternal(c, 'client');
              endUserParticipants(c, 'peer');
            }
          }
        } else throw badRequest(`Value [${String(b.state)}] is not valid for field type [state]. Allowable values are: connected, disconnected`);
      }
      for (const flag of ['muted', 'held', 'confined', 'recording'] as const) {
        if (b[flag] === undefined) continue;
        if (typeof b[flag] !== 'boolean') throw badRequest();
        if (ended(p) || p[flag] === b[flag]) continue;
        p[flag] = b[flag];
        if (flag === 'held') p.startHoldTime = b[flag] ? isoNow() : undefined;
        changed = true;
      }
      if (changed) publishConversation(c);
      return { status: 202 };
    }

    // Notifications
    if (path === '/api/v2/notifications/channels' && method === 'POST') {
      const mine = [...channels.values()].filter((ch) => ch.userId === user.id && ch.clientId === token.clientId);
      if (mine.length >= CHANNELS_PER_USER_AND_CLIENT) {
        // "Creating a 21st channel will remove the channel with oldest last used date. Channels without an active connection will be removed first."
        const victim = mine.sort((a, b) => Number(a.sockets.size > 0) - Number(b.sockets.size > 0) || a.lastUsedAt - b.lastUsedAt)[0];
        if (victim) removeChannel(victim, 1000, 'channel removed');
      }
      const now = Date.now();
      const id = channelId();
      const channel: ChannelState = { id, userId: user.id, clientId: token.clientId, topics: [], sockets: new Set(), createdAt: now, lastUsedAt: now, expires: new Date(now + CHANNEL_LIFETIME_MS).toISOString(), closing: false };
      channels.set(id, channel);
      return { status: 200, body: { connectUri: `wss://${streamingHost}/channels/${id}`, id, expires: channel.expires } };
    }
    if (path === '/api/v2/notifications/channels' && method === 'GET') {
      const entities = [...channels.values()].filter((ch) => ch.userId === user.id && (q.get('includechannels') === 'oauthclient' || ch.clientId === token.clientId));
      return { status: 200, body: { entities: entities.map((ch) => ({ connectUri: `wss://${streamingHost}/channels/${ch.id}`, id: ch.id, expires: ch.expires })) } };
    }
    if ((m = /^\/api\/v2\/notifications\/channels\/([^/]+)(\/subscriptions)?$/.exec(path))) {
      const channel = channels.get(m[1] ?? '');
      const owned = channel && channel.userId === user.id ? channel : undefined;
      if (!m[2]) {
        if (method !== 'HEAD') throw notFound();
        return { status: owned ? 200 : 404 };
      }
      if (!owned) throw notFound();
      const listing = () => ({ entities: owned.topics.map((id) => ({ id, state: 'Permitted' })) });
      if (method === 'GET') return { status: 200, body: listing() };
      if (method === 'DELETE') {
        owned.topics = [];
        return { status: 204 };
      }
      if (method !== 'PUT' && method !== 'POST') throw notFound();
      const body = jsonBody(rawBody);
      if (!Array.isArray(body) || body.some((t) => !t || typeof t !== 'object' || typeof (t as { id?: unknown }).id !== 'string')) throw badRequest();
      const ids = (body as { id: string }[]).map((t) => t.id);
      // A user may subscribe to their own user topics; another user's are refused.
      // Combined topics ("v2.users.<id>?station&presence", as the streaming client sends them) the same.
      const permitted = (id: string) => id.startsWith(`v2.users.${user.id}.`) || id.startsWith(`v2.users.${user.id}?`);
      const rejected = ids.filter((id) => !permitted(id));
      const ignoreErrors = q.get('ignoreErrors') === 'true';
      if (rejected.length && !ignoreErrors) throw badRequest(`Unable to subscribe to topic(s): [${rejected.join(', ')}]`);
      const accepted = ids.filter(permitted);
      owned.topics = method === 'PUT' ? [...new Set(accepted)] : [...new Set([...owned.topics, ...accepted])];
      owned.lastUsedAt = Date.now();
      return {
        status: 200,
        body: { entities: [...owned.topics.map((id) => ({ id, state: 'Permitted' })), ...rejected.map((id) => ({ id, state: 'Rejected', rejectionReason: 'Missing permissions' }))] },
      };
    }
    throw notFound();
  };

  // ------------------------------------------------------------------------------- HTTP

  const corsFor = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    if (!origin) return {};
    return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': 'ININ-Correlation-Id, Retry-After', Vary: 'Origin' };
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const url = new URL(req.url ?? '/', `https://${host || apiHost}`);
      const method = req.method ?? 'GET';
      let authorised = host === apiHost ? liveToken(req) !== undefined : host === loginHost ? loginSessions.has(cookies(req).get('session') ?? '') : false;
      let reply: Reply;
      try {
        if (method === 'OPTIONS' && (host === apiHost || host === loginHost)) {
          reply = {
            status: 200,
            headers: {
              'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
              'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type',
              'Access-Control-Max-Age': '3600',
            },
          };
        } else {
          const limit = rateLimits.find((r) => r.remaining > 0 && url.pathname.startsWith(r.prefix));
          if (limit) {
            limit.remaining--;
            const e = errorBody(429, 'too.many.requests', 'Rate limit exceeded the maximum [300] requests within [60] seconds');
            reply = { ...e.reply, headers: { ...e.reply.headers, 'Retry-After': String(limit.retryAfterS) } };
          } else if (host === apiHost) reply = api(req, url, Buffer.concat(chunks));
          else if (host === loginHost) reply = login(req, url, Buffer.concat(chunks), () => (authorised = true));
          else reply = { status: 404, type: 'text/plain', body: 'Not Found' };
        }
      } catch (error) {
        reply = error instanceof Answer ? error.reply : errorBody(500, 'internal.server.error', `The server encountered an unexpected condition which prevented it from fulfilling the request. (${(error as Error).message})`).reply;
      }
      const headers: Record<string, string | string[]> = { ...corsFor(req), ...reply.headers };
      let payload: Buffer | undefined;
      if (reply.body !== undefined) {
        const isText = typeof reply.body === 'string';
        payload = Buffer.from(isText ? (reply.body as string) : JSON.stringify(reply.body));
        headers['Content-Type'] = `${reply.type ?? (isText ? 'text/plain' : 'application/json')}; charset=UTF-8`;
      }
      headers['Content-Length'] = String(payload?.length ?? 0);
      res.writeHead(reply.status, headers);
      res.end(method === 'HEAD' ? undefined : payload);
      requests.push({ method, host, path: url.pathname, query: url.search.replace(/^\?/, ''), authorised, status: reply.status });
    });
  };

  const server = https.createServer({ key: cert.key, cert: cert.certPem }, onRequest);
  server.on('upgrade', onUpgrade);
  server.on('tlsClientError', () => undefined);
  server.on('connection', (s) => {
    allSockets.add(s);
    s.on('close', () => allSockets.delete(s));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await cert.remove();
    throw error;
  }
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('genesys stand-in has no address');
  const port = address.port;
  const names = new Set([loginHost, apiHost, streamingHost]);

  const newUserState = (spec: GenesysUserSpec, id: string): UserState => ({
    id,
    email: spec.email,
    password: spec.password,
    name: spec.name,
    canCall: spec.canCall ?? true,
    station:
      spec.station === false
        ? null
        : { id: randomUUID(), name: `${spec.stationType === 'inin_remote' ? 'Desk' : 'WebRTC'} - ${spec.name}`, associatedDate: isoNow(), type: spec.stationType ?? 'inin_webrtc_softphone' },
  });

  let closing: Promise<void> | undefined;
  return {
    region,
    port,
    loginOrigin: `https://${loginHost}`,
    apiOrigin: `https://${apiHost}`,
    certPem: cert.certPem,
    certPath: cert.certPath,
    spkiHash: cert.spkiHash,
    hostResolverRules: [loginHost, apiHost, streamingHost].map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', '),
    dials,
    participantRequests,
    events,
    requests,
    dispatcher() {
      const connect = buildConnector({ ca: cert.certPem });
      return new Agent({
        connect: (o, cb) => (names.has(o.hostname) ? connect({ ...o, hostname: '127.0.0.1', host: `127.0.0.1:${port}`, port: String(port), servername: o.hostname }, cb) : connect(o, cb)),
      });
    },
    addClient(c) {
      clients.set(c.clientId, { clientId: c.clientId, redirectUris: [...c.redirectUris], secret: c.secret });
    },
    addUser(spec) {
      const id = spec.id ?? randomUUID();
      if (users.has(id)) throw new Error(`genesys stand-in: user ${id} exists`);
      if (userByEmail(spec.email)) throw new Error(`genesys stand-in: email ${spec.email} exists`);
      users.set(id, newUserState(spec, id));
      return { id };
    },
    setCanCall(email, canCall) {
      mustUser(email).canCall = canCall;
    },
    setStation(email, station) {
      const user = mustUser(email);
      if (!station) user.station = null;
      else user.station ??= { id: randomUUID(), name: `WebRTC - ${user.name}`, associatedDate: isoNow(), type: 'inin_webrtc_softphone' };
    },
    setTokenLifetime(seconds) {
      tokenLifetime = seconds;
    },
    revoke(email, o) {
      const user = mustUser(email);
      for (const [t, s] of tokens) if (s.userId === user.id) tokens.delete(t);
      for (const [t, s] of refreshTokens) if (s.userId === user.id) refreshTokens.delete(t);
      for (const [c, s] of codes) if (s.userId === user.id) codes.delete(c);
      if (!o?.keepLoginSession) for (const [s, id] of loginSessions) if (id === user.id) loginSessions.delete(s);
    },
    refuseNumber(number) {
      refusedNumbers.add(number);
    },
    incomingCall(email, from) {
      const user = mustUser(email);
      const now = isoNow();
      const address = telAddress(from.number);
      const conversation: ConversationRecord = {
        id: randomUUID(),
        participants: [
          { id: randomUUID(), purpose: 'external', name: from.name, address, state: 'connected', initialState: 'connected', direction: 'inbound', startTime: now, connectedTime: now, held: false, muted: false, confined: false, recording: false, ani: address },
          { id: randomUUID(), purpose: 'user', name: user.name, userId: user.id, state: 'alerting', initialState: 'alerting', direction: 'inbound', startTime: now, startAlertingTime: now, held: false, muted: false, confined: false, recording: false, ani: address },
        ],
      };
      conversations.set(conversation.id, conversation);
      publishConversation(conversation);
      return { conversationId: conversation.id };
    },
    farEndAnswers(conversationId) {
      const c = mustConversation(conversationId);
      const now = isoNow();
      let changed = false;
      for (const p of c.participants) {
        if (p.direction !== 'outbound' || (p.state !== 'dialing' && p.state !== 'contacting')) continue;
        p.state = 'connected';
        p.connectedTime = now;
        changed = true;
      }
      if (!changed) throw new Error(`genesys stand-in: conversation ${conversationId} is not dialing out`);
      publishConversation(c);
    },
    farEndHangsUp(conversationId) {
      const c = mustConversation(conversationId);
      endUserParticipants(c, 'peer', () => endExternal(c, 'endpoint'));
    },
    answeredElsewhere(conversationId) {
      const c = mustConversation(conversationId);
      if (!c.participants.some((p) => p.purpose === 'user' && p.state === 'alerting')) throw new Error(`genesys stand-in: conversation ${conversationId} is not alerting`);
      const now = isoNow();
      const leaving = c.participants.filter((p) => p.purpose === 'user' && p.state === 'alerting');
      for (const p of leaving) {
        p.state = 'disconnected';
        p.disconnectType = 'system';
        p.endTime = now;
      }
      c.participants.push({ id: randomUUID(), purpose: 'user', name: 'Another User', userId: randomUUID(), state: 'connected', initialState: 'alerting', direction: 'inbound', startTime: now, connectedTime: now, held: false, muted: false, confined: false, recording: false });
      publishConversation(c);
      for (const p of leaving) p.state = 'terminated';
      publishConversation(c);
    },
    stationAnswers(conversationId) {
      const c = mustConversation(conversationId);
      const answering = c.participants.filter((p) => p.purpose === 'user' && p.state === 'alerting');
      if (!answering.length) return;
      for (const p of answering) {
        p.state = 'connected';
        p.connectedTime = isoNow();
      }
      publishConversation(c);
    },
    onCallEvent(listener) {
      callListeners.push(listener);
    },
    tokenFor(email) {
      const user = mustUser(email);
      const accessToken = opaque();
      tokens.set(accessToken, { userId: user.id, clientId: 'stand-in', expiresAt: Date.now() + tokenLifetime * 1000 });
      return accessToken;
    },
    onStreamingUpgrade(handler) {
      streamingUpgrade = handler;
    },
    dropSockets() {
      for (const channel of channels.values()) for (const s of channel.sockets) s.destroy();
    },
    expireChannels() {
      for (const channel of [...channels.values()]) {
        channel.closing = true;
        const body = { channelId: channel.id, message: 'The channel is closing; create a new channel and resubscribe.' };
        deliver(() => sendOn(channel, { topicName: 'v2.system.socket_closing', eventBody: body }));
        later(closingGraceMs, () => removeChannel(channel, 1001, 'channel closed'));
      }
    },
    rateLimit(pathPrefix, times, retryAfterS) {
      rateLimits.push({ prefix: pathPrefix, remaining: times, retryAfterS });
    },
    close: () =>
      (closing ??= (async () => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of allSockets) s.destroy();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await cert.remove();
      })()),
  };
}
