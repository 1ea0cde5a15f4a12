// Proves the Genesys Cloud stand-in faithful by driving it with Genesys's own Node client,
// purecloud-platform-client-v2: its ApiClient set to the stand-in's region (setEnvironment), its
// PKCE helpers (generatePKCECodeVerifier, computePKCECodeChallenge, authorizePKCEGrant) and its
// Code Authorization helpers (loginCodeAuthorizationGrant, refreshCodeAuthorizationGrant), and
// UsersApi, ConversationsApi and NotificationsApi. Every answer the client accepts is then held
// against the model the client publishes for it (its index.d.ts: no field the model lacks, every
// required field, the declared types, and the enum values of the same models in Genesys's Java
// SDK), and so is every WebSocket event body (the model notificationMappings.json names for the
// topic). Loopback only: the client's axios connects through an https.Agent that sends
// login./api.<region> to 127.0.0.1:<port> and trusts only the stand-in's certificate; the
// WebSocket and raw requests use the stand-in's undici dispatcher().
import { randomUUID } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { Agent } from 'undici';
import { WebSocket } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGenesysStandIn, type GenesysStandIn } from './stand-in';

// ------------------------------------------------------------------------------- the client

/** What the client resolves (and rejects) with after setReturnExtendedResponses(true). */
interface Extended {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}
type Call = (...args: unknown[]) => Promise<Extended>;
interface ApiClient {
  setEnvironment(environment: string): void;
  setProxyAgent(agent: unknown): void;
  setReturnExtendedResponses(extended: boolean): void;
  setAccessToken(token: string): void;
  generatePKCECodeVerifier(n: number): string;
  computePKCECodeChallenge(verifier: string): Promise<string>;
  authorizePKCEGrant(clientId: string, verifier: string, code: string, redirectUri: string): Promise<{ accessToken: string; refreshToken?: string; tokenExpiryTime?: number }>;
  loginCodeAuthorizationGrant(clientId: string, secret: string, code: string, redirectUri: string): Promise<{ accessToken: string; refreshToken?: string }>;
  refreshCodeAuthorizationGrant(clientId: string, secret: string, refreshToken: string): Promise<{ accessToken: string; refreshToken?: string }>;
  authData: { refreshToken?: string };
  config: { live_reload_config: boolean; refresh_access_token: boolean };
}
interface PlatformClient {
  ApiClient: { instance: ApiClient };
  UsersApi: new () => Record<'getUsersMe' | 'getUsersStationsMe' | 'getUserStation', Call>;
  ConversationsApi: new () => Record<
    | 'postConversationsCalls'
    | 'getConversationsCalls'
    | 'getConversationsCall'
    | 'getConversation'
    | 'patchConversationsCallParticipant'
    | 'postConversationsCallParticipantReplace'
    | 'postConversationParticipantDigits',
    Call
  >;
  NotificationsApi: new () => Record<'postNotificationsChannels' | 'putNotificationsChannelSubscriptions' | 'postNotificationsChannelSubscriptions' | 'headNotificationsChannel' | 'getNotificationsChannels', Call>;
}

const require = createRequire(import.meta.url);
const platformClient = require('purecloud-platform-client-v2') as PlatformClient;

// ------------------------------------------------------------------------------- the published models

/** index.d.ts's `declare namespace Models`: interface -> property -> { type, optional }. */
const MODELS = (() => {
  const source = readFileSync(require.resolve('purecloud-platform-client-v2/index.d.ts'), 'utf8');
  const start = source.indexOf('declare namespace Models {');
  if (start < 0) throw new Error('purecloud-platform-client-v2/index.d.ts has no Models namespace');
  const models = new Map<string, Map<string, { type: string; optional: boolean }>>();
  const iface = /^\texport interface (\w+) \{\s*\n([\s\S]*?)^\t\}/gm;
  iface.lastIndex = start;
  for (let m = iface.exec(source); m; m = iface.exec(source)) {
    const props = new Map<string, { type: string; optional: boolean }>();
    for (const line of (m[2] ?? '').split('\n')) {
      const p = /^\t\t"([^"]+)"(\?)?: (.+);\s*$/.exec(line);
      if (p?.[1] && p[3]) props.set(p[1], { type: p[3].trim(), optional: p[2] === '?' });
    }
    models.set(m[1] ?? '', props);
  }
  return models;
})();

/**
 * Enum values of the same models in Genesys's Java SDK (platform-client-sdk-java, model/*.java:
 * StateEnum, DirectionEnum, DisconnectTypeEnum, RecordingStateEnum, InitialStateEnum), which the
 * JavaScript client types as plain strings; purpose from CallMediaParticipant's documentation.
 */
const PARTICIPANT_STATES = ['alerting', 'dialing', 'contacting', 'offering', 'connected', 'disconnected', 'terminated', 'converting', 'uploading', 'transmitting', 'scheduled', 'none'];
const DISCONNECT_TYPES = ['endpoint', 'client', 'system', 'transfer', 'timeout', 'transfer.conference', 'transfer.consult', 'transfer.forward', 'transfer.noanswer', 'transfer.notavailable', 'transport.failure', 'error', 'peer', 'other', 'spam', 'uncallable'];
const ENUMS: Record<string, string[]> = {
  'ConversationCallEventTopicCallMediaParticipant.state': PARTICIPANT_STATES,
  'ConversationCallEventTopicCallMediaParticipant.initialState': PARTICIPANT_STATES,
  'ConversationCallEventTopicCallMediaParticipant.direction': ['inbound', 'outbound'],
  'ConversationCallEventTopicCallMediaParticipant.disconnectType': DISCONNECT_TYPES,
  'ConversationCallEventTopicCallMediaParticipant.recordingState': ['none', 'active', 'paused'],
  'ConversationCallEventTopicCallMediaParticipant.purpose': ['agent', 'user', 'customer', 'external', 'acd', 'ivr'],
  'CallMediaParticipant.state': PARTICIPANT_STATES.filter((s) => s !== 'scheduled'),
  'CallMediaParticipant.direction': ['inbound', 'outbound'],
  'CallMediaParticipant.disconnectType': DISCONNECT_TYPES.filter((t) => t !== 'timeout' && t !== 'uncallable'),
  'CallMediaParticipant.recordingState': ['none', 'active', 'paused'],
  'CallMediaParticipant.purpose': ['agent', 'user', 'customer', 'external', 'acd', 'ivr'],
  'ChannelTopic.state': ['Permitted', 'Rejected'],
};
/** Properties the models declare as Date (ISO-8601 strings on the wire). */
const DATES = new Set(['startTime', 'startAlertingTime', 'connectedTime', 'endTime', 'startHoldTime', 'associatedDate', 'expires', 'dateTokenIdles']);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/** Where `value` departs from the published type `type` (a model name or a type expression). */
function departures(value: unknown, type: string, at = '$'): string[] {
  const t = type.trim();
  const out: string[] = [];
  const array = /^Array<(.+)>$/.exec(t);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(t) ?? /^Record<string, (.+)>$/.exec(t);
  if (t === 'string' || t === 'number' || t === 'boolean') {
    if (typeof value !== t) out.push(`${at}: ${JSON.stringify(value)} is not a ${t}`);
  } else if (t === 'object') {
    if (typeof value !== 'object' || value === null) out.push(`${at}: not an object`);
  } else if (array?.[1]) {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    value.forEach((v, i) => out.push(...departures(v, array[1] ?? '', `${at}[${i}]`)));
  } else if (map?.[1]) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not a map`];
    for (const [k, v] of Object.entries(value)) out.push(...departures(v, map[1], `${at}.${k}`));
  } else {
    const name = t.replace(/^Models\./, '');
    const model = MODELS.get(name);
    if (!model) return [`${at}: no published model ${name}`];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not a ${name}`];
    for (const [k, v] of Object.entries(value)) {
      const prop = model.get(k);
      if (!prop) {
        out.push(`${at}.${k}: ${name} has no such property`);
        continue;
      }
      out.push(...departures(v, prop.type, `${at}.${k}`));
      const allowed = ENUMS[`${name}.${k}`];
      if (allowed && !allowed.includes(v as string)) out.push(`${at}.${k}: ${JSON.stringify(v)} is not one of ${name}.${k}'s values`);
      if (DATES.has(k) && typeof v === 'string' && !ISO.test(v)) out.push(`${at}.${k}: ${v} is not an ISO-8601 date`);
    }
    for (const [k, prop] of model) if (!prop.optional && !(k in value)) out.push(`${at}.${k}: required by ${name}, missing`);
  }
  return out;
}
const expectModel = (value: unknown, model: string) => expect(departures(value, model), `${model}: ${JSON.stringify(value)}`).toEqual([]);

// ------------------------------------------------------------------------------- fixtures

const CLIENT_ID = 'f0b5c3a1-7d5e-4b8e-9c8f-offhook-pkce';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/genesys';
const CONFIDENTIAL = { clientId: 'confidential-client', secret: 'confidential-secret', redirectUris: ['https://server.example.test/callback'] };
const ALICE = { email: 'alice@example.test', password: 'alice-password', name: 'Alice Martin' };
const BOB = { email: 'bob@example.test', password: 'bob-password', name: 'Bob Durand', canCall: false, station: false };
const CALL_TOPIC = (userId: string) => `v2.users.${userId}.conversations.calls`;

let g: GenesysStandIn;
let dispatcher: Agent;
let client: ApiClient;
let aliceId: string;
let bobId: string;
let aliceToken: string;
let users: InstanceType<PlatformClient['UsersApi']>;
let conversations: InstanceType<PlatformClient['ConversationsApi']>;
let notifications: InstanceType<PlatformClient['NotificationsApi']>;

/** An https.Agent for the client's axios: every connection goes to the stand-in, SNI and Host unchanged. */
class StandInAgent extends https.Agent {
  override createConnection(options: https.RequestOptions): Duplex {
    const servername = options.servername ?? options.hostname ?? options.host ?? undefined;
    return tls.connect({ ...(options as tls.ConnectionOptions), host: '127.0.0.1', port: g.port, servername, ca: g.certPem });
  }
}

async function rejection(promise: Promise<unknown>): Promise<Extended> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call was expected to fail').toBeDefined();
  return error as Extended;
}

async function raw(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init, dispatcher } as RequestInit);
}

/** The PKCE flow by hand, as a browser would run it: authorize, the login form, the redirect, the code. */
async function pkceLogin(user: { email: string; password: string }, opts: { cookie?: string } = {}): Promise<{ verifier: string; code: string; state: string; cookie?: string }> {
  const verifier = client.generatePKCECodeVerifier(96);
  const challenge = await client.computePKCECodeChallenge(verifier);
  const state = `state-${Math.random().toString(36).slice(2)}`;
  const query = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256', state });
  let res = await raw(`${g.loginOrigin}/oauth/authorize?${query}`, { headers: opts.cookie ? { cookie: opts.cookie } : {} });
  if (res.status === 200) {
    const page = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
    expect(action).toBeDefined();
    res = await raw(`${g.loginOrigin}${action}`, { method: 'POST', body: new URLSearchParams({ email: user.email, password: user.password }) });
  }
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe(state);
  const code = location.searchParams.get('code');
  expect(code).toBeTruthy();
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  return { verifier, code: code ?? '', state, cookie: cookie ?? opts.cookie };
}

interface Frame {
  topicName: string;
  eventBody: Record<string, unknown>;
  version?: string;
  metadata?: { CorrelationId?: string };
}
/** A notifications WebSocket that keeps every message and waits for the next one that matches. */
function openSocket(url: string): Promise<{ ws: WebSocket; frames: Frame[]; next(match: (f: Frame) => boolean, timeoutMs?: number): Promise<Frame>; closed: Promise<{ code: number }> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { dispatcher } as unknown as string[]);
    const frames: Frame[] = [];
    const waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void; from: number }[] = [];
    let cursor = 0;
    const closed = new Promise<{ code: number }>((r) => ws.addEventListener('close', (e) => r({ code: e.code })));
    ws.addEventListener('message', (e) => {
      frames.push(JSON.parse(String(e.data)) as Frame);
      for (const w of [...waiters]) {
        const i = frames.findIndex((f, idx) => idx >= w.from && w.match(f));
        if (i >= 0) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(frames[i] as Frame);
        }
      }
    });
    ws.addEventListener('error', () => reject(new Error(`WebSocket ${url} failed`)));
    ws.addEventListener('open', () =>
      resolve({
        ws,
        frames,
        closed,
        next(match, timeoutMs = 3000) {
          return new Promise((res, rej) => {
            const i = frames.findIndex((f, idx) => idx >= cursor && match(f));
            if (i >= 0) {
              cursor = i + 1;
              res(frames[i] as Frame);
              return;
            }
            const timer = setTimeout(() => rej(new Error('no matching notification in time')), timeoutMs);
            waiters.push({
              match,
              from: cursor,
              resolve: (f) => {
                clearTimeout(timer);
                cursor = frames.indexOf(f) + 1;
                res(f);
              },
            });
          });
        },
      }),
    );
  });
}

type EventParticipant = { id: string; purpose: string; state: string; direction: string; disconnectType?: string; address?: string; name?: string; muted?: boolean; held?: boolean; user?: { id: string } };
const callEvent = (userId: string, conversationId: string, match: (me: EventParticipant, all: EventParticipant[]) => boolean) => (f: Frame) => {
  if (f.topicName !== CALL_TOPIC(userId) || f.eventBody.id !== conversationId) return false;
  const all = f.eventBody.participants as EventParticipant[];
  const me = all.find((p) => p.user?.id === userId);
  return !!me && match(me, all);
};

beforeAll(async () => {
  // axios (inside the client) honours HTTPS_PROXY; these names are only ever the stand-in.
  for (const name of ['NO_PROXY', 'no_proxy']) process.env[name] = [process.env[name], '.mypurecloud.com'].filter(Boolean).join(',');
  g = await startGenesysStandIn({ heartbeatS: 0.25, closingGraceS: 0.3 });
  dispatcher = g.dispatcher();
  g.addClient({ clientId: CLIENT_ID, redirectUris: [REDIRECT] });
  g.addClient(CONFIDENTIAL);
  aliceId = g.addUser(ALICE).id;
  bobId = g.addUser(BOB).id;
  client = platformClient.ApiClient.instance;
  client.config.live_reload_config = false;
  client.setEnvironment(g.region);
  client.setProxyAgent(new StandInAgent({ keepAlive: false }));
  client.setReturnExtendedResponses(true);
  users = new platformClient.UsersApi();
  conversations = new platformClient.ConversationsApi();
  notifications = new platformClient.NotificationsApi();
});

afterAll(async () => {
  await dispatcher?.close();
  await g?.close();
});

// ------------------------------------------------------------------------------- tests

describe('the Genesys Cloud stand-in, driven by purecloud-platform-client-v2', () => {
  it('listens once for login., api. and streaming.<region>, with a certificate and resolver rules for Chromium', () => {
    expect(g.loginOrigin).toBe('https://login.mypurecloud.com');
    expect(g.apiOrigin).toBe('https://api.mypurecloud.com');
    expect(g.hostResolverRules).toBe(`MAP login.mypurecloud.com 127.0.0.1:${g.port}, MAP api.mypurecloud.com 127.0.0.1:${g.port}, MAP streaming.mypurecloud.com 127.0.0.1:${g.port}`);
    const cert = new X509Certificate(g.certPem);
    expect(cert.subjectAltName).toBe('DNS:login.mypurecloud.com, DNS:api.mypurecloud.com, DNS:streaming.mypurecloud.com');
    expect(g.spkiHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('holds answers against the published models (the check itself finds what departs from them)', () => {
    expect(MODELS.size).toBeGreaterThan(1000);
    for (const name of ['UserMe', 'UserStations', 'CreateCallResponse', 'CallConversation', 'ConversationCallEventTopicCallConversation', 'Channel', 'ErrorBody', 'SystemMessageSystemMessage']) expect(MODELS.has(name)).toBe(true);
    expect(departures({ id: 7, name: 'x', extra: true }, 'CreateCallResponse')).toEqual(['$.id: 7 is not a string', '$.extra: CreateCallResponse has no such property']);
    expect(departures({ id: 'u' }, 'User')).toEqual(['$.version: required by User, missing']);
    expect(departures({ participants: [{ state: 'ringing', startTime: 'yesterday' }] }, 'ConversationCallEventTopicCallConversation')).toEqual([
      "$.participants[0].state: \"ringing\" is not one of ConversationCallEventTopicCallMediaParticipant.state's values",
      '$.participants[0].startTime: yesterday is not an ISO-8601 date',
    ]);
  });

  it('shows a login page with Email, Password and "Log In", and refuses a wrong password there', async () => {
    const query = new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', state: 'st' });
    const res = await raw(`${g.loginOrigin}/oauth/authorize?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<label for="email">Email</label>');
    expect(page).toContain('<label for="password">Password</label>');
    expect(page).toContain('<button type="submit">Log In</button>');
    const wrong = await raw(`${g.loginOrigin}/oauth/authorize?${query}`, { method: 'POST', body: new URLSearchParams({ email: ALICE.email, password: 'nope' }) });
    expect(wrong.status).toBe(200);
    expect(wrong.headers.get('location')).toBeNull();
    expect(await wrong.text()).toContain('role="alert"');
  });

  it('tells the user, and does not redirect, for an unknown client or a redirect URI not registered', async () => {
    for (const [clientId, redirect] of [
      ['no-such-client', REDIRECT],
      [CLIENT_ID, 'https://evil.example.test/cb'],
    ]) {
      const res = await raw(`${g.loginOrigin}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId ?? '', redirect_uri: redirect ?? '', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' })}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    // A PKCE client's request without a challenge goes back to the (registered) redirect URI with the error.
    const res = await raw(`${g.loginOrigin}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT, state: 's' })}`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('state')).toBe('s');
  });

  it('grants a PKCE client a bearer token without a refresh token (authorizePKCEGrant), checks S256 and spends each code once', async () => {
    const login = await pkceLogin(ALICE);
    // A wrong verifier is refused as the OAuth server refuses it.
    const wrong = await raw(`${g.loginOrigin}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: login.code, redirect_uri: REDIRECT, client_id: CLIENT_ID, code_verifier: client.generatePKCECodeVerifier(64) }),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant', description: expect.any(String) });

    const again = await pkceLogin(ALICE, { cookie: login.cookie });
    const seen = g.requests.length;
    const auth = await client.authorizePKCEGrant(CLIENT_ID, again.verifier, again.code, REDIRECT);
    expect(auth.accessToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(auth.tokenExpiryTime).toBeGreaterThan(Date.now() + 86_000_000);
    aliceToken = auth.accessToken;
    expect(g.requests.slice(seen)).toEqual([{ method: 'POST', host: 'login.mypurecloud.com', path: '/oauth/token', query: '', authorised: true, status: 200 }]);

    // The raw token response: {access_token, token_type: 'bearer', expires_in} and no refresh_token.
    const third = await pkceLogin(ALICE, { cookie: login.cookie });
    const res = await raw(`${g.loginOrigin}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: third.code, redirect_uri: REDIRECT, client_id: CLIENT_ID, code_verifier: third.verifier }),
    });
    const token = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(token).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 86_400 });
    const reused = await raw(`${g.loginOrigin}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code: third.code, redirect_uri: REDIRECT, client_id: CLIENT_ID, code_verifier: third.verifier }),
    });
    expect(reused.status).toBe(400);
    // The refresh_token grant needs client credentials a public client does not have.
    const refresh = await raw(`${g.loginOrigin}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'anything', client_id: CLIENT_ID }) });
    expect(refresh.status).toBe(401);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_client' });
    client.setAccessToken(aliceToken);
  });

  it('redirects at once with a new code while the login session lives (a silent re-authorisation), unless prompt=login', async () => {
    const first = await pkceLogin(ALICE);
    const challenge = await client.computePKCECodeChallenge(client.generatePKCECodeVerifier(50));
    const query = { response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256' };
    const silent = await raw(`${g.loginOrigin}/oauth/authorize?${new URLSearchParams(query)}`, { headers: { cookie: first.cookie ?? '' } });
    expect(silent.status).toBe(302);
    expect(new URL(silent.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const prompted = await raw(`${g.loginOrigin}/oauth/authorize?${new URLSearchParams({ ...query, prompt: 'login' })}`, { headers: { cookie: first.cookie ?? '' } });
    expect(prompted.status).toBe(200);
  });

  it('answers GET /api/v2/users/me (expand station, authorization) and the station paths as the models say', async () => {
    const me = await users.getUsersMe({ expand: ['station', 'authorization'] });
    expect(me.status).toBe(200);
    expectModel(me.body, 'UserMe');
    const body = me.body as { id: string; name: string; email: string; station: { associatedStation: { id: string; type: string; associatedUser: { id: string } }; effectiveStation: { id: string } }; authorization: { permissions: string[] } };
    expect(body).toMatchObject({ id: aliceId, name: ALICE.name, email: ALICE.email });
    expect(body.station.associatedStation.associatedUser.id).toBe(aliceId);
    expect(body.station.effectiveStation.id).toBe(body.station.associatedStation.id);
    expect(body.station.associatedStation.type).toBe('inin_webrtc_softphone');
    expect(body.authorization.permissions).toContain('conversation:conference:add');
    expect(g.requests.at(-1)).toMatchObject({ host: 'api.mypurecloud.com', path: '/api/v2/users/me', query: 'expand=station,authorization', authorised: true, status: 200 });

    const stations = await users.getUsersStationsMe();
    expectModel(stations.body, 'UserStations');
    const own = await users.getUserStation(aliceId);
    expectModel(own.body, 'UserStations');
    expect((own.body as { associatedStation: { id: string } }).associatedStation.id).toBe(body.station.associatedStation.id);
    const other = await rejection(users.getUserStation(bobId));
    expect(other.status).toBe(403);
    expectModel(other.body, 'ErrorBody');
  });

  it('answers 401 as Genesys does: authentication.required without a token, bad.credentials for a bad or revoked one', async () => {
    const none = await raw(`${g.apiOrigin}/api/v2/users/me`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'authentication.required', status: 401 });
    client.setAccessToken('not-a-token');
    const bad = await rejection(users.getUsersMe());
    expect(bad.status).toBe(401);
    expectModel(bad.body, 'ErrorBody');
    expect(bad.body).toMatchObject({ message: 'Invalid login credentials.', code: 'bad.credentials', status: 401 });
    expect(g.requests.at(-1)).toMatchObject({ authorised: false, status: 401 });

    // Bob logs in, is revoked, and his token stops working.
    const login = await pkceLogin(BOB);
    const bob = await client.authorizePKCEGrant(CLIENT_ID, login.verifier, login.code, REDIRECT);
    client.setAccessToken(bob.accessToken);
    const me = await users.getUsersMe({ expand: ['station'] });
    expect((me.body as { station: unknown }).station).toEqual({});
    g.revoke(BOB.email);
    expect((await rejection(users.getUsersMe())).status).toBe(401);
    // The login session went too: authorize shows the login page again.
    const challenge = await client.computePKCECodeChallenge(client.generatePKCECodeVerifier(50));
    const res = await raw(`${g.loginOrigin}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256' })}`, {
      headers: { cookie: login.cookie ?? '' },
    });
    expect(res.status).toBe(200);

    // A token past its expires_in is refused the same way.
    g.setTokenLifetime(1);
    const shortLogin = await pkceLogin(ALICE);
    const short = await client.authorizePKCEGrant(CLIENT_ID, shortLogin.verifier, shortLogin.code, REDIRECT);
    expect((await users.getUsersMe()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await rejection(users.getUsersMe());
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'bad.credentials' });
    expect(short.accessToken).not.toBe(aliceToken);
    g.setTokenLifetime(86_400);
    client.setAccessToken(aliceToken);
  });

  it('refuses a dial without the permission (403), to a refused number (400), and rate-limits with 429 and Retry-After', async () => {
    const login = await pkceLogin(BOB);
    const bob = await client.authorizePKCEGrant(CLIENT_ID, login.verifier, login.code, REDIRECT);
    client.setAccessToken(bob.accessToken);
    const forbidden = await rejection(conversations.postConversationsCalls({ phoneNumber: '+33144556677' }));
    expect(forbidden.status).toBe(403);
    expectModel(forbidden.body, 'ErrorBody');
    expect(forbidden.body).toMatchObject({ code: 'missing.any.permissions', status: 403 });
    expect((forbidden.body as { message: string }).message).toContain('conversation:conference:add');
    client.setAccessToken(aliceToken);

    g.refuseNumber('+33100000000');
    for (const phoneNumber of ['+33100000000', 'not a number']) {
      const refused = await rejection(conversations.postConversationsCalls({ phoneNumber }));
      expect(refused.status).toBe(400);
      expectModel(refused.body, 'ErrorBody');
      expect(refused.body).toMatchObject({ code: 'bad.request', status: 400, message: expect.stringContaining(phoneNumber) });
    }
    expect(g.dials.slice(-3)).toEqual([
      { userId: bobId, body: { phoneNumber: '+33144556677' } },
      { userId: aliceId, body: { phoneNumber: '+33100000000' } },
      { userId: aliceId, body: { phoneNumber: 'not a number' } },
    ]);

    g.rateLimit('/api/v2/conversations/calls', 1, 7);
    const limited = await rejection(conversations.getConversationsCalls());
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('7');
    expectModel(limited.body, 'ErrorBody');
    expect(limited.body).toMatchObject({ code: 'too.many.requests', status: 429 });
    expect((await conversations.getConversationsCalls()).status).toBe(200);
  });

  it('answers CORS preflights from an extension origin', async () => {
    const res = await raw(`${g.apiOrigin}/api/v2/conversations/calls`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
    const token = await raw(`${g.loginOrigin}/oauth/token`, { method: 'OPTIONS', headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'POST' } });
    expect(token.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
  });

  describe('notifications and calls', () => {
    let channel: { id: string; connectUri: string; expires: string };
    let socket: Awaited<ReturnType<typeof openSocket>>;

    it('creates a channel, subscribes to the user calls topic and streams heartbeats and pongs', async () => {
      const created = await notifications.postNotificationsChannels();
      expect(created.status).toBe(200);
      expectModel(created.body, 'Channel');
      channel = created.body as typeof channel;
      expect(channel.connectUri).toBe(`wss://streaming.mypurecloud.com/channels/${channel.id}`);
      expect(channel.id).toMatch(/^streaming-0-[a-z0-9]+$/);
      expect(Date.parse(channel.expires)).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);

      const subscribed = await notifications.putNotificationsChannelSubscriptions(channel.id, [{ id: CALL_TOPIC(aliceId) }]);
      expect(subscribed.status).toBe(200);
      expectModel(subscribed.body, 'ChannelTopicEntityListing');
      expect((subscribed.body as { entities: { id: string }[] }).entities.map((e) => e.id)).toEqual([CALL_TOPIC(aliceId)]);
      const foreign = await rejection(notifications.postNotificationsChannelSubscriptions(channel.id, [{ id: CALL_TOPIC(bobId) }]));
      expect(foreign.status).toBe(400);
      expectModel(foreign.body, 'ErrorBody');
      const ignored = await notifications.postNotificationsChannelSubscriptions(channel.id, [{ id: CALL_TOPIC(bobId) }], { ignoreErrors: true });
      expectModel(ignored.body, 'ChannelTopicEntityListing');
      expect((ignored.body as { entities: { id: string; state: string }[] }).entities).toContainEqual(expect.objectContaining({ id: CALL_TOPIC(bobId), state: 'Rejected' }));
      expect((await notifications.headNotificationsChannel(channel.id)).status).toBe(200);
      const listed = await notifications.getNotificationsChannels();
      expectModel(listed.body, 'ChannelEntityListing');

      socket = await openSocket(channel.connectUri);
      const heartbeat = await socket.next((f) => f.topicName === 'channel.metadata');
      expect(heartbeat).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
      socket.ws.send(JSON.stringify({ message: 'ping' }));
      const pong = await socket.next((f) => f.topicName === 'channel.metadata' && f.eventBody.message === 'pong');
      expect(pong).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'pong' } });
      expect(g.requests).toContainEqual({ method: 'GET', host: 'streaming.mypurecloud.com', path: `/channels/${channel.id}`, query: '', authorised: true, status: 101 });
    });

    it('places a call (CreateCallResponse = the conversation id): contacting, dialing, then connected when the far end answers', async () => {
      const created = await conversations.postConversationsCalls({ phoneNumber: '+33144556677' });
      expect(created.status).toBe(200);
      expectModel(created.body, 'CreateCallResponse');
      const { id } = created.body as { id: string; selfUri: string };
      expect(created.body).toEqual({ id, selfUri: `/api/v2/conversations/calls/${id}` });

      const contacting = await socket.next(callEvent(aliceId, id, (me) => me.state === 'contacting'));
      expectModel(contacting.eventBody, 'ConversationCallEventTopicCallConversation');
      expect(contacting).toMatchObject({ topicName: CALL_TOPIC(aliceId), version: '2', metadata: { CorrelationId: expect.any(String) } });
      const dialing = await socket.next(callEvent(aliceId, id, (me) => me.state === 'dialing'));
      expectModel(dialing.eventBody, 'ConversationCallEventTopicCallConversation');
      const far = (dialing.eventBody.participants as EventParticipant[]).find((p) => p.purpose === 'external');
      expect(far).toMatchObject({ state: 'dialing', direction: 'outbound', address: 'tel:+33144556677' });
      expect((dialing.eventBody.participants as EventParticipant[]).find((p) => p.user?.id === aliceId)).toMatchObject({ purpose: 'user', direction: 'outbound' });

      const listing = await conversations.getConversationsCalls();
      expectModel(listing.body, 'CallConversationEntityListing');
      expect((listing.body as { entities: { id: string }[] }).entities.map((c) => c.id)).toContain(id);
      const one = await conversations.getConversationsCall(id);
      expectModel(one.body, 'CallConversation');

      g.farEndAnswers(id);
      const connected = await socket.next(callEvent(aliceId, id, (me, all) => me.state === 'connected' && all.some((p) => p.purpose === 'external' && p.state === 'connected')));
      expectModel(connected.eventBody, 'ConversationCallEventTopicCallConversation');
    });

    it('mutes, holds, sends digits and blind-transfers through the participant endpoints', async () => {
      const listing = await conversations.getConversationsCalls();
      const call = (listing.body as { entities: { id: string; participants: { id: string; user?: { id: string } }[] }[] }).entities[0];
      expect(call).toBeDefined();
      const id = call?.id ?? '';
      const me = call?.participants.find((p) => p.user?.id === aliceId)?.id ?? '';

      const muted = await conversations.patchConversationsCallParticipant(id, me, { muted: true });
      expect(muted.status).toBe(202);
      expectModel((await socket.next(callEvent(aliceId, id, (p) => p.muted === true))).eventBody, 'ConversationCallEventTopicCallConversation');
      await conversations.patchConversationsCallParticipant(id, me, { held: true });
      const held = await socket.next(callEvent(aliceId, id, (p) => p.held === true));
      expectModel(held.eventBody, 'ConversationCallEventTopicCallConversation');
      await conversations.patchConversationsCallParticipant(id, me, { held: false });
      await socket.next(callEvent(aliceId, id, (p) => p.held === false));

      const digits = await conversations.postConversationParticipantDigits(id, me, { body: { digits: '12#' } });
      expect(digits.status).toBe(202);
      const badDigits = await rejection(conversations.postConversationParticipantDigits(id, me, { body: { digits: 'hello' } }));
      expect(badDigits.status).toBe(400);

      const replaced = await conversations.postConversationsCallParticipantReplace(id, me, { address: '+33155667788' });
      expect(replaced.status).toBe(202);
      const gone = await socket.next(callEvent(aliceId, id, (p) => p.state === 'disconnected'));
      expectModel(gone.eventBody, 'ConversationCallEventTopicCallConversation');
      expect((gone.eventBody.participants as EventParticipant[]).find((p) => p.user?.id === aliceId)?.disconnectType).toBe('transfer');
      expect(gone.eventBody.participants as EventParticipant[]).toContainEqual(expect.objectContaining({ purpose: 'external', address: 'tel:+33155667788', state: 'dialing' }));
      await socket.next(callEvent(aliceId, id, (p) => p.state === 'terminated'));
      expect(((await conversations.getConversationsCalls()).body as { entities: unknown[] }).entities).toEqual([]);

      expect(g.participantRequests.slice(-6).map((r) => [r.method, r.path.replace(id, 'C').replace(me, 'P'), r.body])).toEqual([
        ['PATCH', '/api/v2/conversations/calls/C/participants/P', { muted: true }],
        ['PATCH', '/api/v2/conversations/calls/C/participants/P', { held: true }],
        ['PATCH', '/api/v2/conversations/calls/C/participants/P', { held: false }],
        ['POST', '/api/v2/conversations/C/participants/P/digits', { digits: '12#' }],
        ['POST', '/api/v2/conversations/C/participants/P/digits', { digits: 'hello' }],
        ['POST', '/api/v2/conversations/calls/C/participants/P/replace', { address: '+33155667788' }],
      ]);
    });

    it('ends calls: the user hangs up (client), the far end hangs up (peer), each followed by terminated', async () => {
      const mine = ((await conversations.postConversationsCalls({ phoneNumber: '+33144556677' })).body as { id: string }).id;
      await socket.next(callEvent(aliceId, mine, (p) => p.state === 'dialing'));
      const conversation = (await conversations.getConversationsCall(mine)).body as { participants: { id: string; user?: { id: string } }[] };
      const me = conversation.participants.find((p) => p.user?.id === aliceId)?.id ?? '';
      await conversations.patchConversationsCallParticipant(mine, me, { state: 'disconnected' });
      const hungUp = await socket.next(callEvent(aliceId, mine, (p) => p.state === 'disconnected'));
      expect((hungUp.eventBody.participants as EventParticipant[]).map((p) => [p.purpose, p.state, p.disconnectType])).toEqual([
        ['user', 'disconnected', 'client'],
        ['external', 'disconnected', 'peer'],
      ]);
      await socket.next(callEvent(aliceId, mine, (p) => p.state === 'terminated'));

      const theirs = ((await conversations.postConversationsCalls({ phoneNumber: '+33144556677' })).body as { id: string }).id;
      await socket.next(callEvent(aliceId, theirs, (p) => p.state === 'dialing'));
      g.farEndAnswers(theirs);
      await socket.next(callEvent(aliceId, theirs, (p) => p.state === 'connected'));
      g.farEndHangsUp(theirs);
      const ended = await socket.next(callEvent(aliceId, theirs, (p) => p.state === 'disconnected'));
      expectModel(ended.eventBody, 'ConversationCallEventTopicCallConversation');
      expect((ended.eventBody.participants as EventParticipant[]).map((p) => [p.purpose, p.state, p.disconnectType])).toEqual([
        ['user', 'disconnected', 'peer'],
        ['external', 'disconnected', 'endpoint'],
      ]);
      await socket.next(callEvent(aliceId, theirs, (p) => p.state === 'terminated'));
    });

    it('rings the user for an incoming call, which they answer; another one is answered elsewhere', async () => {
      const { conversationId } = g.incomingCall(ALICE.email, { number: '+33612345678', name: 'Alicia Keys' });
      const alerting = await socket.next(callEvent(aliceId, conversationId, (p) => p.state === 'alerting'));
      expectModel(alerting.eventBody, 'ConversationCallEventTopicCallConversation');
      expect((alerting.eventBody.participants as EventParticipant[]).find((p) => p.purpose === 'external')).toMatchObject({ address: 'tel:+33612345678', name: 'Alicia Keys', state: 'connected', direction: 'inbound' });
      expect((alerting.eventBody.participants as EventParticipant[]).find((p) => p.user?.id === aliceId)).toMatchObject({ purpose: 'user', direction: 'inbound' });
      const rest = (await conversations.getConversationsCall(conversationId)).body as { participants: { id: string; user?: { id: string } }[] };
      expectModel(rest, 'CallConversation');
      const me = rest.participants.find((p) => p.user?.id === aliceId)?.id ?? '';
      await conversations.patchConversationsCallParticipant(conversationId, me, { state: 'connected' });
      expectModel((await socket.next(callEvent(aliceId, conversationId, (p) => p.state === 'connected'))).eventBody, 'ConversationCallEventTopicCallConversation');
      g.farEndHangsUp(conversationId);
      await socket.next(callEvent(aliceId, conversationId, (p) => p.state === 'terminated'));

      const second = g.incomingCall(ALICE.email, { number: '+33698765432' });
      await socket.next(callEvent(aliceId, second.conversationId, (p) => p.state === 'alerting'));
      g.answeredElsewhere(second.conversationId);
      const elsewhere = await socket.next(callEvent(aliceId, second.conversationId, (p) => p.state === 'disconnected'));
      expectModel(elsewhere.eventBody, 'ConversationCallEventTopicCallConversation');
      const participants = elsewhere.eventBody.participants as EventParticipant[];
      expect(participants.find((p) => p.user?.id === aliceId)).toMatchObject({ state: 'disconnected', disconnectType: 'system' });
      expect(participants.find((p) => p.purpose === 'external')?.state).toBe('connected');
      expect(participants.some((p) => p.purpose === 'user' && p.user?.id !== aliceId && p.state === 'connected')).toBe(true);
      await socket.next(callEvent(aliceId, second.conversationId, (p) => p.state === 'terminated'));
    });

    it('answers GET /api/v2/conversations/{id} (a Conversation: each participant’s Call), and sends a ringing call to the user’s voicemail (replace, voicemail: true), as the WebRTC SDK’s reject does', async () => {
      const { conversationId } = g.incomingCall(ALICE.email, { number: '+33612340000' });
      await socket.next(callEvent(aliceId, conversationId, (p) => p.state === 'alerting'));
      const generic = (await conversations.getConversation(conversationId)).body as { participants: { id: string; userId?: string; purpose: string; calls: { state: string }[] }[] };
      expectModel(generic, 'Conversation');
      const me = generic.participants.find((p) => p.userId === aliceId);
      expect(me).toMatchObject({ purpose: 'user', calls: [{ state: 'alerting' }] });
      await conversations.postConversationsCallParticipantReplace(conversationId, me!.id, { voicemail: true });
      const left = await socket.next(callEvent(aliceId, conversationId, (p) => p.state === 'disconnected'));
      expectModel(left.eventBody, 'ConversationCallEventTopicCallConversation');
      const participants = left.eventBody.participants as EventParticipant[];
      expect(participants.find((p) => p.user?.id === aliceId)).toMatchObject({ state: 'disconnected', disconnectType: 'transfer' });
      expect(participants.find((p) => p.purpose === 'external')?.state).toBe('connected');
      await socket.next(callEvent(aliceId, conversationId, (p) => p.state === 'terminated'));
      await expect(conversations.getConversation(randomUUID())).rejects.toMatchObject({ status: 404 });
    });

    it('drops sockets abruptly (the channel stays: a reconnect gets events again)', async () => {
      g.dropSockets();
      const closed = await socket.closed;
      expect(closed.code).toBe(1006);
      expect((await notifications.headNotificationsChannel(channel.id)).status).toBe(200);
      socket = await openSocket(channel.connectUri);
      const { conversationId } = g.incomingCall(ALICE.email, { number: '+33611112222' });
      await socket.next(callEvent(aliceId, conversationId, (p) => p.state === 'alerting'));
      g.answeredElsewhere(conversationId);
      await socket.next(callEvent(aliceId, conversationId, (p) => p.state === 'terminated'));
    });

    it('expires channels: v2.system.socket_closing, then the close; the channel is gone', async () => {
      g.expireChannels();
      const closing = await socket.next((f) => f.topicName === 'v2.system.socket_closing');
      expectModel(closing.eventBody, 'SystemMessageSystemMessage');
      expect(closing.eventBody.channelId).toBe(channel.id);
      const closed = await socket.closed;
      expect(closed.code).toBe(1001);
      expect((await rejection(notifications.headNotificationsChannel(channel.id))).status).toBe(404);
      await expect(openSocket(channel.connectUri)).rejects.toThrow();
      expect(g.requests.at(-1)).toMatchObject({ host: 'streaming.mypurecloud.com', authorised: false, status: 404 });
    });

    it('kept every message it sent, in order, with its channel', () => {
      const topics = g.events.filter((e) => e.channelId === channel.id).map((e) => e.topicName);
      expect(topics[0]).toBe('channel.metadata');
      // Heartbeats go on during the grace before the close; socket_closing is the last of the rest.
      expect(topics.filter((t) => t !== 'channel.metadata').at(-1)).toBe('v2.system.socket_closing');
      const calls = g.events.filter((e) => e.topicName === CALL_TOPIC(aliceId));
      expect(calls.length).toBeGreaterThanOrEqual(20);
      for (const e of calls) expectModel(e.eventBody, 'ConversationCallEventTopicCallConversation');
    });
  });

  it('gives a confidential Code Authorization client a refresh token that the client library refreshes with', async () => {
    const query = new URLSearchParams({ response_type: 'code', client_id: CONFIDENTIAL.clientId, redirect_uri: CONFIDENTIAL.redirectUris[0] ?? '' });
    const page = await raw(`${g.loginOrigin}/oauth/authorize?${query}`);
    expect(page.status).toBe(200);
    const res = await raw(`${g.loginOrigin}/oauth/authorize?${query}`, { method: 'POST', body: new URLSearchParams({ email: ALICE.email, password: ALICE.password }) });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const auth = await client.loginCodeAuthorizationGrant(CONFIDENTIAL.clientId, CONFIDENTIAL.secret, code, CONFIDENTIAL.redirectUris[0] ?? '');
    // The client hands back its own authData object, updated in place: keep the strings.
    const { accessToken, refreshToken = '' } = auth;
    expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const refreshed = await client.refreshCodeAuthorizationGrant(CONFIDENTIAL.clientId, CONFIDENTIAL.secret, refreshToken);
    expect(refreshed.accessToken).not.toBe(accessToken);
    expect((await users.getUsersMe()).status).toBe(200);
    // Without the secret the refresh is refused.
    const noSecret = await raw(`${g.loginOrigin}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CONFIDENTIAL.clientId }) });
    expect(noSecret.status).toBe(401);
    client.authData.refreshToken = undefined;
  });
});
