// A Webex stand-in: one HTTPS server on 127.0.0.1 that answers, by Host header, as
// webexapis.com (the public REST API under /v1 and the integration OAuth endpoints /v1/authorize
// and /v1/access_token) and idbroker.webex.com (Webex's identity broker: the login page that
// /v1/authorize sends the browser to, and /idb/oauth2/v1/access_token, the token endpoint
// Cisco's own SDK uses). Chromium is pointed at it with --host-resolver-rules (hostResolverRules)
// and told to trust its certificate with --ignore-certificate-errors-spki-list (spkiHash); Node
// code uses dispatcher(). stand-in.test.ts drives it with Cisco's SDK REST layer (@webex/webex-core
// and @webex/plugin-people).
//
// Where the shapes come from (Cisco's published reference, as developer.webex.com serves it):
// - Call Controls (OpenAPI tag "Call Controls", Webex Calling): operations dial, answer, reject,
//   hangup, hold, resume, mute, unmute, divert, transfer, transmitDtmf (their request bodies and
//   success codes: dial 201 {callId, callSessionId}; transfer 204, or 201 {callId, callSessionId}
//   for a Mute Transfer (callId1 + destination); the rest 204), listCalls, getCallDetails,
//   listCallHistory; schemas Call, PartyInformation, CallHistoryRecord and the enums
//   CallPersonalityEnum, CallStateEnum, CallTypeEnum, RejectActionEnum, CallHistoryRecordTypeEnum.
//   The tag's overview: "All GET commands require the spark:calls_read scope while all other
//   commands require the spark:calls_write scope." listCalls lists "all active calls": an ended
//   call leaves the list (and GET /calls/{id} answers 404). listCallHistory keeps "a maximum of
//   20 call history records per type"; its only parameter is `type`.
// - Dial is Click to Dial: "Alerts occur on all the devices belonging to a user … When a user
//   answers an alerting device, an outbound call is placed": the call appears with personality
//   clickToDial in state alerting ("alerting for the incoming or Click to Dial call"); when the
//   user's device answers, "the call's personality is updated to originator" and the state is
//   connecting ("the remote party is being alerted") until the far end answers (connected).
//   remoteHeld is "the remote party within the same organization has placed the call on hold".
// - Webex Calling Voice Messaging, Get Message Summary: {newMessages, oldMessages,
//   newUrgentMessages, oldUrgentMessages}, spark:calls_read.
// - People (OpenAPI tag "People"): Get My Own Details and List People (email, displayName "whose
//   name starts with this string", id, callingData, max; "for non-admin requests, either this or
//   displayName are required"), schema Person; "Searching and viewing People requires an auth
//   token with a scope of spark:people_read".
// - Integrations guide: authorize at https://webexapis.com/v1/authorize, tokens at
//   https://webexapis.com/v1/access_token (form-encoded grant_type, client_id, client_secret,
//   code, redirect_uri; refresh_token); code_challenge/S256 and code_verifier as Cisco's SDK sends
//   them (plugin-authorization-browser-first-party), the client credentials as HTTP Basic to
//   idbroker (webex-core Token.refresh). Access tokens 14 days (expires_in 1209599), refresh
//   tokens 90 days (7776000), renewed on use. Token response {access_token, expires_in,
//   refresh_token, refresh_token_expires_in, token_type: 'Bearer', scope} as Webex's Python SDK
//   (wxc_sdk tokens.py Tokens) models it.
// - Error bodies {message, errors: [{description}], trackingId} (wxc_sdk rest.py ErrorDetail);
//   the SDK's OAuth errors {error, error_description} (webex-core grant-errors.js, RFC 6749 5.2).
// - Ids are base64 of ciscospark://us/<TYPE>/<uuid> (plugin-people inferPersonIdFromUuid); user
//   access tokens are <opaque>_<cluster>_<orgId> (webex-core extractOrgIdFromUserToken).
//
// Inferred, not found documented (change them here if a real capture says otherwise): what
// /telephony/* answers a user without Webex Calling (403 "…not a Webex Calling user"); the 403
// text for a token lacking a scope; 404 for an unknown callId and 400 for a command the call's
// state does not allow (their texts too); a refused destination's 400 text; that people/me and
// List People give the calling fields (phoneNumbers work, extension, locationId) to a non-admin
// who asks callingData=true (the reference says "Admin users can include…"); that a Click to
// Dial call ended before the user's device answered leaves no history record; that the device
// answers 250 ms after the dial by default (deviceAnswersAfterMs); that PKCE may
// replace the client secret (every Webex integration gets a secret; a client registered here
// without one must use S256 PKCE); the error shape of webexapis.com/v1/access_token (here the same
// {error, error_description} as idbroker's); the login page (Webex's asks the e-mail first, then
// the password), its cookie and texts; the CORS headers. Not served (404): park, retrieve, the
// recording commands, push, pickup, bargeIn, pull, the members/{memberId} paths, voiceMessages
// other than the summary.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { Agent, buildConnector } from 'undici';
import { makeSelfSignedCert } from '../tls-cert';

export interface WebexUserSpec {
  email: string;
  password: string;
  name: string;
  /** has Webex Calling; default true */
  calling?: boolean;
  /** E.164 work number and extension shown in people/me */
  number?: string;
  extension?: string;
  /** the user's calls report muteCapable (the mute/unmute APIs work for them); default true */
  muteCapable?: boolean;
}

export interface WebexClientSpec {
  clientId: string;
  redirectUris: string[];
  /** Without one, the client must use S256 PKCE (and refreshes without a secret). */
  secret?: string;
  /** scopes the integration registered; default all three Offhook asks for */
  scopes?: string[];
}

export interface WebexStandInOptions {
  /**
   * Milliseconds after a dial before the user's own device answers the Click to Dial alert
   * (clickToDial/alerting -> originator/connecting), as a user picking up at once would; default
   * 250. null: only deviceAnswers(), an API answer or farEndAnswers() does it.
   */
  deviceAnswersAfterMs?: number | null;
}

/** authorised: API, a live bearer token; idbroker, a live login session or a grant that succeeded; token endpoint, a grant that succeeded. */
export interface WebexRequestRecord {
  method: string;
  host: string;
  path: string;
  query: string;
  authorised: boolean;
  status: number;
  at: number;
}

export type WebexCallState = 'connecting' | 'alerting' | 'connected' | 'held' | 'remoteHeld' | 'disconnected';

export interface WebexStandIn {
  port: number;
  /** https://webexapis.com */
  apiOrigin: string;
  /** origins whose pages are the login page (for a test waiting for the auth window) */
  loginOrigins: string[];
  certPem: string;
  certPath: string;
  /** base64 sha256 of the certificate's SPKI, for Chromium's --ignore-certificate-errors-spki-list */
  spkiHash: string;
  /** "MAP webexapis.com 127.0.0.1:<port>, MAP idbroker.webex.com 127.0.0.1:<port>" */
  hostResolverRules: string;
  /** An undici dispatcher for Node's fetch: connects both names to the stand-in and trusts its certificate (and no other). */
  dispatcher(): Agent;
  addClient(c: WebexClientSpec): void;
  addUser(u: WebexUserSpec): { id: string };
  /** expires_in of new access tokens; default 1209599 (14 days, Webex's) */
  setTokenLifetime(seconds: number): void;
  /** Every token of the user ends (401), and their login sessions. */
  revoke(email: string): void;
  /** The user's access tokens lapse now (401); their refresh tokens still work. */
  expireAccessTokens(email: string): void;
  /** A dial of this destination answers 400 with Webex's error body and the message. */
  refuseNumber(number: string, message?: string): void;
  /** Answer the next N requests to `pathPrefix` (any host) with 429 and Retry-After: seconds. */
  rateLimit(pathPrefix: string, times: number, retryAfterS: number): void;
  /** Someone calls the user: a terminator call in state alerting appears. */
  incomingCall(email: string, from: { number: string; name?: string }): { callId: string };
  /** The user's device answers a Click to Dial alert: personality originator, state connecting. */
  deviceAnswers(callId: string): void;
  /** An outbound call goes connected (through deviceAnswers first if it is still alerting). */
  farEndAnswers(callId: string): void;
  /** The call ends (remote). */
  farEndHangsUp(callId: string): void;
  /** An alerting call is answered on another of the user's devices: state connected without an API answer. */
  answeredElsewhere(callId: string): void;
  /** A remote party in the same organization holds or resumes: state remoteHeld / connected. Throws for an external party (Webex cannot see its hold). */
  farEndHolds(callId: string, held: boolean): void;
  setVoicemail(email: string, summary: { newMessages: number; oldMessages: number; newUrgentMessages?: number; oldUrgentMessages?: number }): void;
  /** What the API was asked: every telephony command with its body and the user (callId: the call it made, for dial and Mute Transfer). */
  commands: { userId: string; op: string; body: Record<string, unknown>; callId?: string }[];
  dials: { userId: string; body: Record<string, unknown> }[];
  requests: WebexRequestRecord[];
  /** When each call's state last changed in the stand-in (epoch ms), for measuring the delay to the popup. */
  stateChanges: { callId: string; state: WebexCallState; at: number }[];
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------

const API_HOST = 'webexapis.com';
const IDB_HOST = 'idbroker.webex.com';
const OFFHOOK_SCOPES = ['spark:people_read', 'spark:calls_read', 'spark:calls_write'];
const DEFAULT_TOKEN_LIFETIME = 1_209_599;
const REFRESH_TOKEN_LIFETIME = 7_776_000;
const CODE_LIFETIME_S = 300;
const HISTORY_PER_TYPE = 20;
const CLUSTER = 'P0A1';
const SESSION_COOKIE = 'idb_session';
const UNAUTHORIZED = 'The request requires a valid access token set in the Authorization request header.';

type Personality = 'originator' | 'terminator' | 'clickToDial';
type CallType = 'location' | 'organization' | 'external' | 'emergency' | 'repair' | 'other';
type HistoryType = 'placed' | 'missed' | 'received';

interface UserState extends Required<Omit<WebexUserSpec, 'number' | 'extension'>> {
  id: string;
  number?: string;
  extension?: string;
  created: string;
  voicemail: { newMessages: number; oldMessages: number; newUrgentMessages: number; oldUrgentMessages: number };
  history: { type: HistoryType; name?: string; number?: string; privacyEnabled: boolean; time: string }[];
}
type ClientState = WebexClientSpec & { scopes: string[] };
interface Grant {
  userId: string;
  clientId: string;
  scopes: string[];
}
type CodeState = Grant & { redirectUri: string; challenge: string | null; expiresAt: number };
type TokenState = Grant & { expiresAt: number };
/** PartyInformation less privacyEnabled (always false here). */
interface Party {
  name?: string;
  number?: string;
  personId?: string;
  callType: CallType;
}

interface CallRecord {
  id: string;
  sessionId: string;
  userId: string;
  personality: Personality;
  state: WebexCallState;
  remote: Party;
  appearance: number;
  created: string;
  answered?: string;
  muted: boolean;
  userHeld: boolean;
  remoteHeld: boolean;
  /** A Mute Transfer's call to the destination: the call it hands over once answered. */
  transfers?: string;
}

/** type: text/html, or application/json (default when body is not a string) */
interface Reply {
  status: number;
  body?: unknown;
  type?: string;
  headers?: Record<string, string | string[]>;
}

class Answer extends Error {
  constructor(readonly reply: Reply) {
    super(`answer ${reply.status}`);
  }
}

const isoNow = () => new Date().toISOString();
const alnum = (bytes: number) => randomBytes(bytes).toString('base64').replace(/[^A-Za-z0-9]/g, '');
/** A Webex id: base64 (unpadded) of ciscospark://us/<TYPE>/<id>. */
const webexId = (type: string, id: string) => Buffer.from(`ciscospark://us/${type}/${id}`).toString('base64').replace(/=+$/, '');
const ORG_UUID = '7f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ORG_ID = webexId('ORGANIZATION', ORG_UUID);
const LOCATION_ID = webexId('LOCATION', '3d9c6a20-1b7e-4c55-9a61-0b4f2e8d7c11');
/** A user access (or refresh) token as Webex mints them: <opaque>_<cluster>_<orgId>. */
const userToken = () => `${alnum(60).slice(0, 64)}_${CLUSTER}_${ORG_UUID}`;
const digitsOf = (n: string) => n.replace(/^(tel|sip):/i, '').replace(/[\s().-]/g, '');

/** Webex's error body; the trackingId is also the TrackingID header. */
function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  const trackingId = `ROUTERGW_${randomUUID()}`;
  return { status, body: { message, errors: [{ description: message }], trackingId }, headers: { TrackingID: trackingId, ...headers } };
}
const apiError = (status: number, message: string) => new Answer(errorReply(status, message));
const badRequest = (message: string) => apiError(400, message);
const notFound = (message = 'The requested resource could not be found.') => apiError(404, message);
/** An OAuth error as the token endpoint sends it (RFC 6749 5.2). */
const oauthError = (status: number, error: string, description: string) =>
  new Answer({ status, body: { error, error_description: description }, headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } });

const htmlEscape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function loginPage(actionQuery: string, error?: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Webex</title></head>
<body>
<main>
<h1>Sign in to Webex</h1>
<form method="post" action="/idb/oauth2/v1/authorize?${htmlEscape(actionQuery)}">
${error ? `<p role="alert">${htmlEscape(error)}</p>\n` : ''}<p><label for="email">Email</label><br><input id="email" name="email" type="email" autocomplete="username" required></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign In</button> <button type="submit" name="cancel" value="1" formnovalidate>Cancel</button></p>
</form>
</main>
</body>
</html>
`;
}

const errorPage = (message: string) =>
  `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Webex</title></head>\n<body><main><h1>Webex</h1><p role="alert">${htmlEscape(message)}</p></main></body>\n</html>\n`;

function cookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

const scopeList = (s: string | null | undefined) => (s ?? '').split(/[\s+]+/).filter(Boolean);

// ---------------------------------------------------------------------------------------------

export async function startWebexStandIn(opts: WebexStandInOptions = {}): Promise<WebexStandIn> {
  const cert = await makeSelfSignedCert({ commonName: API_HOST, dnsNames: [API_HOST, IDB_HOST], prefix: 'webex-stand-in-' });

  const clients = new Map<string, ClientState>();
  const users = new Map<string, UserState>(); // by person id
  const loginSessions = new Map<string, string>(); // session -> person id
  const codes = new Map<string, CodeState>();
  const tokens = new Map<string, TokenState>();
  const refreshTokens = new Map<string, Grant>();
  const calls = new Map<string, CallRecord>();
  const refused = new Map<string, string>();
  const rateLimits: { prefix: string; remaining: number; retryAfterS: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const allSockets = new Set<Duplex>();
  let tokenLifetime = DEFAULT_TOKEN_LIFETIME;
  let callSeq = 480;
  const deviceAnswersAfterMs = opts.deviceAnswersAfterMs === undefined ? 250 : opts.deviceAnswersAfterMs;

  const commands: WebexStandIn['commands'] = [];
  const dials: WebexStandIn['dials'] = [];
  const requests: WebexRequestRecord[] = [];
  const stateChanges: WebexStandIn['stateChanges'] = [];

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const userByEmail = (email: string) => [...users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`webex stand-in: no ${what}`);
    return value;
  };
  const mustUser = (email: string) => must(userByEmail(email), `user ${email}`);
  const mustCall = (id: string) => must(calls.get(id), `active call ${id}`);
  const liveToken = (req: IncomingMessage): TokenState | undefined => {
    const m = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const t = m?.[1] ? tokens.get(m[1]) : undefined;
    return t && Date.now() < t.expiresAt && users.has(t.userId) ? t : undefined;
  };

  // ------------------------------------------------------------------------------- payloads

  const person = (u: UserState, callingData: boolean) => {
    const [first = u.name, ...rest] = u.name.split(' ');
    const withCalling = callingData && u.calling;
    const calling = {
      ...(withCalling && u.number ? { phoneNumbers: [{ type: 'work', value: u.number, primary: true }] } : {}),
      ...(withCalling && u.extension ? { extension: u.extension } : {}),
      ...(withCalling ? { locationId: LOCATION_ID } : {}),
    };
    const names = { displayName: u.name, firstName: first, lastName: rest.join(' ') };
    return { id: u.id, emails: [u.email], ...calling, ...names, orgId: ORG_ID, created: u.created, lastModified: u.created, lastActivity: isoNow(), status: 'active', type: 'person' };
  };
  /** The party behind a number: a user of the organization (same location) or someone outside it. */
  const partyFor = (number: string, name?: string): Party => {
    const digits = digitsOf(number);
    const inOrg = [...users.values()].find((u) => u.calling && ((u.number && digitsOf(u.number) === digits) || u.extension === digits));
    if (inOrg) return { name: inOrg.name, number: number.replace(/^tel:/i, ''), personId: inOrg.id, callType: 'location' };
    return { ...(name ? { name } : {}), number: number.replace(/^tel:/i, ''), callType: 'external' };
  };
  const callJson = (c: CallRecord) => ({
    id: c.id,
    callSessionId: c.sessionId,
    personality: c.personality,
    state: c.state,
    remoteParty: { ...c.remote, privacyEnabled: false },
    appearance: c.appearance,
    created: c.created,
    ...(c.answered ? { answered: c.answered } : {}),
    muteCapable: users.get(c.userId)?.muteCapable ?? true,
    muted: c.muted,
  });

  // ------------------------------------------------------------------------------- calls

  const setState = (c: CallRecord, state: WebexCallState) => {
    if (c.state === state) return;
    c.state = state;
    stateChanges.push({ callId: c.id, state, at: Date.now() });
  };
  /** connected, held or remoteHeld, from who holds it. */
  const settle = (c: CallRecord) => setState(c, c.userHeld ? 'held' : c.remoteHeld ? 'remoteHeld' : 'connected');
  const newCall = (user: UserState, personality: Personality, state: WebexCallState, remote: Party): CallRecord => {
    const taken = new Set([...calls.values()].filter((c) => c.userId === user.id).map((c) => c.appearance));
    let appearance = 1;
    while (taken.has(appearance)) appearance++;
    const id = webexId('CALL', `BCLD/callhalf-${callSeq++}:0`);
    const c: CallRecord = { id, sessionId: Buffer.from(randomUUID()).toString('base64').replace(/=+$/, ''), userId: user.id, personality, state, remote, appearance, created: isoNow(), muted: false, userHeld: false, remoteHeld: false };
    calls.set(id, c);
    stateChanges.push({ callId: id, state, at: Date.now() });
    return c;
  };
  const record = (user: UserState, type: HistoryType, c: CallRecord, time: string) => {
    user.history.unshift({ type, ...(c.remote.name ? { name: c.remote.name } : {}), ...(c.remote.number ? { number: c.remote.number } : {}), privacyEnabled: false, time });
    const ofType = user.history.filter((h) => h.type === type);
    if (ofType.length > HISTORY_PER_TYPE) user.history.splice(user.history.lastIndexOf(ofType[ofType.length - 1] as (typeof ofType)[number]), 1);
  };
  /** The call leaves the list ("active calls" only) and leaves its call-history record. */
  const endCall = (c: CallRecord) => {
    if (!calls.delete(c.id)) return;
    c.state = 'disconnected';
    stateChanges.push({ callId: c.id, state: 'disconnected', at: Date.now() });
    const user = users.get(c.userId);
    if (!user) return;
    if (c.personality === 'terminator') record(user, c.answered ? 'received' : 'missed', c, c.answered ?? isoNow());
    else if (c.personality === 'originator') record(user, 'placed', c, c.created);
    // A Click to Dial alert never picked up placed no call.
  };
  const deviceAnswers = (c: CallRecord) => {
    if (c.personality !== 'clickToDial' || c.state !== 'alerting') return;
    c.personality = 'originator';
    setState(c, 'connecting');
  };
  const farEndAnswers = (c: CallRecord) => {
    deviceAnswers(c);
    if (c.state !== 'connecting') throw new Error(`webex stand-in: call ${c.id} is not connecting (${c.state})`);
    c.answered = isoNow();
    settle(c);
    if (c.transfers) {
      // The Mute Transfer's destination answered: the user hands both calls over.
      const original = calls.get(c.transfers);
      if (original) endCall(original);
      endCall(c);
    }
  };

  // ------------------------------------------------------------------------------- OAuth

  const issueTokens = (userId: string, client: ClientState, scopes: string[], refreshToken?: string) => {
    const accessToken = userToken();
    tokens.set(accessToken, { userId, clientId: client.clientId, scopes, expiresAt: Date.now() + tokenLifetime * 1000 });
    const refresh = refreshToken ?? userToken();
    refreshTokens.set(refresh, { userId, clientId: client.clientId, scopes });
    return {
      status: 200,
      body: { access_token: accessToken, expires_in: tokenLifetime, refresh_token: refresh, refresh_token_expires_in: REFRESH_TOKEN_LIFETIME, token_type: 'Bearer', scope: scopes.join(' ') },
      headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' },
    };
  };

  const authorize = (req: IncomingMessage, url: URL, rawBody: Buffer, setAuthorised: () => void): Reply => {
    const q = url.searchParams;
    const client = clients.get(q.get('client_id') ?? '');
    const redirectUri = q.get('redirect_uri') ?? '';
    // RFC 6749 4.1.2.1: with an unknown client or a redirect URI not registered the user is told, not redirected.
    if (!client) return { status: 400, type: 'text/html', body: errorPage('The client_id is not valid.') };
    if (!client.redirectUris.includes(redirectUri)) return { status: 400, type: 'text/html', body: errorPage('The redirect_uri is not registered for this integration.') };
    const back = (params: Record<string, string>, headers: Record<string, string> = {}): Reply => {
      const target = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
      const state = q.get('state');
      if (state !== null) target.searchParams.set('state', state);
      return { status: 302, headers: { Location: target.toString(), ...headers } };
    };
    if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type', error_description: 'response_type must be code' });
    const scopes = scopeList(q.get('scope')).filter((s) => client.scopes.includes(s));
    if (scopes.length === 0) return back({ error: 'invalid_scope', error_description: 'None of the requested scopes is registered for this integration' });
    const challenge = q.get('code_challenge');
    if (client.secret === undefined && !challenge) return back({ error: 'invalid_request', error_description: 'code_challenge is required' });
    if (challenge && q.get('code_challenge_method') !== 'S256') return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    const grant = (userId: string, headers: Record<string, string> = {}): Reply => {
      const code = userToken();
      codes.set(code, { clientId: client.clientId, redirectUri, userId, scopes, challenge, expiresAt: Date.now() + CODE_LIFETIME_S * 1000 });
      setAuthorised();
      return back({ code }, headers);
    };
    if (req.method === 'GET') {
      const sessionUser = loginSessions.get(cookies(req).get(SESSION_COOKIE) ?? '');
      if (sessionUser && users.has(sessionUser)) return grant(sessionUser);
      return { status: 200, type: 'text/html', body: loginPage(url.search.replace(/^\?/, '')) };
    }
    const form = new URLSearchParams(rawBody.toString('utf8'));
    if (form.has('cancel')) return back({ error: 'access_denied', error_description: 'The user denied the request' });
    const user = userByEmail(form.get('email') ?? '');
    if (!user || user.password !== form.get('password')) {
      return { status: 200, type: 'text/html', body: loginPage(url.search.replace(/^\?/, ''), 'The email address or password is incorrect.') };
    }
    const session = alnum(32);
    loginSessions.set(session, user.id);
    return grant(user.id, { 'Set-Cookie': `${SESSION_COOKIE}=${session}; Path=/; Secure; HttpOnly; SameSite=None` });
  };

  const tokenEndpoint = (req: IncomingMessage, rawBody: Buffer, setAuthorised: () => void): Reply => {
    const form = new URLSearchParams(rawBody.toString('utf8'));
    let clientId = form.get('client_id') ?? '';
    let secret = form.get('client_secret') ?? undefined;
    // Cisco's SDK sends the client credentials as HTTP Basic.
    const basic = /^basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      clientId = decodeURIComponent(i < 0 ? decoded : decoded.slice(0, i));
      secret = i < 0 ? '' : decodeURIComponent(decoded.slice(i + 1));
    }
    if (!clientId) throw oauthError(400, 'invalid_request', 'client_id is required');
    const client = clients.get(clientId);
    if (!client) throw oauthError(401, 'invalid_client', 'The client_id is not valid');
    if (client.secret !== undefined && secret !== client.secret) throw oauthError(401, 'invalid_client', 'Client authentication (client_secret) failed');
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const raw = form.get('code') ?? '';
      if (!raw) throw oauthError(400, 'invalid_request', 'code is required');
      const code = codes.get(raw);
      codes.delete(raw);
      if (!code || code.expiresAt < Date.now() || code.clientId !== client.clientId || !users.has(code.userId)) throw oauthError(400, 'invalid_grant', 'The authorization code is invalid, expired or already used');
      if (form.get('redirect_uri') !== code.redirectUri) throw oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
      if (code.challenge !== null) {
        const verifier = form.get('code_verifier') ?? '';
        if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) throw oauthError(400, 'invalid_grant', 'code_verifier is missing or malformed');
        if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) throw oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
      }
      setAuthorised();
      return issueTokens(code.userId, client, code.scopes);
    }
    if (grantType === 'refresh_token') {
      const raw = form.get('refresh_token') ?? '';
      if (!raw) throw oauthError(400, 'invalid_request', 'refresh_token is required');
      const refresh = refreshTokens.get(raw);
      if (!refresh || refresh.clientId !== client.clientId || !users.has(refresh.userId)) throw oauthError(400, 'invalid_grant', 'The refresh token is invalid or revoked');
      setAuthorised();
      // The refresh token stays; using it renews its 90 days.
      return issueTokens(refresh.userId, client, refresh.scopes, raw);
    }
    throw oauthError(400, 'unsupported_grant_type', `grant_type ${grantType ?? '(none)'} is not supported`);
  };

  // ------------------------------------------------------------------------------- webexapis.com/v1

  const jsonBody = (raw: Buffer): Record<string, unknown> => {
    let body: unknown = {};
    try {
      if (raw.length) body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw badRequest('The request body is not valid JSON.');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
    return body as Record<string, unknown>;
  };
  const needScope = (token: TokenState, scope: string) => {
    if (!token.scopes.includes(scope)) throw apiError(403, `The access token lacks the scope this request needs: ${scope}.`);
  };

  const telephony = (user: UserState, method: string, path: string, q: URLSearchParams, rawBody: Buffer): Reply => {
    let m: RegExpExecArray | null;
    if (method === 'GET') {
      if (path === '/v1/telephony/calls') {
        const items = [...calls.values()].filter((c) => c.userId === user.id).sort((a, b) => a.appearance - b.appearance).map(callJson);
        return { status: 200, body: { items } };
      }
      if (path === '/v1/telephony/calls/history') {
        const type = q.get('type');
        if (type !== null && !['placed', 'missed', 'received'].includes(type)) throw badRequest(`Invalid value for type: ${type}. Possible values: placed, missed, received.`);
        return { status: 200, body: { items: user.history.filter((h) => type === null || h.type === type) } };
      }
      if (path === '/v1/telephony/voiceMessages/summary') return { status: 200, body: { ...user.voicemail } };
      if ((m = /^\/v1\/telephony\/calls\/([^/]+)$/.exec(path))) {
        const c = calls.get(decodeURIComponent(m[1] ?? ''));
        if (!c || c.userId !== user.id) throw notFound('Call not found.');
        return { status: 200, body: callJson(c) };
      }
      throw notFound();
    }
    if (method !== 'POST' || !(m = /^\/v1\/telephony\/calls\/([A-Za-z]+)$/.exec(path))) throw notFound();
    const op = m[1] ?? '';
    const body = jsonBody(rawBody);
    const entry: WebexStandIn['commands'][number] = { userId: user.id, op, body };
    commands.push(entry);
    if (op === 'dial') dials.push({ userId: user.id, body });
    const str = (key: string) => (typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined);
    const call = (key = 'callId'): CallRecord => {
      const id = str(key);
      if (!id) throw badRequest(`${key} is required.`);
      const c = calls.get(id);
      if (!c || c.userId !== user.id) throw notFound('Call not found.');
      return c;
    };
    const notAllowed = (c: CallRecord, what: string) => badRequest(`The call's state (${c.state}) does not allow ${what}.`);
    const validDestination = (d: string | undefined, key = 'destination') => {
      if (!d) throw badRequest(`${key} is required.`);
      if (!/^(tel:|sip:)?[A-Za-z0-9+*#@._-]+$/.test(d.replace(/[\s()]/g, ''))) throw badRequest(`Invalid ${key}: ${d}`);
      return d;
    };
    switch (op) {
      case 'dial': {
        const destination = validDestination(str('destination'));
        const reason = refused.get(destination) ?? refused.get(digitsOf(destination));
        if (reason !== undefined) throw badRequest(reason);
        const c = newCall(user, 'clickToDial', 'alerting', partyFor(destination));
        entry.callId = c.id;
        if (deviceAnswersAfterMs !== null) later(deviceAnswersAfterMs, () => calls.has(c.id) && deviceAnswers(c));
        return { status: 201, body: { callId: c.id, callSessionId: c.sessionId } };
      }
      case 'answer': {
        const c = call();
        if (c.state !== 'alerting') throw notAllowed(c, 'answer');
        if (c.personality === 'clickToDial') deviceAnswers(c);
        else {
          c.answered = isoNow();
          settle(c);
        }
        return { status: 204 };
      }
      case 'reject': {
        const c = call();
        const action = body.action;
        if (action !== undefined && !['busy', 'temporarilyUnavailable', 'ignore'].includes(action as string)) throw badRequest(`Invalid action: ${String(action)}. Possible values: busy, temporarilyUnavailable, ignore.`);
        if (c.personality !== 'terminator' || c.state !== 'alerting') throw notAllowed(c, 'reject');
        endCall(c);
        return { status: 204 };
      }
      case 'hangup':
        endCall(call());
        return { status: 204 };
      case 'hold':
      case 'resume': {
        // "Hold a connected call", "Resume a held call".
        const c = call();
        if (op === 'hold' ? c.state !== 'connected' && c.state !== 'remoteHeld' : c.state !== 'held') throw notAllowed(c, op);
        c.userHeld = op === 'hold';
        settle(c);
        return { status: 204 };
      }
      case 'mute':
      case 'unmute': {
        const c = call();
        if (!user.muteCapable) throw badRequest('The call is not mute capable.');
        if (!['connected', 'held', 'remoteHeld'].includes(c.state)) throw notAllowed(c, op);
        c.muted = op === 'mute';
        return { status: 204 };
      }
      case 'divert': {
        const c = call();
        if (body.toVoicemail !== undefined && typeof body.toVoicemail !== 'boolean') throw badRequest('toVoicemail must be a boolean.');
        if (body.toVoicemail !== true) validDestination(str('destination'));
        if (c.personality === 'clickToDial' || c.state === 'connecting') throw notAllowed(c, 'divert');
        endCall(c);
        return { status: 204 };
      }
      case 'transfer': {
        const unanswered = (c: CallRecord) => c.state === 'alerting' || c.state === 'connecting';
        if (!str('callId1')) {
          if (str('callId2') || str('destination')) throw badRequest('callId1 is required when callId2 or destination is provided.');
          const mine = [...calls.values()].filter((c) => c.userId === user.id);
          if (mine.length !== 2) throw badRequest('callId1 and callId2 are required unless the user has exactly two calls.');
          const blocked = mine.find(unanswered);
          if (blocked) throw notAllowed(blocked, 'transfer');
          mine.forEach(endCall);
          return { status: 204 };
        }
        const first = call('callId1');
        if (unanswered(first)) throw notAllowed(first, 'transfer');
        if (str('callId2')) {
          const second = call('callId2');
          if (second === first || unanswered(second)) throw notAllowed(second, 'transfer');
          endCall(first);
          endCall(second);
          return { status: 204 };
        }
        // A Mute Transfer: a call to the destination, which takes the first call once it answers.
        const destination = validDestination(str('destination'));
        const c = newCall(user, 'originator', 'connecting', partyFor(destination));
        c.transfers = first.id;
        entry.callId = c.id;
        return { status: 201, body: { callId: c.id, callSessionId: c.sessionId } };
      }
      case 'transmitDtmf': {
        const c = call();
        const dtmf = str('dtmf');
        if (!dtmf || !/^[0-9*#A-D,]+$/.test(dtmf)) throw badRequest('dtmf must be digits of [0-9, *, #, A-D], with "," for a pause.');
        if (c.state !== 'connected') throw notAllowed(c, 'transmitDtmf');
        return { status: 204 };
      }
      default:
        throw notFound();
    }
  };

  const api = (req: IncomingMessage, url: URL, rawBody: Buffer): Reply => {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const q = url.searchParams;
    const token = liveToken(req);
    if (!token) throw apiError(401, UNAUTHORIZED);
    const user = users.get(token.userId) as UserState;
    let m: RegExpExecArray | null;

    if (path === '/v1/people/me' || path === '/v1/people' || path.startsWith('/v1/people/')) {
      if (method !== 'GET') throw notFound();
      needScope(token, 'spark:people_read');
      const callingData = q.get('callingData') === 'true';
      if (path === '/v1/people/me') return { status: 200, body: person(user, callingData) };
      if ((m = /^\/v1\/people\/([^/]+)$/.exec(path))) {
        const found = users.get(decodeURIComponent(m[1] ?? ''));
        if (!found) throw notFound('Person not found.');
        return { status: 200, body: person(found, callingData) };
      }
      const email = q.get('email');
      const displayName = q.get('displayName');
      const ids = q.get('id');
      if (!email && !displayName && !ids) throw badRequest('Email, displayName, or id list should be specified.');
      const max = q.get('max') === null ? 100 : Number(q.get('max'));
      if (!Number.isInteger(max) || max < 1) throw badRequest(`Invalid max: ${q.get('max') ?? ''}`);
      const wanted = ids ? new Set(ids.split(',')) : undefined;
      const items = [...users.values()]
        .filter((u) => (!email || u.email.toLowerCase() === email.toLowerCase()) && (!displayName || u.name.toLowerCase().startsWith(displayName.toLowerCase())) && (!wanted || wanted.has(u.id)))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, callingData ? Math.min(max, 100) : max)
        .map((u) => person(u, callingData));
      return { status: 200, body: { items } };
    }

    if (path.startsWith('/v1/telephony/')) {
      needScope(token, method === 'GET' ? 'spark:calls_read' : 'spark:calls_write');
      if (!user.calling) throw apiError(403, 'The user is not a Webex Calling user.');
      return telephony(user, method, path, q, rawBody);
    }
    throw notFound();
  };

  // ------------------------------------------------------------------------------- HTTP

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const url = new URL(req.url ?? '/', `https://${host || API_HOST}`);
      const method = req.method ?? 'GET';
      const raw = Buffer.concat(chunks);
      const isIdb = host === IDB_HOST;
      let authorised = host === API_HOST ? liveToken(req) !== undefined : isIdb ? loginSessions.has(cookies(req).get(SESSION_COOKIE) ?? '') : false;
      const setAuthorised = () => (authorised = true);
      let reply: Reply;
      try {
        const limit = rateLimits.find((r) => r.remaining > 0 && url.pathname.startsWith(r.prefix));
        if (method === 'OPTIONS' && (host === API_HOST || isIdb)) {
          const allowHeaders = req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type';
          reply = { status: 200, headers: { 'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS', 'Access-Control-Allow-Headers': allowHeaders, 'Access-Control-Max-Age': '3600' } };
        } else if (limit) {
          limit.remaining--;
          reply = errorReply(429, 'Too Many Requests', { 'Retry-After': String(limit.retryAfterS) });
        } else if (host === API_HOST && url.pathname === '/v1/authorize' && method === 'GET') {
          // Webex's public authorize address hands the browser to the identity broker.
          reply = { status: 302, headers: { Location: `https://${IDB_HOST}/idb/oauth2/v1/authorize${url.search}` } };
        } else if ((host === API_HOST && url.pathname === '/v1/access_token') || (isIdb && url.pathname === '/idb/oauth2/v1/access_token')) {
          authorised = false;
          if (method !== 'POST') throw oauthError(400, 'invalid_request', 'The token endpoint takes POST');
          reply = tokenEndpoint(req, raw, setAuthorised);
        } else if (isIdb && url.pathname === '/idb/oauth2/v1/authorize' && (method === 'GET' || method === 'POST')) {
          reply = authorize(req, url, raw, setAuthorised);
        } else if (host === API_HOST) reply = api(req, url, raw);
        else reply = { status: 404, type: 'text/html', body: errorPage('Not Found') };
      } catch (error) {
        reply = error instanceof Answer ? error.reply : errorReply(500, `The server encountered an error (${(error as Error).message}).`);
      }
      const origin = req.headers.origin;
      const headers: Record<string, string | string[]> = {
        ...(origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': 'TrackingID, Retry-After, Link', Vary: 'Origin' } : {}),
        ...reply.headers,
      };
      let payload: Buffer | undefined;
      if (reply.body !== undefined) {
        const isText = typeof reply.body === 'string';
        payload = Buffer.from(isText ? (reply.body as string) : JSON.stringify(reply.body));
        headers['Content-Type'] = `${reply.type ?? (isText ? 'text/plain' : 'application/json')}; charset=UTF-8`;
      }
      headers['Content-Length'] = String(payload?.length ?? 0);
      res.writeHead(reply.status, headers);
      res.end(method === 'HEAD' ? undefined : payload);
      requests.push({ method, host, path: url.pathname, query: url.search.replace(/^\?/, ''), authorised, status: reply.status, at: Date.now() });
    });
  };

  const server = https.createServer({ key: cert.key, cert: cert.certPem }, onRequest);
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
  if (typeof address !== 'object' || !address) throw new Error('webex stand-in has no address');
  const port = address.port;
  const names = new Set([API_HOST, IDB_HOST]);

  let closing: Promise<void> | undefined;
  return {
    port,
    apiOrigin: `https://${API_HOST}`,
    loginOrigins: [`https://${IDB_HOST}`],
    certPem: cert.certPem,
    certPath: cert.certPath,
    spkiHash: cert.spkiHash,
    hostResolverRules: [API_HOST, IDB_HOST].map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', '),
    commands,
    dials,
    requests,
    stateChanges,
    dispatcher() {
      const connect = buildConnector({ ca: cert.certPem });
      return new Agent({
        connect: (o, cb) => (names.has(o.hostname) ? connect({ ...o, hostname: '127.0.0.1', host: `127.0.0.1:${port}`, port: String(port), servername: o.hostname }, cb) : connect(o, cb)),
      });
    },
    addClient(c) {
      clients.set(c.clientId, { clientId: c.clientId, redirectUris: [...c.redirectUris], secret: c.secret, scopes: [...(c.scopes ?? OFFHOOK_SCOPES)] });
    },
    addUser(spec) {
      if (userByEmail(spec.email)) throw new Error(`webex stand-in: email ${spec.email} exists`);
      const id = webexId('PEOPLE', randomUUID());
      const voicemail = { newMessages: 0, oldMessages: 0, newUrgentMessages: 0, oldUrgentMessages: 0 };
      users.set(id, { ...spec, id, calling: spec.calling ?? true, muteCapable: spec.muteCapable ?? true, created: isoNow(), voicemail, history: [] });
      return { id };
    },
    setTokenLifetime(seconds) {
      tokenLifetime = seconds;
    },
    expireAccessTokens(email) {
      const user = mustUser(email);
      for (const s of tokens.values()) if (s.userId === user.id) s.expiresAt = Date.now() - 1;
    },
    revoke(email) {
      const user = mustUser(email);
      for (const [t, s] of tokens) if (s.userId === user.id) tokens.delete(t);
      for (const [t, s] of refreshTokens) if (s.userId === user.id) refreshTokens.delete(t);
      for (const [c, s] of codes) if (s.userId === user.id) codes.delete(c);
      for (const [s, id] of loginSessions) if (id === user.id) loginSessions.delete(s);
    },
    refuseNumber(number, message = `The destination ${number} cannot be dialed.`) {
      refused.set(number, message);
    },
    rateLimit(pathPrefix, times, retryAfterS) {
      rateLimits.push({ prefix: pathPrefix, remaining: times, retryAfterS });
    },
    incomingCall(email, from) {
      const user = mustUser(email);
      if (!user.calling) throw new Error(`webex stand-in: ${email} has no Webex Calling`);
      return { callId: newCall(user, 'terminator', 'alerting', partyFor(from.number, from.name)).id };
    },
    deviceAnswers(callId) {
      const c = mustCall(callId);
      if (c.personality !== 'clickToDial' || c.state !== 'alerting') throw new Error(`webex stand-in: call ${callId} is no Click to Dial alert`);
      deviceAnswers(c);
    },
    farEndAnswers(callId) {
      farEndAnswers(mustCall(callId));
    },
    farEndHangsUp(callId) {
      endCall(mustCall(callId));
    },
    answeredElsewhere(callId) {
      const c = mustCall(callId);
      if (c.personality !== 'terminator' || c.state !== 'alerting') throw new Error(`webex stand-in: call ${callId} is not an alerting incoming call`);
      c.answered = isoNow();
      settle(c);
    },
    farEndHolds(callId, held) {
      const c = mustCall(callId);
      if (c.remote.callType === 'external') throw new Error(`webex stand-in: call ${callId} is with a party outside the organization; Webex reports remoteHeld only for one inside it`);
      if (!['connected', 'held', 'remoteHeld'].includes(c.state)) throw new Error(`webex stand-in: call ${callId} is ${c.state}`);
      c.remoteHeld = held;
      settle(c);
    },
    setVoicemail(email, summary) {
      mustUser(email).voicemail = { newUrgentMessages: 0, oldUrgentMessages: 0, ...summary };
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
