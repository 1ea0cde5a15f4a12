// Proves the Wazo stand-in faithful by driving it with Wazo's own JS SDK (@wazo/sdk): what the
// SDK's parsers (Session, Profile, SipLine, Contact, CallLog) make of its answers is what they
// make of a real Wazo's. Loopback only.
//
// The SDK is loaded through require: its ES build imports sip.js paths without extensions,
// which Node's ESM loader refuses; its CommonJS build loads in Node as is (no browser globals
// are needed for the REST clients). Node's fetch is told to trust the stand-in's self-signed
// certificate, and only it, through an undici Agent given to the SDK as fetchOptions.dispatcher.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as WazoSdk from '@wazo/sdk';
import { encodeFrame, readFrames } from '../ws-frames';
import { startWazoStandIn, type WazoStandIn } from './stand-in';

const sdk = createRequire(import.meta.url)('@wazo/sdk') as typeof WazoSdk;
type ApiClient = InstanceType<typeof WazoSdk.WazoApiClient>;

const ALICE = {
  uuid: '3b4711bf-1227-4222-86ef-68d15b102f99',
  login: 'alice',
  password: 'alice-password',
  firstname: 'Alice',
  lastname: 'Martin',
  email: 'alice@example.test',
  mobilePhoneNumber: '0601020304',
  lines: [{ id: 2, username: 't05179qh', secret: 'qvgyt5p5', options: [['webrtc', 'yes']] as [string, string][] }],
};
const BOB = { login: 'bob', password: 'bob-password', firstname: 'Bob', lastname: 'Durand', lines: [{ id: 3, username: 'bobsip', secret: 'bob-secret' }] };
const CLIENT_ID = 'offhook-test-client';

let wazo: WazoStandIn;
let echo: { url: string; seen: { path: string; host: string; protocol: string; origin: string }[]; close(): Promise<void> };
let dispatcher: Agent;
let bobUuid: string;

/** A client of the stand-in, as an app makes one; with `clientId`, logIn asks for a refresh token. */
function client(clientId?: string): ApiClient {
  const c = new sdk.WazoApiClient({ server: wazo.host, ...(clientId ? { clientId } : {}), fetchOptions: { dispatcher } as RequestInit });
  c.disableErrorLogging();
  return c;
}

async function rawFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${wazo.url}${path}`, { ...init, dispatcher } as RequestInit);
}

async function rejection(promise: Promise<unknown>): Promise<WazoSdk.BadResponse> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(sdk.BadResponse);
  return error as WazoSdk.BadResponse;
}

beforeAll(async () => {
  echo = await startEchoServer();
  wazo = await startWazoStandIn({ sipWsUrl: echo.url });
  dispatcher = new Agent({ connect: { ca: wazo.certPem } });
  wazo.addUser(ALICE);
  bobUuid = wazo.addUser(BOB).uuid;
  wazo.addContact({ name: 'Alicia Keys', number: '+33144556677', email: 'alicia@example.test' });
  wazo.addContact({ name: 'Zoé Alibert', number: '0499887766', source: 'personal' });
  wazo.addCallLog('alice', {
    start: '2026-03-02T09:00:00.000Z',
    end: '2026-03-02T09:05:00.000Z',
    answered: true,
    direction: 'inbound',
    sourceName: 'Alicia Keys',
    sourceExtension: '+33144556677',
    destinationName: 'Alice Martin',
    destinationExtension: '1002',
    durationSeconds: 280,
  });
  wazo.addCallLog('alice', {
    start: '2026-03-03T14:30:00.000Z',
    answered: false,
    direction: 'internal',
    sourceName: 'Bob Durand',
    sourceExtension: '1003',
    destinationName: 'Alice Martin',
    destinationExtension: '1002',
  });
  wazo.addCallLog('alice', {
    start: '2026-03-04T08:15:00.000Z',
    end: '2026-03-04T08:16:00.000Z',
    answered: true,
    direction: 'outbound',
    sourceName: 'Alice Martin',
    sourceExtension: '1002',
    destinationName: '0612345678',
    destinationExtension: '0612345678',
    durationSeconds: 50,
  });
});

afterAll(async () => {
  await wazo?.close();
  await echo?.close();
  await dispatcher?.close();
});

describe('Wazo stand-in, as @wazo/sdk sees it', () => {
  it('serves its certificate with the SPKI hash it reports', () => {
    expect(wazo.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(wazo.url).toBe(`https://${wazo.host}`);
    expect(wazo.certPem).toContain('BEGIN CERTIFICATE');
    expect(wazo.certPath).toMatch(/cert\.pem$/);
    expect(Buffer.from(wazo.spkiHash, 'base64')).toHaveLength(32);
  });

  it('logs in: a Session with token, refresh token, user and tenant, and its expiry', async () => {
    const c = client(CLIENT_ID);
    const before = Date.now();
    const session = await c.auth.logIn({ username: 'alice', password: 'alice-password', expiration: 3600 });
    expect(session).toBeInstanceOf(sdk.Session);
    expect(session?.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(session?.refreshToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(session?.uuid).toBe(ALICE.uuid);
    expect(session?.tenantUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(session?.sessionUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(session?.stackUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(session?.acl).toContain('confd.users.me.read');
    const expiresAt = session?.expiresAt.getTime() ?? 0;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000);
    expect(session?.metadata).toMatchObject({ uuid: ALICE.uuid, pbx_user_uuid: ALICE.uuid, purpose: 'user' });

    // The same client_id signing in again gets the same refresh token, as wazo-auth gives.
    const again = await c.auth.logIn({ username: 'alice', password: 'alice-password', expiration: 60 });
    expect(again?.refreshToken).toBe(session?.refreshToken);
    expect(again?.token).not.toBe(session?.token);

    // Without a client_id there is no refresh token.
    const online = await client().auth.logIn({ username: 'alice', password: 'alice-password', expiration: 60 });
    expect(online?.refreshToken).toBeNull();

    // The token checks.
    expect(await c.auth.checkToken(session?.token ?? '')).toBe(true);
    expect(await c.auth.checkToken('00000000-0000-0000-0000-000000000000')).toBe(false);
    const read = await c.auth.authenticate(session?.token ?? '');
    expect(read?.uuid).toBe(ALICE.uuid);
    expect(read?.token).toBe(session?.token);
  });

  it('refuses a wrong password or an unknown login with 401', async () => {
    const wrong = await rejection(client().auth.logIn({ username: 'alice', password: 'nope', expiration: 60 }));
    expect(wrong.status).toBe(401);
    expect(wrong.message).toContain('Authentication Failed');
    const unknown = await rejection(client().auth.logIn({ username: 'mallory', password: 'x', expiration: 60 }));
    expect(unknown.status).toBe(401);
  });

  it('refreshes a token; after revoke the refresh token and the tokens are refused', async () => {
    const c = client(CLIENT_ID);
    const session = await c.auth.logIn({ username: 'bob', password: 'bob-password', expiration: 600 });
    const refreshed = await c.auth.refreshToken(session?.refreshToken ?? '', 'wazo_user', 300);
    expect(refreshed?.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(refreshed?.token).not.toBe(session?.token);
    expect(refreshed?.uuid).toBe(bobUuid);
    // wazo-auth gives no new refresh token on a refresh.
    expect(refreshed?.refreshToken).toBeNull();
    c.setToken(refreshed?.token ?? '');
    expect((await c.confd.getUser(bobUuid)).firstName).toBe('Bob');

    wazo.revoke('bob');
    const refused = await rejection(c.auth.refreshToken(session?.refreshToken ?? '', 'wazo_user', 300));
    expect(refused.status).toBe(401);
    expect(refused.message).toContain('Authentication Failed');
    expect((await rejection(c.confd.getUser(bobUuid))).status).toBe(401);
  });

  it('deleteRefreshToken ends the refresh token and the tokens made with it', async () => {
    const c = client('offhook-delete-me');
    const session = await c.auth.logIn({ username: 'alice', password: 'alice-password', expiration: 600 });
    c.setToken(session?.token ?? '');
    expect(await c.auth.deleteRefreshToken('offhook-delete-me')).toBe(true);
    expect((await rejection(c.auth.refreshToken(session?.refreshToken ?? '', 'wazo_user', 60))).status).toBe(401);
    expect(await c.auth.checkToken(session?.token ?? '')).toBe(false);
  });

  it('confd: getUser gives a Profile with its lines; another user is forbidden; there is no /users/me', async () => {
    const c = client();
    const session = await c.auth.logIn({ username: 'alice', password: 'alice-password', expiration: 600 });
    c.setToken(session?.token ?? '');
    const profile = await c.confd.getUser(ALICE.uuid);
    expect(profile).toBeInstanceOf(sdk.Profile);
    expect(profile).toMatchObject({ id: ALICE.uuid, firstName: 'Alice', lastName: 'Martin', email: ALICE.email, mobileNumber: ALICE.mobilePhoneNumber, doNotDisturb: false });
    expect(profile.lines).toHaveLength(1);
    expect(profile.lines[0]).toMatchObject({ id: 2, extensions: [expect.objectContaining({ exten: '1002', context: 'default' })] });
    expect(profile.lines[0]?.endpointSip).toMatchObject({ name: 't05179qh', auth_section_options: [['username', 't05179qh']] });
    expect(profile.forwards.map((f) => f.key)).toEqual(['unconditional', 'noanswer', 'busy']);
    expect(session?.using(profile).primaryNumber()).toBe('1002');

    // The token's ACL is the user's own (confd.users.me.*): another user's uuid is a 401.
    expect((await rejection(c.confd.getUser(bobUuid))).status).toBe(401);
    // confd has /users/<uuid> and /users/<int:id>, not /users/me.
    const me = await rawFetch('/api/confd/1.1/users/me', { headers: { 'X-Auth-Token': session?.token ?? '' } });
    expect(me.status).toBe(404);

    const infos = await c.confd.getInfos();
    expect(infos.uuid).toBe(session?.stackUuid);
    expect(infos.wazo_version).toMatch(/^\d+\.\d+$/);
  });

  it('confd: getUserLineSip gives the SipLine with username and secret (merged view)', async () => {
    const c = client();
    const session = await c.auth.logIn({ username: 'alice', password: 'alice-password', expiration: 600 });
    c.setToken(session?.token ?? '');
    const sip = await c.confd.getUserLineSip(ALICE.uuid, '2');
    expect(sip).toBeInstanceOf(sdk.SipLine);
    expect(sip).toMatchObject({ username: 't05179qh', secret: 'qvgyt5p5', line: { id: 2 } });
    expect(sip.isWebRtc()).toBe(true);
    expect(sip.endpointSectionOptions).toContainEqual(['callerid', '"Alice Martin" <1002>']);
    expect(sip.endpointSectionOptions).toContainEqual(['allow', '!all,opus,g722,alaw,ulaw,vp9,vp8,h264']);
    const all = await c.confd.getUserLinesSip(ALICE.uuid, ['2', '99']);
    expect(all[0]?.username).toBe('t05179qh');
    expect(all[1]).toBeNull();

    wazo.setLineSecret('alice', 2, 'new-secret');
    expect((await c.confd.getUserLineSip(ALICE.uuid, '2')).secret).toBe('new-secret');
    wazo.setLineSecret('alice', 2, 'qvgyt5p5');
  });

  it('confd: updateDoNotDisturb changes the user’s DND', async () => {
    const c = client();
    const session = await c.auth.logIn({ username: 'alice', password: 'alice-password', expiration: 600 });
    c.setToken(session?.token ?? '');
    expect(wazo.dnd('alice')).toBe(false);
    expect(await c.confd.updateDoNotDisturb(ALICE.uuid, true)).toBe(true);
    expect(wazo.dnd('alice')).toBe(true);
    expect((await c.confd.getUser(ALICE.uuid)).doNotDisturb).toBe(true);
    expect(await c.confd.updateDoNotDisturb(ALICE.uuid, false)).toBe(true);
    expect(wazo.dnd('alice')).toBe(false);
  });

  it('dird: search gives Contacts with name, number and source (the tenant’s users too)', async () => {
    const c = client();
    const session = await c.auth.logIn({ username: 'alice', password: 'alice-password', expiration: 600 });
    c.setToken(session?.token ?? '');
    const found = await c.dird.search('default', 'ali');
    expect(found.every((x) => x instanceof sdk.Contact)).toBe(true);
    const byName = Object.fromEntries(found.map((x) => [x.name, x]));
    expect(Object.keys(byName).sort()).toEqual(['Alice Martin', 'Alicia Keys', 'Zoé Alibert']);
    expect(byName['Alicia Keys']).toMatchObject({ number: '+33144556677', email: 'alicia@example.test', source: 'phonebook', backend: 'phonebook' });
    expect(byName['Zoé Alibert']).toMatchObject({ number: '0499887766', source: 'personal', backend: 'personal' });
    expect(byName['Alice Martin']).toMatchObject({ number: '1002', email: ALICE.email, backend: 'wazo', uuid: ALICE.uuid, endpointId: 2 });
    expect(await c.dird.search('default', 'nobody-like-this')).toEqual([]);
    const badProfile = await rejection(c.dird.search('nope', 'ali'));
    expect(badProfile.status).toBe(404);
  });

  it('call-logd: listCallLogs gives CallLogs, newest first, answered or missed, with both parties', async () => {
    const c = client();
    const session = await c.auth.logIn({ username: 'alice', password: 'alice-password', expiration: 600 });
    c.setToken(session?.token ?? '');
    const profile = await c.confd.getUser(ALICE.uuid);
    session?.using(profile);
    const logs = await c.callLogd.listCallLogs(0, 10);
    expect(logs.every((l) => l instanceof sdk.CallLog)).toBe(true);
    expect(logs.map((l) => l.start.toISOString())).toEqual(['2026-03-04T08:15:00.000Z', '2026-03-03T14:30:00.000Z', '2026-03-02T09:00:00.000Z']);
    const [outbound, missed, inbound] = logs;
    expect(outbound).toMatchObject({ answered: true, callDirection: 'outbound', duration: 50_000, destination: { name: '0612345678', extension: '0612345678' } });
    expect(outbound?.isOutgoing(session as WazoSdk.Session)).toBe(true);
    expect(missed).toMatchObject({ answered: false, callStatus: 'unknown', callDirection: 'internal', source: { name: 'Bob Durand', extension: '1003', uuid: bobUuid } });
    expect(missed?.isIncoming(session as WazoSdk.Session)).toBe(true);
    expect(missed?.theOtherParty(session as WazoSdk.Session)).toMatchObject({ name: 'Bob Durand', extension: '1003' });
    expect(inbound).toMatchObject({ answered: true, callStatus: 'answered', callDirection: 'inbound', duration: 280_000, source: { name: 'Alicia Keys', extension: '+33144556677' } });
    expect(inbound?.end?.toISOString()).toBe('2026-03-02T09:05:00.000Z');

    expect(await c.callLogd.listCallLogs(0, 1)).toHaveLength(1);
    expect((await c.callLogd.listCallLogs(1, 5)).map((l) => l.callDirection)).toEqual(['internal', 'inbound']);
    const fromDate = await c.callLogd.listCallLogsFromDate(new Date('2026-03-03T00:00:00Z'), '1003');
    expect(fromDate.map((l) => l.source.extension)).toEqual(['1003']);
    expect((await c.callLogd.search('alicia')).map((l) => l.source.name)).toEqual(['Alicia Keys']);
    // call-logd's "number" is digits with optional "_" wildcards: a "+" is a 400.
    expect((await rejection(c.callLogd.listCallLogsFromDate(new Date('2026-03-01T00:00:00Z'), '+33144556677'))).status).toBe(400);

    const last = wazo.requests.filter((r) => r.path === '/api/call-logd/1.0/users/me/cdr').at(-1);
    expect(last).toMatchObject({ method: 'GET', authorised: true });
    expect(new URLSearchParams(last?.query).get('number')).toBe('+33144556677');
  });

  it('an expired token gets 401 from confd; with a refresh token the SDK refreshes and retries', async () => {
    wazo.setMaxTokenLifetime(1);
    try {
      const c = client(CLIENT_ID);
      const session = await c.auth.logIn({ username: 'alice', password: 'alice-password', expiration: 3600 });
      expect((session?.expiresAt.getTime() ?? 0) - Date.now()).toBeLessThanOrEqual(1000);
      c.setToken(session?.token ?? '');
      await new Promise((resolve) => setTimeout(resolve, 1200));

      const raw = await rawFetch(`/api/confd/1.1/users/${ALICE.uuid}`, { headers: { 'X-Auth-Token': session?.token ?? '' } });
      expect(raw.status).toBe(401);
      expect(await raw.json()).toEqual([`('${session?.token}', 'confd.users.${ALICE.uuid}.read')`]);
      const expired = await rejection(c.confd.getUser(ALICE.uuid));
      expect(expired.status).toBe(401);

      // As an app with a refresh token: the 401 makes the SDK refresh, then replay.
      wazo.setMaxTokenLifetime(600);
      c.setRefreshToken(session?.refreshToken ?? '');
      c.setRefreshExpiration(600);
      const mark = wazo.requests.length;
      expect((await c.confd.getUser(ALICE.uuid)).firstName).toBe('Alice');
      expect(wazo.requests.slice(mark).map((r) => `${r.method} ${r.path} ${r.authorised}`)).toEqual([
        `GET /api/confd/1.1/users/${ALICE.uuid} false`,
        'POST /api/auth/0.1/token false',
        `GET /api/confd/1.1/users/${ALICE.uuid} true`,
      ]);
    } finally {
      wazo.setMaxTokenLifetime(3600 * 24 * 365 * 10);
    }
  });

  it('answers CORS preflights from an extension origin as the daemons’ flask-cors does', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const auth = await rawFetch('/api/auth/0.1/token', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(auth.status).toBe(200);
    expect(auth.headers.get('access-control-allow-origin')).toBe('*');
    expect(auth.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(auth.headers.get('access-control-allow-methods')).toContain('POST');
    // confd allows X-Auth-Token, not Authorization.
    const confd = await rawFetch(`/api/confd/1.1/users/${ALICE.uuid}`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization,x-auth-token' },
    });
    expect(confd.headers.get('access-control-allow-headers')).toBe('x-auth-token');
    const plain = await rawFetch(`/api/confd/1.1/users/${ALICE.uuid}`, { headers: { Origin: origin } });
    expect(plain.status).toBe(401);
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('proxies wss://host/api/asterisk/ws byte for byte to the SIP WebSocket server', async () => {
    const key = randomBytes(16).toString('base64');
    const { res, socket } = await upgrade(wazo, key);
    expect(res.statusCode).toBe(101);
    expect(res.headers['sec-websocket-protocol']).toBe('sip');
    expect(res.headers['sec-websocket-accept']).toBe(acceptOf(key));
    const message = 'OPTIONS sip:offhook.test SIP/2.0\r\nVia: SIP/2.0/WSS x.invalid;branch=z9hG4bK1\r\n\r\n';
    const echoed = new Promise<string>((resolve) => readFrames(socket, resolve, true));
    socket.write(encodeFrame(0x1, Buffer.from(message), true));
    expect(await echoed).toBe(message);
    socket.destroy();
    // Only the request target and Host were rewritten to the upstream's.
    expect(echo.seen.at(-1)).toEqual({ path: '/', host: new URL(echo.url).host, protocol: 'sip', origin: 'chrome-extension://x' });
    expect(wazo.requests.some((r) => r.path === '/api/asterisk/ws')).toBe(true);
  });

  it('answers 502 for the SIP WebSocket until it is told where the SIP server is', async () => {
    const late = await startWazoStandIn({});
    try {
      const first = await upgrade(late, randomBytes(16).toString('base64'));
      expect(first.res.statusCode).toBe(502);
      first.socket.destroy();
      late.setSipWsUrl(echo.url);
      const second = await upgrade(late, randomBytes(16).toString('base64'));
      expect(second.res.statusCode).toBe(101);
      second.socket.destroy();
    } finally {
      await late.close();
    }
  });
});

/** Opens wss://<stand-in>/api/asterisk/ws as a browser's SIP client does; resolves on the answer, upgrade or not. */
function upgrade(target: WazoStandIn, key: string): Promise<{ res: http.IncomingMessage; socket: Duplex }> {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1',
      port: Number(target.host.split(':')[1]),
      path: '/api/asterisk/ws',
      ca: target.certPem,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Protocol': 'sip', Origin: 'chrome-extension://x' },
    });
    req.on('upgrade', (res, socket) => resolve({ res, socket }));
    req.on('response', (res) => resolve({ res, socket: res.socket }));
    req.on('error', reject);
    req.end();
  });
}

function acceptOf(key: string): string {
  return createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC11B3F`).digest('base64');
}

/** A tiny ws:// echo server (subprotocol sip), standing in for Kamailio. */
async function startEchoServer(): Promise<typeof echo> {
  const seen: (typeof echo)['seen'] = [];
  const sockets = new Set<Duplex>();
  const server = http.createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, socket: Duplex) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    seen.push({ path: req.url ?? '', host: req.headers.host ?? '', protocol: String(req.headers['sec-websocket-protocol'] ?? ''), origin: req.headers.origin ?? '' });
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptOf(String(req.headers['sec-websocket-key']))}\r\nSec-WebSocket-Protocol: sip\r\n\r\n`,
    );
    readFrames(socket, (text) => socket.write(encodeFrame(0x1, Buffer.from(text), false)), false);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('echo server has no address');
  return {
    url: `ws://127.0.0.1:${address.port}/`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
