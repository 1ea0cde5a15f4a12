// Proves the Webex stand-in faithful by driving it with Cisco's own SDK REST layer: @webex/webex-core
// (WebexCore, its request pipeline and interceptors, its Credentials refresh grant) with
// @webex/plugin-people (webex.people.get('me'), webex.people.list). Every answer the SDK accepts
// is then held, field by field, against the schemas of Cisco's published API reference, written
// out below (no field the schema lacks, every required field, the types, the enum values).
//
// Loopback only: the SDK's HTTP client (the `request` library, in Node) gets an https.Agent
// through config.defaultRequestOptions that connects webexapis.com and idbroker.webex.com to the
// stand-in, trusts only its certificate, and refuses any other name (recorded; the last test
// checks none was tried). The SDK's hydra service is config.services.discovery.hydra =
// https://webexapis.com/v1; its u2c catalog discovery never reaches the network here, because
// webex-core alone lacks the metrics plugin that request goes through (the SDK logs that it could
// not init its service catalogs and goes on with the discovery URLs). The browser half of the
// sign-in (authorize, the login form) is plain fetch through the stand-in's undici dispatcher().
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWebexStandIn, type WebexStandIn } from './stand-in';

// ------------------------------------------------------------------------------- the reference

type Field =
  | { type: 'string' | 'number' | 'boolean'; required?: boolean; enum?: string[]; date?: boolean }
  | { type: 'array'; required?: boolean; items: Field }
  | { type: 'object'; required?: boolean; schema: string };
type Schema = Record<string, Field>;
const str = (extra: { required?: boolean; enum?: string[]; date?: boolean } = {}): Field => ({ type: 'string', ...extra });
const obj = (schema: string, required = false): Field => ({ type: 'object', schema, required });

/**
 * Cisco's published reference (developer.webex.com OpenAPI): tag "Call Controls" schemas Call,
 * PartyInformation, RedirectionInformation, RecallInformation, CallHistoryRecord and the enums
 * CallPersonalityEnum, CallStateEnum, CallTypeEnum, RecordingStateEnum, RedirectionReasonEnum,
 * RecallTypeEnum, CallHistoryRecordTypeEnum; operations dial (201 {callId, callSessionId}, both
 * required), listCalls and listCallHistory ({items} required); tag "People" schemas Person and
 * PersonCollectionResponse (Person marks nothing required); Webex Calling Voice Messaging "Get
 * Message Summary" response properties. Error body: wxc_sdk rest.py ErrorDetail (message and
 * trackingId required, errors[{description}]). Token response: wxc_sdk tokens.py Tokens, and the
 * Integrations guide (expires_in, refresh_token_expires_in in seconds). OAuth error: RFC 6749 5.2
 * as webex-core grant-errors.js reads it.
 */
const SCHEMAS: Record<string, Schema> = {
  PartyInformation: {
    name: str(),
    number: str(),
    personId: str(),
    placeId: str(),
    privacyEnabled: { type: 'boolean', required: true },
    callType: str({ required: true, enum: ['location', 'organization', 'external', 'emergency', 'repair', 'other'] }),
  },
  RedirectionInformation: {
    reason: str({ required: true, enum: ['busy', 'noAnswer', 'unavailable', 'unconditional', 'timeOfDay', 'divert', 'followMe', 'huntGroup', 'callQueue', 'unknown'] }),
    redirectingParty: obj('PartyInformation', true),
  },
  RecallInformation: { type: str({ required: true, enum: ['park'] }), party: obj('PartyInformation') },
  Call: {
    id: str({ required: true }),
    callSessionId: str({ required: true }),
    personality: str({ required: true, enum: ['originator', 'terminator', 'clickToDial'] }),
    state: str({ required: true, enum: ['connecting', 'alerting', 'connected', 'held', 'remoteHeld', 'disconnected'] }),
    remoteParty: obj('PartyInformation', true),
    appearance: { type: 'number' },
    created: str({ required: true, date: true }),
    answered: str({ date: true }),
    redirections: { type: 'array', items: obj('RedirectionInformation') },
    recall: obj('RecallInformation'),
    recordingState: str({ enum: ['pending', 'started', 'paused', 'stopped', 'failed'] }),
    muteCapable: { type: 'boolean', required: true },
    muted: { type: 'boolean', required: true },
  },
  CallList: { items: { type: 'array', required: true, items: obj('Call') } },
  DialResponse: { callId: str({ required: true }), callSessionId: str({ required: true }) },
  CallHistoryRecord: {
    type: str({ required: true, enum: ['placed', 'missed', 'received'] }),
    name: str(),
    number: str(),
    privacyEnabled: { type: 'boolean', required: true },
    time: str({ required: true, date: true }),
  },
  CallHistoryList: { items: { type: 'array', required: true, items: obj('CallHistoryRecord') } },
  MessageSummary: { newMessages: { type: 'number' }, oldMessages: { type: 'number' }, newUrgentMessages: { type: 'number' }, oldUrgentMessages: { type: 'number' } },
  PhoneNumber: { type: str({ enum: ['work', 'work_extension', 'mobile', 'fax'] }), value: str(), primary: { type: 'boolean' } },
  SipAddress: { type: str({ enum: ['personal-room', 'enterprise', 'cloud-calling'] }), value: str(), primary: { type: 'boolean' } },
  Address: { type: str(), country: str(), locality: str(), region: str(), streetAddress: str(), postalCode: str() },
  Person: {
    id: str(),
    emails: { type: 'array', items: str() },
    phoneNumbers: { type: 'array', items: obj('PhoneNumber') },
    extension: str(),
    locationId: str(),
    displayName: str(),
    nickName: str(),
    firstName: str(),
    lastName: str(),
    avatar: str(),
    orgId: str(),
    roles: { type: 'array', items: str() },
    licenses: { type: 'array', items: str() },
    department: str(),
    manager: str(),
    managerId: str(),
    title: str(),
    addresses: { type: 'array', items: obj('Address') },
    created: str({ date: true }),
    lastModified: str({ date: true }),
    timezone: str(),
    lastActivity: str({ date: true }),
    siteUrls: { type: 'array', items: str() },
    sipAddresses: { type: 'array', items: obj('SipAddress') },
    xmppFederationJid: str(),
    status: str({ enum: ['active', 'call', 'DoNotDisturb', 'inactive', 'meeting', 'OutOfOffice', 'pending', 'presenting', 'unknown'] }),
    invitePending: str({ enum: ['true', 'false'] }),
    loginEnabled: str({ enum: ['true', 'false'] }),
    type: str({ enum: ['person', 'bot', 'appuser'] }),
  },
  PersonCollectionResponse: { items: { type: 'array', items: obj('Person') }, notFoundIds: { type: 'array', items: str() } },
  SingleError: { description: str({ required: true }), errorCode: { type: 'number' } },
  ErrorDetail: { message: str({ required: true }), errors: { type: 'array', items: obj('SingleError') }, trackingId: str({ required: true }), errorCode: { type: 'number' } },
  Tokens: {
    access_token: str({ required: true }),
    expires_in: { type: 'number', required: true },
    refresh_token: str({ required: true }),
    refresh_token_expires_in: { type: 'number', required: true },
    token_type: str({ enum: ['Bearer'] }),
    scope: str(),
  },
  OAuthError: { error: str({ required: true, enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'] }), error_description: str(), error_uri: str() },
};
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/** Where `value` departs from the field or schema. */
function departures(value: unknown, field: Field | string, at = '$'): string[] {
  const f: Field = typeof field === 'string' ? obj(field) : field;
  if (f.type === 'array') {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    return value.flatMap((v, i) => departures(v, f.items, `${at}[${i}]`));
  }
  if (f.type === 'object') {
    const schema = SCHEMAS[f.schema];
    if (!schema) return [`${at}: no schema ${f.schema}`];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not a ${f.schema}`];
    const out: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const prop = schema[k];
      if (prop) out.push(...departures(v, prop, `${at}.${k}`));
      else out.push(`${at}.${k}: ${f.schema} has no such property`);
    }
    for (const [k, prop] of Object.entries(schema)) if (prop.required && !(k in value)) out.push(`${at}.${k}: required by ${f.schema}, missing`);
    return out;
  }
  if (typeof value !== f.type) return [`${at}: ${JSON.stringify(value)} is not a ${f.type}`];
  if (f.type === 'string' && f.enum && !f.enum.includes(value as string)) return [`${at}: ${JSON.stringify(value)} is not one of ${f.enum.join(', ')}`];
  if (f.type === 'string' && f.date && !ISO.test(value as string)) return [`${at}: ${String(value)} is not an ISO-8601 date`];
  return [];
}
const expectSchema = (value: unknown, schema: string) => expect(departures(value, schema), `${schema}: ${JSON.stringify(value)}`).toEqual([]);

// ------------------------------------------------------------------------------- the SDK

interface SdkResponse {
  statusCode: number;
  body: unknown;
  headers: Record<string, string>;
}
/** WebexHttpError (and, for OAuth failures, grant-errors' OAuthError) as far as the test reads it. */
interface SdkError extends Error {
  statusCode?: number;
  body?: unknown;
  headers?: Record<string, string>;
  retryAfter?: string;
  error?: string;
}
interface SdkToken {
  access_token: string;
  refresh_token?: string;
  scope?: string;
}
interface Webex {
  once(event: 'ready', fn: () => void): void;
  request(options: { method?: string; service?: string; resource?: string; uri?: string; qs?: Record<string, unknown>; body?: unknown }): Promise<SdkResponse>;
  people: { get(id: string): Promise<Record<string, unknown>>; list(options: Record<string, unknown>): Promise<{ items: unknown[] }> };
  credentials: { supertoken: SdkToken; refresh(): Promise<void>; refreshTimer?: NodeJS.Timeout };
}
type WebexCoreClass = new (attrs: { credentials: { supertoken: Record<string, unknown> }; config: Record<string, unknown> }) => Webex;

const require = createRequire(import.meta.url);
const WebexCore = (require('@webex/webex-core') as { default: WebexCoreClass }).default;
require('@webex/plugin-people');

// ------------------------------------------------------------------------------- fixtures

const OFFHOOK_SCOPE = 'spark:people_read spark:calls_read spark:calls_write';
const PKCE_CLIENT = { clientId: 'C0ffh00kPkce0000000000000000000000000000000000000000000000000001', redirectUris: ['https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/webex'] };
const CONFIDENTIAL = { clientId: 'C0ffh00kSecret00000000000000000000000000000000000000000000000002', secret: 'c0nf1dential-secret', redirectUris: ['https://server.example.test/callback'] };
const READ_ONLY = { clientId: 'C0ffh00kReadOnly000000000000000000000000000000000000000000000003', redirectUris: ['https://ro.example.test/cb'], scopes: ['spark:people_read', 'spark:calls_read'] };
const ALICE = { email: 'alice@example.test', password: 'alice-password', name: 'Alice Martin', number: '+33144556601', extension: '6601' };
const ALBERT = { email: 'albert@example.test', password: 'albert-password', name: 'Albert Roux', number: '+33144556602', extension: '6602' };
const BOB = { email: 'bob@example.test', password: 'bob-password', name: 'Bob Durand', calling: false };

let w: WebexStandIn;
let dispatcher: Agent;
let aliceId: string;
let albertId: string;
let webex: Webex;
const offLoopback: string[] = [];
const sdkErrors: string[] = [];
const sdkInstances: Webex[] = [];

/** The SDK's connections: the stand-in's names go to 127.0.0.1, trusting its certificate alone; no other name is dialled. */
class StandInAgent extends https.Agent {
  override createConnection(options: https.RequestOptions): Duplex {
    const servername = options.servername ?? options.hostname ?? options.host ?? '';
    if (servername !== 'webexapis.com' && servername !== 'idbroker.webex.com') {
      offLoopback.push(servername);
      throw new Error(`the test refuses to connect to ${servername}`);
    }
    return tls.connect({ ...(options as tls.ConnectionOptions), host: '127.0.0.1', port: w.port, servername, ca: w.certPem });
  }
}

function makeWebex(supertoken: Record<string, unknown>, client?: { clientId: string; secret?: string; redirectUris: string[] }): Promise<Webex> {
  const sdk = new WebexCore({
    credentials: { supertoken: { token_type: 'Bearer', ...supertoken } },
    config: {
      defaultRequestOptions: { agent: new StandInAgent({ keepAlive: false }), proxy: null },
      services: { discovery: { hydra: 'https://webexapis.com/v1' } },
      device: { preDiscoveryServices: { hydra: 'https://webexapis.com/v1', hydraServiceUrl: 'https://webexapis.com/v1' } },
      credentials: client ? { client_id: client.clientId, client_secret: client.secret, redirect_uri: client.redirectUris[0], scope: OFFHOOK_SCOPE } : {},
    },
  });
  sdkInstances.push(sdk);
  return new Promise((resolve) => sdk.once('ready', () => resolve(sdk)));
}

async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the request was expected to fail').toBeInstanceOf(Error);
  return error as SdkError;
}

async function raw(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'manual', ...init, dispatcher } as RequestInit);
}

const verifierAndChallenge = () => {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** The browser half: /v1/authorize, Webex's identity broker, the login form, the redirect with the code. */
async function authorize(
  user: { email: string; password: string },
  client: { clientId: string; redirectUris: string[] },
  opts: { cookie?: string; scope?: string; pkce?: boolean } = {},
): Promise<{ code: string; verifier: string; cookie?: string }> {
  const { verifier, challenge } = verifierAndChallenge();
  const state = `st-${randomBytes(6).toString('hex')}`;
  const redirectUri = client.redirectUris[0] ?? '';
  const query = new URLSearchParams({ response_type: 'code', client_id: client.clientId, redirect_uri: redirectUri, scope: opts.scope ?? OFFHOOK_SCOPE, state, ...(opts.pkce === false ? {} : { code_challenge: challenge, code_challenge_method: 'S256' }) });
  const first = await raw(`${w.apiOrigin}/v1/authorize?${query}`);
  expect(first.status).toBe(302);
  const broker = first.headers.get('location') ?? '';
  expect(broker).toBe(`https://idbroker.webex.com/idb/oauth2/v1/authorize?${query}`);
  let res = await raw(broker, { headers: opts.cookie ? { cookie: opts.cookie } : {} });
  if (res.status === 200) {
    const action = /<form method="post" action="([^"]+)"/.exec(await res.text())?.[1]?.replace(/&amp;/g, '&');
    expect(action).toBeDefined();
    res = await raw(`https://idbroker.webex.com${action}`, { method: 'POST', body: new URLSearchParams({ email: user.email, password: user.password }) });
  }
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  expect(location.searchParams.get('state')).toBe(state);
  const code = location.searchParams.get('code') ?? '';
  expect(code).not.toBe('');
  return { code, verifier, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? opts.cookie };
}

async function exchange(form: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await raw(`${w.apiOrigin}/v1/access_token`, { method: 'POST', body: new URLSearchParams(form) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function signIn(user: { email: string; password: string }, client: { clientId: string; secret?: string; redirectUris: string[] } = PKCE_CLIENT): Promise<Record<string, unknown>> {
  const { code, verifier } = await authorize(user, client);
  const token = await exchange({ grant_type: 'authorization_code', client_id: client.clientId, ...(client.secret ? { client_secret: client.secret } : {}), code, redirect_uri: client.redirectUris[0] ?? '', code_verifier: verifier });
  expect(token.status).toBe(200);
  return token.body;
}

const hydra = (sdk: Webex, method: string, resource: string, body?: unknown, qs?: Record<string, unknown>) => sdk.request({ method, service: 'hydra', resource, ...(body ? { body } : {}), ...(qs ? { qs } : {}) });
const listCalls = async (sdk = webex) => ((await hydra(sdk, 'GET', 'telephony/calls')).body as { items: { id: string; state: string; personality: string; muted: boolean }[] }).items;

beforeAll(async () => {
  // The SDK's own logger writes every step to the console; keep its errors, drop the chatter.
  for (const level of ['log', 'info', 'debug', 'trace'] as const) vi.spyOn(console, level).mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void sdkErrors.push(args.map(String).join(' ')));
  // Click to Dial is stepped by hand here: the user's device answers when the test says so.
  w = await startWebexStandIn({ deviceAnswersAfterMs: null });
  dispatcher = w.dispatcher();
  w.addClient(PKCE_CLIENT);
  w.addClient(CONFIDENTIAL);
  w.addClient(READ_ONLY);
  aliceId = w.addUser(ALICE).id;
  albertId = w.addUser(ALBERT).id;
  w.addUser(BOB);
  const token = await signIn(ALICE);
  webex = await makeWebex(token);
});

afterAll(async () => {
  for (const sdk of sdkInstances) clearTimeout(sdk.credentials.refreshTimer);
  await dispatcher?.close();
  await w?.close();
  vi.restoreAllMocks();
});

// ------------------------------------------------------------------------------- tests

describe('the Webex stand-in, driven by @webex/webex-core and @webex/plugin-people', () => {
  it('listens once for webexapis.com and idbroker.webex.com, with a certificate and resolver rules for Chromium', () => {
    expect(w.apiOrigin).toBe('https://webexapis.com');
    expect(w.loginOrigins).toEqual(['https://idbroker.webex.com']);
    expect(w.hostResolverRules).toBe(`MAP webexapis.com 127.0.0.1:${w.port}, MAP idbroker.webex.com 127.0.0.1:${w.port}`);
    expect(new X509Certificate(w.certPem).subjectAltName).toBe('DNS:webexapis.com, DNS:idbroker.webex.com');
    expect(w.spkiHash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('holds answers against the reference (the check itself finds what departs from it)', () => {
    expect(departures({ callId: 7, extra: true }, 'DialResponse')).toEqual(['$.callId: 7 is not a string', '$.extra: DialResponse has no such property', '$.callSessionId: required by DialResponse, missing']);
    expect(departures({ items: [{ type: 'outgoing', privacyEnabled: false, time: 'yesterday' }] }, 'CallHistoryList')).toEqual([
      '$.items[0].type: "outgoing" is not one of placed, missed, received',
      '$.items[0].time: yesterday is not an ISO-8601 date',
    ]);
  });

  describe('sign-in', () => {
    it('sends /v1/authorize to the identity broker, whose login page has Email, Password, Sign In and Cancel and refuses a wrong password', async () => {
      const { challenge } = verifierAndChallenge();
      const query = new URLSearchParams({ response_type: 'code', client_id: PKCE_CLIENT.clientId, redirect_uri: PKCE_CLIENT.redirectUris[0] ?? '', scope: OFFHOOK_SCOPE, state: 's1', code_challenge: challenge, code_challenge_method: 'S256' });
      const page = await raw(`https://idbroker.webex.com/idb/oauth2/v1/authorize?${query}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<label for="email">Email</label>');
      expect(html).toContain('<label for="password">Password</label>');
      expect(html).toContain('<button type="submit">Sign In</button>');
      expect(html).toContain('>Cancel</button>');
      const wrong = await raw(`https://idbroker.webex.com/idb/oauth2/v1/authorize?${query}`, { method: 'POST', body: new URLSearchParams({ email: ALICE.email, password: 'nope' }) });
      expect(wrong.status).toBe(200);
      expect(wrong.headers.get('location')).toBeNull();
      expect(await wrong.text()).toContain('role="alert"');
      const cancelled = await raw(`https://idbroker.webex.com/idb/oauth2/v1/authorize?${query}`, { method: 'POST', body: new URLSearchParams({ cancel: '1' }) });
      expect(cancelled.status).toBe(302);
      const back = new URL(cancelled.headers.get('location') ?? '');
      expect([back.searchParams.get('error'), back.searchParams.get('state')]).toEqual(['access_denied', 's1']);
    });

    it('shows an error page, without redirecting, for an unknown client or a redirect URI not registered; a PKCE client without a challenge is sent back with invalid_request', async () => {
      for (const [clientId, redirect] of [
        ['Cunknown', PKCE_CLIENT.redirectUris[0]],
        [PKCE_CLIENT.clientId, 'https://evil.example.test/cb'],
      ]) {
        const res = await raw(`https://idbroker.webex.com/idb/oauth2/v1/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId ?? '', redirect_uri: redirect ?? '', scope: OFFHOOK_SCOPE })}`);
        expect(res.status).toBe(400);
        expect(res.headers.get('location')).toBeNull();
      }
      const res = await raw(`https://idbroker.webex.com/idb/oauth2/v1/authorize?${new URLSearchParams({ response_type: 'code', client_id: PKCE_CLIENT.clientId, redirect_uri: PKCE_CLIENT.redirectUris[0] ?? '', scope: OFFHOOK_SCOPE, state: 's2' })}`);
      expect(res.status).toBe(302);
      expect(new URL(res.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
    });

    it('trades a code (once, with its S256 verifier) for the token response the reference describes; a live login session re-authorises at once', async () => {
      const login = await authorize(ALICE, PKCE_CLIENT);
      const form = { grant_type: 'authorization_code', client_id: PKCE_CLIENT.clientId, code: login.code, redirect_uri: PKCE_CLIENT.redirectUris[0] ?? '' };
      const wrong = await exchange({ ...form, code_verifier: verifierAndChallenge().verifier });
      expect(wrong.status).toBe(400);
      expectSchema(wrong.body, 'OAuthError');
      expect(wrong.body.error).toBe('invalid_grant');
      const again = await authorize(ALICE, PKCE_CLIENT, { cookie: login.cookie });
      const token = await exchange({ ...form, code: again.code, code_verifier: again.verifier });
      expect(token.status).toBe(200);
      expectSchema(token.body, 'Tokens');
      expect(Object.keys(token.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'scope', 'token_type']);
      expect(token.body).toMatchObject({ expires_in: 1_209_599, refresh_token_expires_in: 7_776_000, token_type: 'Bearer', scope: OFFHOOK_SCOPE });
      // A user access token as Webex mints them: <opaque>_<cluster>_<orgId> (what the SDK reads the org from).
      expect(token.body.access_token).toMatch(/^[A-Za-z0-9]+_[A-Z0-9]+_[0-9a-f-]{36}$/);
      const reused = await exchange({ ...form, code: again.code, code_verifier: again.verifier });
      expect([reused.status, reused.body.error]).toEqual([400, 'invalid_grant']);
    });

    it('grants the asked scopes the integration registered, and a confidential client needs its secret', async () => {
      const { code } = await authorize(ALICE, READ_ONLY, { scope: OFFHOOK_SCOPE });
      const { verifier } = verifierAndChallenge();
      const mismatched = await exchange({ grant_type: 'authorization_code', client_id: READ_ONLY.clientId, code, redirect_uri: READ_ONLY.redirectUris[0] ?? '', code_verifier: verifier });
      expect(mismatched.status).toBe(400);
      const ro = await authorize(ALICE, READ_ONLY);
      const token = await exchange({ grant_type: 'authorization_code', client_id: READ_ONLY.clientId, code: ro.code, redirect_uri: READ_ONLY.redirectUris[0] ?? '', code_verifier: ro.verifier });
      expect(token.body.scope).toBe('spark:people_read spark:calls_read');

      const secretless = await authorize(ALICE, CONFIDENTIAL, { pkce: false });
      const noSecret = await exchange({ grant_type: 'authorization_code', client_id: CONFIDENTIAL.clientId, code: secretless.code, redirect_uri: CONFIDENTIAL.redirectUris[0] ?? '' });
      expect(noSecret.status).toBe(401);
      expectSchema(noSecret.body, 'OAuthError');
      expect(noSecret.body.error).toBe('invalid_client');
    });
  });

  describe('people', () => {
    it('answers webex.people.get("me") with a Person, and the calling fields for callingData=true', async () => {
      const me = await webex.people.get('me');
      expectSchema(me, 'Person');
      expect(me).toMatchObject({ id: aliceId, emails: [ALICE.email], displayName: ALICE.name, firstName: 'Alice', lastName: 'Martin', type: 'person' });
      expect(Buffer.from(aliceId, 'base64').toString()).toMatch(/^ciscospark:\/\/us\/PEOPLE\/[0-9a-f-]{36}$/);
      expect(me).not.toHaveProperty('phoneNumbers');
      const calling = await hydra(webex, 'GET', 'people/me', undefined, { callingData: true });
      expect(calling.statusCode).toBe(200);
      expectSchema(calling.body, 'Person');
      expect(calling.body).toMatchObject({ phoneNumbers: [{ type: 'work', value: ALICE.number, primary: true }], extension: ALICE.extension, locationId: expect.any(String) });
      expect(w.requests.at(-1)).toMatchObject({ method: 'GET', host: 'webexapis.com', path: '/v1/people/me', query: 'callingData=true', authorised: true, status: 200 });
    });

    it('searches the directory (webex.people.list) by display-name prefix, case-insensitive, or by e-mail', async () => {
      const byName = await webex.people.list({ displayName: 'al', callingData: true });
      expectSchema({ items: byName.items }, 'PersonCollectionResponse');
      expect(byName.items.map((p) => (p as { displayName: string }).displayName)).toEqual([ALBERT.name, ALICE.name]);
      expect(byName.items[0]).toMatchObject({ id: albertId, extension: ALBERT.extension });
      const byEmail = await webex.people.list({ email: BOB.email });
      expect(byEmail.items).toHaveLength(1);
      expect(byEmail.items[0]).toMatchObject({ displayName: BOB.name });
      const none = await rejection(webex.people.list({}));
      expect(none.statusCode).toBe(400);
      expectSchema(none.body, 'ErrorDetail');
    });
  });

  describe('call control (Click to Dial)', () => {
    it('dials: 201 {callId, callSessionId}; the call alerts the user as clickToDial, goes originator/connecting when their device answers, connected when the far end does', async () => {
      const res = await hydra(webex, 'POST', 'telephony/calls/dial', { destination: '+33612345678' });
      expect(res.statusCode).toBe(201);
      expectSchema(res.body, 'DialResponse');
      const { callId } = res.body as { callId: string };
      const listed = await hydra(webex, 'GET', 'telephony/calls');
      expectSchema(listed.body, 'CallList');
      const details = await hydra(webex, 'GET', `telephony/calls/${callId}`);
      expectSchema(details.body, 'Call');
      expect(details.body).toMatchObject({ id: callId, personality: 'clickToDial', state: 'alerting', remoteParty: { number: '+33612345678', privacyEnabled: false, callType: 'external' }, appearance: 1, muteCapable: true, muted: false });
      expect(details.body).not.toHaveProperty('answered');
      w.deviceAnswers(callId);
      expect((await hydra(webex, 'GET', `telephony/calls/${callId}`)).body).toMatchObject({ personality: 'originator', state: 'connecting' });
      w.farEndAnswers(callId);
      const connected = await hydra(webex, 'GET', `telephony/calls/${callId}`);
      expectSchema(connected.body, 'Call');
      expect(connected.body).toMatchObject({ state: 'connected', answered: expect.any(String) });
      expect(w.dials.at(-1)).toEqual({ userId: aliceId, body: { destination: '+33612345678' } });
      expect(w.commands.at(-1)).toEqual({ userId: aliceId, op: 'dial', body: { destination: '+33612345678' }, callId });
      expect(w.stateChanges.filter((s) => s.callId === callId).map((s) => s.state)).toEqual(['alerting', 'connecting', 'connected']);
    });

    it('holds, resumes, mutes, unmutes and sends DTMF (204 each), refusing what the state does not allow (400)', async () => {
      const callId = (await listCalls())[0]?.id ?? '';
      for (const [op, body, state] of [
        ['hold', {}, 'held'],
        ['resume', {}, 'connected'],
        ['mute', {}, 'connected'],
        ['transmitDtmf', { dtmf: '1,23#' }, 'connected'],
        ['unmute', {}, 'connected'],
      ] as const) {
        const res = await hydra(webex, 'POST', `telephony/calls/${op}`, { callId, ...body });
        expect(res.statusCode, op).toBe(204);
        const call = (await hydra(webex, 'GET', `telephony/calls/${callId}`)).body as { state: string; muted: boolean };
        expectSchema(call, 'Call');
        expect(call.state, op).toBe(state);
        expect(call.muted, op).toBe(op === 'mute' || op === 'transmitDtmf');
      }
      const resume = await rejection(hydra(webex, 'POST', 'telephony/calls/resume', { callId }));
      expect(resume.statusCode).toBe(400);
      expectSchema(resume.body, 'ErrorDetail');
      const dtmf = await rejection(hydra(webex, 'POST', 'telephony/calls/transmitDtmf', { callId, dtmf: 'hello' }));
      expect(dtmf.statusCode).toBe(400);
      expect(w.commands.slice(-7).map((c) => c.op)).toEqual(['hold', 'resume', 'mute', 'transmitDtmf', 'unmute', 'resume', 'transmitDtmf']);
    });

    it('hangs up: the call leaves the list (listCalls is of active calls), its details answer 404, and a placed record joins the history', async () => {
      const callId = (await listCalls())[0]?.id ?? '';
      expect((await hydra(webex, 'POST', 'telephony/calls/hangup', { callId })).statusCode).toBe(204);
      expect(await listCalls()).toEqual([]);
      const gone = await rejection(hydra(webex, 'GET', `telephony/calls/${callId}`));
      expect(gone.statusCode).toBe(404);
      expectSchema(gone.body, 'ErrorDetail');
      const history = await hydra(webex, 'GET', 'telephony/calls/history', undefined, { type: 'placed' });
      expectSchema(history.body, 'CallHistoryList');
      expect((history.body as { items: unknown[] }).items).toEqual([{ type: 'placed', number: '+33612345678', privacyEnabled: false, time: expect.any(String) }]);
      expect(w.stateChanges.at(-1)).toMatchObject({ callId, state: 'disconnected' });
      const badType = await rejection(hydra(webex, 'GET', 'telephony/calls/history', undefined, { type: 'outgoing' }));
      expect(badType.statusCode).toBe(400);
    });

    it('answers 404 for an unknown call and 400 for a missing callId', async () => {
      for (const op of ['answer', 'reject', 'hangup', 'hold', 'resume', 'divert', 'transmitDtmf', 'mute']) {
        const unknown = await rejection(hydra(webex, 'POST', `telephony/calls/${op}`, { callId: 'Y2lzY29zcGFyazovL3VzL0NBTEwvbm9uZQ', destination: '1234', dtmf: '1' }));
        expect(unknown.statusCode, op).toBe(404);
        expectSchema(unknown.body, 'ErrorDetail');
      }
      const missing = await rejection(hydra(webex, 'POST', 'telephony/calls/hangup', {}));
      expect(missing.statusCode).toBe(400);
      expect((missing.body as { message: string }).message).toContain('callId');
    });
  });

  describe('incoming calls', () => {
    it('rings the user (terminator, alerting); they answer; an organization party holds (remoteHeld); the far end hangs up: a received record', async () => {
      const { callId } = w.incomingCall(ALICE.email, { number: ALBERT.extension });
      const ringing = (await hydra(webex, 'GET', `telephony/calls/${callId}`)).body;
      expectSchema(ringing, 'Call');
      expect(ringing).toMatchObject({ personality: 'terminator', state: 'alerting', remoteParty: { name: ALBERT.name, number: ALBERT.extension, personId: albertId, callType: 'location' } });
      const early = await rejection(hydra(webex, 'POST', 'telephony/calls/hold', { callId }));
      expect(early.statusCode).toBe(400);
      expect((await hydra(webex, 'POST', 'telephony/calls/answer', { callId })).statusCode).toBe(204);
      expect(((await hydra(webex, 'GET', `telephony/calls/${callId}`)).body as { state: string }).state).toBe('connected');
      w.farEndHolds(callId, true);
      const held = (await hydra(webex, 'GET', `telephony/calls/${callId}`)).body;
      expectSchema(held, 'Call');
      expect(held).toMatchObject({ state: 'remoteHeld' });
      w.farEndHolds(callId, false);
      w.farEndHangsUp(callId);
      expect(await listCalls()).toEqual([]);
      const received = ((await hydra(webex, 'GET', 'telephony/calls/history', undefined, { type: 'received' })).body as { items: unknown[] }).items;
      expect(received).toEqual([{ type: 'received', name: ALBERT.name, number: ALBERT.extension, privacyEnabled: false, time: expect.any(String) }]);
    });

    it('rejects (a missed record), is answered elsewhere (connected without an API answer), diverts, and refuses remoteHeld for an outside party', async () => {
      const first = w.incomingCall(ALICE.email, { number: '+33698765432', name: 'Carla Bruni' });
      const badAction = await rejection(hydra(webex, 'POST', 'telephony/calls/reject', { callId: first.callId, action: 'decline' }));
      expect(badAction.statusCode).toBe(400);
      expect((await hydra(webex, 'POST', 'telephony/calls/reject', { callId: first.callId, action: 'busy' })).statusCode).toBe(204);
      const missed = ((await hydra(webex, 'GET', 'telephony/calls/history', undefined, { type: 'missed' })).body as { items: unknown[] }).items;
      expect(missed[0]).toEqual({ type: 'missed', name: 'Carla Bruni', number: '+33698765432', privacyEnabled: false, time: expect.any(String) });

      const second = w.incomingCall(ALICE.email, { number: '+33698765433' });
      w.answeredElsewhere(second.callId);
      const elsewhere = (await hydra(webex, 'GET', `telephony/calls/${second.callId}`)).body;
      expectSchema(elsewhere, 'Call');
      expect(elsewhere).toMatchObject({ personality: 'terminator', state: 'connected', answered: expect.any(String) });
      expect(() => w.farEndHolds(second.callId, true)).toThrow(/outside the organization/);
      const noWhere = await rejection(hydra(webex, 'POST', 'telephony/calls/divert', { callId: second.callId }));
      expect(noWhere.statusCode).toBe(400);
      expect((await hydra(webex, 'POST', 'telephony/calls/divert', { callId: second.callId, toVoicemail: true })).statusCode).toBe(204);
      expect(await listCalls()).toEqual([]);
    });

    it('transfers two calls together (204) and Mute-Transfers one to a destination (201 {callId, callSessionId}, done when it answers)', async () => {
      const a = w.incomingCall(ALICE.email, { number: '+33611110001' });
      await hydra(webex, 'POST', 'telephony/calls/answer', { callId: a.callId });
      const unanswered = w.incomingCall(ALICE.email, { number: '+33611110002' });
      const refused = await rejection(hydra(webex, 'POST', 'telephony/calls/transfer', {}));
      expect(refused.statusCode).toBe(400);
      w.answeredElsewhere(unanswered.callId);
      expect((await listCalls()).map((c) => c.id)).toEqual([a.callId, unanswered.callId]);
      expect((await hydra(webex, 'POST', 'telephony/calls/transfer', {})).statusCode).toBe(204);
      expect(await listCalls()).toEqual([]);

      const b = w.incomingCall(ALICE.email, { number: '+33611110003' });
      await hydra(webex, 'POST', 'telephony/calls/answer', { callId: b.callId });
      const lone = await rejection(hydra(webex, 'POST', 'telephony/calls/transfer', { callId1: b.callId }));
      expect(lone.statusCode).toBe(400);
      const mute = await hydra(webex, 'POST', 'telephony/calls/transfer', { callId1: b.callId, destination: '+33155667788' });
      expect(mute.statusCode).toBe(201);
      expectSchema(mute.body, 'DialResponse');
      const { callId } = mute.body as { callId: string };
      expect((await listCalls()).find((c) => c.id === callId)).toMatchObject({ personality: 'originator', state: 'connecting' });
      w.farEndAnswers(callId);
      expect(await listCalls()).toEqual([]);
    });
  });

  it('answers the voice message summary as the reference describes', async () => {
    const empty = await hydra(webex, 'GET', 'telephony/voiceMessages/summary');
    expectSchema(empty.body, 'MessageSummary');
    expect(empty.body).toEqual({ newMessages: 0, oldMessages: 0, newUrgentMessages: 0, oldUrgentMessages: 0 });
    w.setVoicemail(ALICE.email, { newMessages: 2, oldMessages: 5 });
    expect((await hydra(webex, 'GET', 'telephony/voiceMessages/summary')).body).toEqual({ newMessages: 2, oldMessages: 5, newUrgentMessages: 0, oldUrgentMessages: 0 });
  });

  describe('refusals', () => {
    it('refuses a dial to a refused number (400, its message) and rate-limits with 429 and Retry-After', async () => {
      w.refuseNumber('+33100000000', 'Calls to this number are blocked by your administrator.');
      const refused = await rejection(hydra(webex, 'POST', 'telephony/calls/dial', { destination: '+33100000000' }));
      expect(refused.statusCode).toBe(400);
      expectSchema(refused.body, 'ErrorDetail');
      expect(refused.body).toMatchObject({ message: 'Calls to this number are blocked by your administrator.', errors: [{ description: 'Calls to this number are blocked by your administrator.' }] });
      const nothing = await rejection(hydra(webex, 'POST', 'telephony/calls/dial', {}));
      expect(nothing.statusCode).toBe(400);

      w.rateLimit('/v1/telephony/calls', 1, 7);
      const limited = await rejection(hydra(webex, 'GET', 'telephony/calls'));
      expect(limited.statusCode).toBe(429);
      expect(limited.retryAfter).toBe('7');
      expect(limited.headers?.['retry-after']).toBe('7');
      expectSchema(limited.body, 'ErrorDetail');
      expect((await hydra(webex, 'GET', 'telephony/calls')).statusCode).toBe(200);
    });

    it('answers 403 naming the scope a token lacks', async () => {
      const { code, verifier } = await authorize(ALICE, READ_ONLY);
      const token = await exchange({ grant_type: 'authorization_code', client_id: READ_ONLY.clientId, code, redirect_uri: READ_ONLY.redirectUris[0] ?? '', code_verifier: verifier });
      const ro = await makeWebex(token.body);
      expect((await hydra(ro, 'GET', 'telephony/calls')).statusCode).toBe(200);
      const forbidden = await rejection(hydra(ro, 'POST', 'telephony/calls/dial', { destination: '1234' }));
      expect(forbidden.statusCode).toBe(403);
      expectSchema(forbidden.body, 'ErrorDetail');
      expect((forbidden.body as { message: string }).message).toContain('spark:calls_write');
    });

    it('gives a user without Webex Calling no calling data and 403 on /telephony', async () => {
      const bob = await makeWebex(await signIn(BOB));
      const me = (await hydra(bob, 'GET', 'people/me', undefined, { callingData: true })).body;
      expectSchema(me, 'Person');
      expect(me).not.toHaveProperty('phoneNumbers');
      expect(me).not.toHaveProperty('locationId');
      for (const resource of ['telephony/calls', 'telephony/calls/history', 'telephony/voiceMessages/summary']) {
        const denied = await rejection(hydra(bob, 'GET', resource));
        expect(denied.statusCode, resource).toBe(403);
        expectSchema(denied.body, 'ErrorDetail');
      }
      expect((await rejection(hydra(bob, 'POST', 'telephony/calls/dial', { destination: '1234' }))).statusCode).toBe(403);
    });

    it('answers 401 with Webex’s error body without a token, after revoke (the login session goes too), and past expires_in', async () => {
      const none = await raw(`${w.apiOrigin}/v1/people/me`);
      expect(none.status).toBe(401);
      expectSchema(await none.json(), 'ErrorDetail');
      const login = await authorize(ALBERT, PKCE_CLIENT);
      const token = await exchange({ grant_type: 'authorization_code', client_id: PKCE_CLIENT.clientId, code: login.code, redirect_uri: PKCE_CLIENT.redirectUris[0] ?? '', code_verifier: login.verifier });
      const albert = await makeWebex(token.body);
      expect((await albert.people.get('me')).id).toBe(albertId);
      w.revoke(ALBERT.email);
      const revoked = await rejection(hydra(albert, 'GET', 'telephony/calls'));
      expect(revoked.statusCode).toBe(401);
      expectSchema(revoked.body, 'ErrorDetail');
      expect(w.requests.at(-1)).toMatchObject({ path: '/v1/telephony/calls', authorised: false, status: 401 });
      const refresh = await exchange({ grant_type: 'refresh_token', client_id: PKCE_CLIENT.clientId, refresh_token: String(token.body.refresh_token) });
      expect([refresh.status, refresh.body.error]).toEqual([400, 'invalid_grant']);
      const { challenge } = verifierAndChallenge();
      const page = await raw(`https://idbroker.webex.com/idb/oauth2/v1/authorize?${new URLSearchParams({ response_type: 'code', client_id: PKCE_CLIENT.clientId, redirect_uri: PKCE_CLIENT.redirectUris[0] ?? '', scope: OFFHOOK_SCOPE, code_challenge: challenge, code_challenge_method: 'S256' })}`, {
        headers: { cookie: login.cookie ?? '' },
      });
      expect(page.status).toBe(200);

      w.setTokenLifetime(1);
      const short = await exchange({ grant_type: 'refresh_token', client_id: PKCE_CLIENT.clientId, refresh_token: String((await signIn(ALBERT)).refresh_token) });
      w.setTokenLifetime(1_209_599);
      expect(short.body.expires_in).toBe(1);
      const shortLived = await raw(`${w.apiOrigin}/v1/people/me`, { headers: { authorization: `Bearer ${String(short.body.access_token)}` } });
      expect(shortLived.status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await raw(`${w.apiOrigin}/v1/people/me`, { headers: { authorization: `Bearer ${String(short.body.access_token)}` } })).status).toBe(401);
    });
  });

  describe("the SDK's refresh grant (config.credentials client_id/client_secret, at idbroker.webex.com)", () => {
    it('refreshes with webex.credentials.refresh(), and on a 401 refreshes and replays the request by itself', async () => {
      const token = await signIn(ALICE, CONFIDENTIAL);
      const sdk = await makeWebex(token, CONFIDENTIAL);
      const seen = w.requests.length;
      await sdk.credentials.refresh();
      expect(w.requests.slice(seen)).toEqual([{ method: 'POST', host: 'idbroker.webex.com', path: '/idb/oauth2/v1/access_token', query: '', authorised: true, status: 200, at: expect.any(Number) }]);
      expect(sdk.credentials.supertoken.access_token).not.toBe(token.access_token);
      expect(sdk.credentials.supertoken.refresh_token).toBe(token.refresh_token);
      expect((await sdk.people.get('me')).id).toBe(aliceId);

      // An access token Webex no longer honours: the SDK's AuthInterceptor refreshes on the 401 and replays.
      const stale = await makeWebex(await signIn(ALBERT, CONFIDENTIAL), CONFIDENTIAL);
      w.expireAccessTokens(ALBERT.email);
      const before = w.requests.length;
      const calls = await hydra(stale, 'GET', 'telephony/calls');
      expect(calls.statusCode).toBe(200);
      expect(w.requests.slice(before).map((r) => [r.host, r.path, r.status])).toEqual([
        ['webexapis.com', '/v1/telephony/calls', 401],
        ['idbroker.webex.com', '/idb/oauth2/v1/access_token', 200],
        ['webexapis.com', '/v1/telephony/calls', 200],
      ]);
      // The refresh grant needs the confidential client's secret.
      const noSecret = await exchange({ grant_type: 'refresh_token', client_id: CONFIDENTIAL.clientId, refresh_token: String(token.refresh_token) });
      expect([noSecret.status, noSecret.body.error]).toEqual([401, 'invalid_client']);
    });
  });

  it('answers CORS preflights from an extension origin', async () => {
    const res = await raw(`${w.apiOrigin}/v1/telephony/calls/dial`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('kept the SDK on loopback: every request reached webexapis.com or idbroker.webex.com, no other name was dialled', () => {
    expect(offLoopback).toEqual([]);
    expect(new Set(w.requests.map((r) => r.host))).toEqual(new Set(['webexapis.com', 'idbroker.webex.com']));
    // What the SDK did log as errors: only that its u2c service catalogs could not be collected (see the header).
    for (const e of sdkErrors) expect(e).toMatch(/services: failed to init initial services/);
  });
});
