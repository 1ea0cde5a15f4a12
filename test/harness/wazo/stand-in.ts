// A Wazo Platform stand-in: one HTTPS server on loopback that answers the REST paths a Wazo
// client uses (wazo-auth 0.1, wazo-confd 1.1, wazo-dird 0.1, wazo-call-logd 1.0) with the
// payloads a real stack sends, and proxies wss://host/api/asterisk/ws to a SIP WebSocket
// server, as Wazo's nginx does for Asterisk. stand-in.test.ts drives it with @wazo/sdk.
//
// Shapes are taken from Wazo's own sources: wazo-auth (token.py to_dict, plugins/http/tokens,
// the wazo_user metadata plugins), xivo-lib-python (auth_verifier, http_exceptions: the 401
// bodies), wazo-confd (UserSchema, LineListSchema, MergedEndpointSIPSchema, the tenant's
// "global" and "webrtc" SIP templates, helpers/common.py error lists), wazo-dird (default_json
// _ResultFormatter, the tenant's auto-created display and profile "default"), wazo-call-logd
// (CDRSchema, CDRListRequestSchema, the call_log query filters). The default user ACL is the
// one a Wazo 23.16 token carries.
import { execFile } from 'node:child_process';
import { X509Certificate, createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { promisify } from 'node:util';

export interface WazoLineSpec {
  id: number;
  username: string;
  secret: string;
  /** SIP options as confd's endpoint "options" [[key, value], ...], e.g. [['webrtc','yes']] */
  options?: [string, string][];
  /** The line's extension; default String(1000 + id). */
  exten?: string;
  /** The extension's context; default 'default'. */
  context?: string;
}

export interface WazoUserSpec {
  uuid?: string;
  login: string;
  password: string;
  firstname: string;
  lastname: string;
  lines: WazoLineSpec[];
  mobilePhoneNumber?: string;
  email?: string;
}

export interface WazoContact {
  name: string;
  number: string;
  email?: string;
  /** dird source name; default 'phonebook' (backend 'phonebook'; 'personal' gives backend 'personal'). */
  source?: string;
}

export interface WazoCallLog {
  id?: number;
  start: string /* ISO */;
  end?: string;
  answered: boolean;
  direction: 'inbound' | 'outbound' | 'internal';
  sourceName: string;
  sourceExtension: string;
  destinationName: string;
  destinationExtension: string;
  durationSeconds?: number;
}

export interface WazoRequestRecord {
  method: string;
  path: string;
  query: string;
  authorised: boolean;
}

export interface WazoStandIn {
  /** '127.0.0.1:PORT' — what a user types as the server (the SDK builds https://${host}/api/...). */
  host: string;
  /** 'https://127.0.0.1:PORT' */
  url: string;
  /** PEM of the self-signed certificate (CN/SAN 127.0.0.1, localhost), and a file path holding it (for NODE_EXTRA_CA_CERTS). */
  certPem: string;
  certPath: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list */
  spkiHash: string;
  addUser(user: WazoUserSpec): { uuid: string };
  addContact(contact: WazoContact): void;
  addCallLog(login: string, log: WazoCallLog): void;
  /** Longest token lifetime granted, seconds (tests use short tokens, e.g. 20); requested expiration is capped to it. */
  setMaxTokenLifetime(seconds: number): void;
  /** Invalidates every refresh token and access token of that user (as when an admin revokes the session / changes the password). */
  revoke(login: string): void;
  /** Changes the SIP secret of a line (the Kamailio side must be changed by the test too). */
  setLineSecret(login: string, lineId: number, secret: string): void;
  dnd(login: string): boolean;
  /** Sets (or changes) the ws:// URL wss://host/api/asterisk/ws is proxied to, for a SIP server started after the stand-in; later upgrades use it. */
  setSipWsUrl(url: string): void;
  /** Every request received: method, path (without query), query string, and whether it carried a valid token. */
  requests: WazoRequestRecord[];
  close(): Promise<void>;
}

export interface WazoStandInOptions {
  /** ws://127.0.0.1:PORT of the SIP server (Kamailio) to which wss://host/api/asterisk/ws is proxied */
  sipWsUrl?: string;
}

// ---------------------------------------------------------------------------------------------
// Constants taken from Wazo

/** The ACL of a token of a user under wazo_default_user_policy (from a Wazo 23.16 login). */
const DEFAULT_USER_ACL: readonly string[] = [
  'confd.infos.read',
  'agentd.users.me.#',
  'auth.users.me.external.#',
  'auth.users.me.password.edit',
  'auth.users.me.sessions.*.delete',
  'auth.users.me.sessions.read',
  'auth.users.me.tokens.*.delete',
  'auth.users.me.tokens.read',
  'call-logd.users.me.cdr.read',
  'calld.lines.*.presences.read',
  'calld.switchboards.#',
  'calld.transfers.*.complete.update',
  'calld.transfers.*.delete',
  'calld.transfers.*.read',
  'calld.users.me.#',
  'calld.users.me.conferences.*.participants.read',
  'chatd.users.*.presences.read',
  'chatd.users.me.presences.update',
  'chatd.users.me.rooms.#',
  'chatd.users.presences.read',
  'confd.users.me.#.read',
  'confd.users.me.forwards.*.*',
  'confd.users.me.funckeys.*',
  'confd.users.me.funckeys.*.*',
  'confd.users.me.meetings.#',
  'confd.users.me.read',
  'confd.users.me.services.*.*',
  'confd.users.me.update',
  'dird.#.me.read',
  'dird.backends.*.sources.*.contacts.read',
  'dird.directories.*.sources.read',
  'dird.directories.favorites.#',
  'dird.directories.lookup.*.headers.read',
  'dird.directories.lookup.*.read',
  'dird.directories.personal.*.read',
  'dird.graphql.me',
  'dird.personal.#',
  'events.auth.users.me.external.#',
  'events.auth.users.me.sessions.my_session.expire_soon',
  'events.call_log.user.me.created',
  'events.calls.me',
  'events.chat.message.*.me',
  'events.chat.message.*.me.*',
  'events.chatd.users.*.presences.updated',
  'events.chatd.users.me.rooms.#',
  'events.conferences.users.me.#',
  'events.config.users.me.#',
  'events.directory.me.#',
  'events.faxes.outbound.users.me.*',
  'events.statuses.*',
  'events.switchboards.#',
  'events.transfers.me',
  'events.users.me.#',
  'webhookd.users.me.subscriptions.#',
  'websocketd',
];

/** wazo-auth's default_token_lifetime, and the schema's bound on "expiration". */
const DEFAULT_EXPIRATION = 7200;
const TEN_YEARS = 3600 * 24 * 365 * 10;

/** wazo-confd event_handlers: the tenant's "global" SIP template. */
const GLOBAL_TEMPLATE = {
  aor: [
    ['maximum_expiration', '3600'],
    ['default_expiration', '120'],
    ['minimum_expiration', '60'],
    ['qualify_frequency', '60'],
    ['remove_existing', 'true'],
    ['max_contacts', '1'],
  ],
  endpoint: [
    ['rtp_timeout', '7200'],
    ['allow_transfer', 'yes'],
    ['use_ptime', 'yes'],
    ['callerid', 'wazo'],
    ['direct_media', 'no'],
    ['dtmf_mode', 'rfc4733'],
    ['language', 'en_US'],
    ['inband_progress', 'no'],
    ['rtp_timeout_hold', '0'],
    ['timers_sess_expires', '600'],
    ['timers_min_se', '90'],
    ['trust_id_inbound', 'no'],
    ['allow_subscribe', 'yes'],
    ['allow', '!all,ulaw'],
    ['set_var', 'TIMEOUT(absolute)=36000'],
    ['set_var', 'DYNAMIC_FEATURES=togglerecord'],
    ['notify_early_inuse_ringing', 'yes'],
  ],
} satisfies Record<string, [string, string][]>;

/** wazo-confd event_handlers: the tenant's "webrtc" SIP template (whose parent is "global"). */
const WEBRTC_TEMPLATE = {
  aor: [
    ['remove_existing', 'false'],
    ['max_contacts', '10'],
  ],
  endpoint: [
    ['webrtc', 'yes'],
    ['dtls_auto_generate_cert', 'yes'],
    ['allow', '!all,opus,g722,alaw,ulaw,vp9,vp8,h264'],
    ['max_video_streams', '25'],
    ['max_audio_streams', '1'],
    ['timers', 'always'],
    ['timers_sess_expires', '300'],
    ['timers_min_se', '90'],
  ],
} satisfies Record<string, [string, string][]>;

/** wazo-dird config_service DEFAULT_DISPLAY_COLUMNS: the display of a tenant's profile "default". */
const DIRD_DISPLAY: readonly { field: string; title: string; type: string }[] = [
  { field: 'name', title: 'Nom', type: 'name' },
  { field: 'firstname', title: 'Prénom', type: 'firstname' },
  { field: 'lastname', title: 'Nom de famille', type: 'lastname' },
  { field: 'phone', title: 'Numéro', type: 'number' },
  { field: 'phone_mobile', title: 'Mobile', type: 'number' },
  { field: 'voicemail', title: 'Boîte vocale', type: 'voicemail' },
  { field: 'favorite', title: 'Favoris', type: 'favorite' },
  { field: 'email', title: 'E-mail', type: 'email' },
];

/** flask-cors allow_headers of each daemon's default config. */
const CORS_ALLOW_HEADERS: Record<Service, readonly string[]> = {
  auth: ['Content-Type', 'Authorization', 'X-Auth-Token', 'Wazo-Tenant', 'Wazo-Session-Type'],
  confd: ['Content-Type', 'X-Auth-Token', 'Wazo-Tenant'],
  dird: ['Content-Type', 'X-Auth-Token', 'Wazo-Tenant'],
  'call-logd': ['Content-Type', 'Range', 'X-Auth-Token', 'Wazo-Tenant'],
};
const CORS_ALLOW_METHODS = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT';

const SERVICE_PREFIXES: readonly [string, Service][] = [
  ['/api/auth/0.1', 'auth'],
  ['/api/confd/1.1', 'confd'],
  ['/api/dird/0.1', 'dird'],
  ['/api/call-logd/1.0', 'call-logd'],
];

const SIP_WS_PATH = '/api/asterisk/ws';
const FLASK_NOT_FOUND = {
  message: 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
};
const FLASK_BAD_REQUEST = { message: 'The browser (or proxy) sent a request that this server could not understand.' };
const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const CDR_NUMBER_RE = /^_?[0-9]+_?$/;
const MAX_BODY_BYTES = 1_000_000;

// ---------------------------------------------------------------------------------------------
// State

type Service = 'auth' | 'confd' | 'dird' | 'call-logd';
type Options = [string, string][];

interface LineState {
  id: number;
  endpointUuid: string;
  username: string;
  secret: string;
  exten: string;
  context: string;
  extensionId: number;
  options: Options;
}

interface UserState {
  id: number;
  uuid: string;
  login: string;
  password: string;
  firstname: string;
  lastname: string;
  email: string | null;
  mobile: string | null;
  dnd: boolean;
  createdAt: string;
  lines: LineState[];
  callLogs: CallLogState[];
}

interface CallLogState extends WazoCallLog {
  id: number;
}

interface TokenState {
  token: string;
  userUuid: string;
  sessionUuid: string;
  issuedT: number;
  expireT: number;
  refreshToken?: string;
  refreshTokenUuid?: string;
  userAgent: string;
  remoteAddr: string;
}

interface RefreshState {
  uuid: string;
  userUuid: string;
  clientId: string;
  mobile: boolean;
  createdAt: string;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class Answer extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
  }
}

interface Ctx {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Host header, for confd's links. */
  host: string;
  remoteAddr: string;
  tokenId: string;
  token: TokenState | undefined;
}

// ---------------------------------------------------------------------------------------------

export async function startWazoStandIn(opts: WazoStandInOptions = {}): Promise<WazoStandIn> {
  opts = { ...opts };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wazo-stand-in-'));
  try {
    const keyPath = path.join(dir, 'key.pem');
    const certPath = path.join(dir, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-days', '2',
      '-keyout', keyPath, '-out', certPath,
    ]);
    const [key, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    const spkiHash = createHash('sha256').update(spki).digest('base64');
    return await serve(opts, dir, key, certPem, certPath, spkiHash);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function serve(opts: WazoStandInOptions, dir: string, key: string, certPem: string, certPath: string, spkiHash: string): Promise<WazoStandIn> {
  const xivoUuid = randomUUID();
  const tenantUuid = randomUUID();
  const tenantName = 'offhook';
  const transportUdpUuid = randomUUID();
  const transportWssUuid = randomUUID();
  const globalTemplateUuid = randomUUID();
  const webrtcTemplateUuid = randomUUID();

  const users = new Map<string, UserState>(); // by uuid
  const contacts: (WazoContact & { id: number })[] = [];
  const tokens = new Map<string, TokenState>();
  const refreshTokens = new Map<string, RefreshState>();
  const requests: WazoRequestRecord[] = [];
  let maxLifetime = TEN_YEARS;
  let nextUserId = 1;
  let nextExtensionId = 1;
  let nextContactId = 1;
  let nextCallLogId = 1;

  const now = () => Date.now() / 1000;
  const userByLogin = (login: string): UserState | undefined => [...users.values()].find((u) => u.login === login || (u.email !== null && u.email === login));
  const mustUser = (login: string): UserState => {
    const user = [...users.values()].find((u) => u.login === login);
    if (!user) throw new Error(`wazo stand-in: no user ${login}`);
    return user;
  };
  const liveToken = (id: string): TokenState | undefined => {
    const t = id ? tokens.get(id) : undefined;
    return t && now() <= t.expireT ? t : undefined;
  };
  const allLines = () => [...users.values()].flatMap((u) => u.lines);

  // ------------------------------------------------------------------------------- auth

  const tokenDict = (t: TokenState) => {
    const user = users.get(t.userUuid);
    return {
      token: t.token,
      auth_id: t.userUuid,
      xivo_user_uuid: t.userUuid,
      xivo_uuid: xivoUuid,
      issued_at: localIso(t.issuedT),
      expires_at: localIso(t.expireT),
      utc_issued_at: utcPython(t.issuedT),
      utc_expires_at: utcPython(t.expireT),
      acl: [...DEFAULT_USER_ACL],
      metadata: {
        uuid: t.userUuid,
        tenant_uuid: tenantUuid,
        auth_id: t.userUuid,
        pbx_user_uuid: user ? t.userUuid : null,
        xivo_uuid: xivoUuid,
        purpose: 'user',
        admin: false,
      },
      session_uuid: t.sessionUuid,
      remote_addr: t.remoteAddr,
      user_agent: t.userAgent,
      ...(t.refreshToken ? { refresh_token: t.refreshToken } : {}),
    };
  };

  const authFailed = (): Answer => new Answer({ status: 401, body: legacyError(401, 'Authentication Failed') });

  const postToken = (ctx: Ctx): Reply => {
    const args = jsonBody(ctx);
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      throw new Answer({ status: 400, body: legacyError(400, "{'_schema': ['Invalid input type.']}") });
    }
    const a = args as Record<string, unknown>;
    const schemaErrors: string[] = [];
    const fieldErrors: Record<string, string> = {};
    for (const f of ['backend', 'access_type', 'client_id', 'refresh_token', 'saml_session_id', 'tenant_id', 'domain_name']) {
      if (f in a && typeof a[f] !== 'string') fieldErrors[f] = 'Not a valid string.';
    }
    if ('expiration' in a) {
      const e = a.expiration;
      if (typeof e !== 'number' || !Number.isInteger(e)) fieldErrors.expiration = 'Not a valid integer.';
      else if (e < 1 || e > TEN_YEARS) fieldErrors.expiration = `Must be greater than or equal to 1 and less than or equal to ${TEN_YEARS}.`;
    }
    if ('access_type' in a && a.access_type !== 'online' && a.access_type !== 'offline') fieldErrors.access_type = 'Must be one of: online, offline.';
    if (a.access_type === 'offline') {
      if (a.refresh_token) schemaErrors.push('cannot use the "access_type" "offline" with a refresh token');
      else if (!a.client_id) schemaErrors.push('"client_id" must be specified when using "access_type" is "offline"');
    }
    if (a.refresh_token && !a.client_id) schemaErrors.push('"client_id" must be specified when using a "refresh_token"');
    const fieldKeys = Object.keys(fieldErrors);
    if (fieldKeys.length || schemaErrors.length) {
      const parts = fieldKeys.map((k) => `${pyRepr(k)}: [${pyRepr(fieldErrors[k] ?? '')}]`);
      if (schemaErrors.length) parts.push(`'_schema': [${schemaErrors.map(pyRepr).join(', ')}]`);
      throw new Answer({ status: 400, body: legacyError(400, `{${parts.join(', ')}}`) });
    }
    const backend = typeof a.backend === 'string' ? a.backend : 'wazo_user';
    if (backend !== 'wazo_user') throw authFailed();
    const mobile = String(ctx.headers['wazo-session-type'] ?? '').toLowerCase() === 'mobile';
    const expiration = Math.min(typeof a.expiration === 'number' ? a.expiration : DEFAULT_EXPIRATION, maxLifetime);

    let user: UserState | undefined;
    let viaRefresh: RefreshState | undefined;
    if (typeof a.refresh_token === 'string' && a.refresh_token) {
      // The refresh token is checked first, whatever else came with it.
      const r = refreshTokens.get(a.refresh_token);
      if (!r || r.clientId !== a.client_id) throw authFailed();
      user = users.get(r.userUuid);
      viaRefresh = r;
    } else {
      const basic = parseBasic(ctx.headers.authorization);
      if (!basic) throw authFailed();
      user = userByLogin(basic.login);
      if (!user || user.password !== basic.password) throw authFailed();
    }
    if (!user) throw authFailed();
    const owner = user;

    let refresh: RefreshState | undefined;
    let revoked = 0;
    if (a.access_type === 'offline' && typeof a.client_id === 'string') {
      const clientId = a.client_id;
      const existing = [...refreshTokens.values()].find((r) => r.userUuid === owner.uuid && r.clientId === clientId);
      if (existing && !mobile) {
        refresh = existing;
      } else {
        if (existing) revoked += deleteRefreshToken(existing.uuid);
        refresh = { uuid: randomUUID(), userUuid: owner.uuid, clientId, mobile, createdAt: pyIso(new Date()) };
        refreshTokens.set(refresh.uuid, refresh);
      }
    }
    const issuedT = now();
    const t: TokenState = {
      token: randomUUID(),
      userUuid: owner.uuid,
      sessionUuid: randomUUID(),
      issuedT,
      expireT: issuedT + expiration,
      userAgent: String(ctx.headers['user-agent'] ?? ''),
      remoteAddr: ctx.remoteAddr,
      ...(refresh ? { refreshToken: refresh.uuid, refreshTokenUuid: refresh.uuid } : {}),
      ...(viaRefresh ? { refreshTokenUuid: viaRefresh.uuid } : {}),
    };
    tokens.set(t.token, t);
    return { status: 200, body: { data: tokenDict(t) }, headers: { 'Wazo-Sessions-Revoked': String(revoked) } };
  };

  /** Deleting a refresh token cascades to the tokens made with it (auth_token.refresh_token_uuid). */
  const deleteRefreshToken = (uuid: string): number => {
    refreshTokens.delete(uuid);
    let n = 0;
    for (const [id, t] of tokens) {
      if (t.refreshTokenUuid === uuid) {
        tokens.delete(id);
        n++;
      }
    }
    return n;
  };

  const noSuchToken = (): Answer => new Answer({ status: 404, body: legacyError(404, 'No such token') });

  const handleAuth = (ctx: Ctx, rest: string): Reply | undefined => {
    if (rest === '/token') {
      if (ctx.method === 'POST') return postToken(ctx);
      return methodNotAllowed();
    }
    let m = /^\/token\/([^/]+)$/.exec(rest);
    if (m) {
      const id = decodeURIComponent(m[1] ?? '');
      if (ctx.method === 'DELETE') {
        tokens.delete(id);
        return { status: 200, body: { data: { message: 'success' } } };
      }
      if (ctx.method === 'GET' || ctx.method === 'HEAD') {
        const t = liveToken(id);
        if (!t) throw noSuchToken();
        return ctx.method === 'HEAD' ? { status: 204 } : { status: 200, body: { data: tokenDict(t) } };
      }
      return methodNotAllowed();
    }
    m = /^\/users\/(me|[^/]+)\/tokens(?:\/([^/]+))?$/.exec(rest);
    if (m) {
      const who = m[1] ?? '';
      const clientId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
      if (who !== 'me' && !UUID_RE.test(who)) return undefined;
      const verb = clientId === undefined ? (ctx.method === 'GET' ? 'read' : undefined) : ctx.method === 'DELETE' ? 'delete' : undefined;
      if (!verb) return methodNotAllowed();
      const acl = clientId === undefined ? `auth.users.${who}.tokens.read` : `auth.users.${who}.tokens.${aclArg(clientId)}.delete`;
      const t = guard(ctx, 'xivo', acl);
      const userUuid = who === 'me' ? t.userUuid : who;
      if (clientId === undefined) {
        const items = [...refreshTokens.values()]
          .filter((r) => r.userUuid === userUuid)
          .map((r) => ({ client_id: r.clientId, created_at: r.createdAt, mobile: r.mobile, user_uuid: r.userUuid, tenant_uuid: tenantUuid, metadata: {} }));
        return { status: 200, body: { total: items.length, filtered: items.length, items } };
      }
      const r = [...refreshTokens.values()].find((x) => x.userUuid === userUuid && x.clientId === clientId);
      if (!r) {
        throw new Answer({
          status: 404,
          body: {
            message: `unknown refresh_token for client_id "${clientId}"`,
            error_id: 'cannot-find-refresh-token-matching-client-id',
            details: { client_id: clientId },
            timestamp: now(),
            resource: 'tokens',
          },
        });
      }
      deleteRefreshToken(r.uuid);
      return { status: 204 };
    }
    return undefined;
  };

  // ------------------------------------------------------------------------------- token checks

  /** xivo auth_verifier: a missing/expired/unknown token, or one without the ACL, is a 401 whose
   * body depends on the daemon's error handler. */
  const guard = (ctx: Ctx, style: 'xivo' | 'confd' | 'dird-legacy', requiredAcl: string): TokenState => {
    const t = ctx.token;
    const allowed = t ? aclMatches(DEFAULT_USER_ACL, t.userUuid, t.sessionUuid, requiredAcl) : false;
    if (t && allowed) return t;
    const reason = t ? 'missing_permission_or_invalid_tenant' : 'not_found_or_expired';
    let body: unknown;
    if (style === 'confd') {
      // confd's handle_api_exception answers [str(error)]; the APIException's str is that of
      // the positional args it was raised with.
      body = [t ? `(${pyRepr(ctx.tokenId)}, ${pyRepr(requiredAcl)}, None)` : `(${pyRepr(ctx.tokenId)}, ${pyRepr(requiredAcl)})`];
    } else if (style === 'dird-legacy') {
      body = { reason: ['Unauthorized'], timestamp: now(), status_code: 401 };
    } else {
      body = {
        message: 'Unauthorized',
        error_id: 'unauthorized',
        details: t
          ? { invalid_token: ctx.tokenId, reason, required_access: requiredAcl, tenant_uuid: null }
          : { invalid_token: ctx.tokenId, reason, required_access: requiredAcl },
        timestamp: now(),
      };
    }
    throw new Answer({ status: 401, body });
  };

  // ------------------------------------------------------------------------------- confd

  const link = (ctx: Ctx, resource: string, id: string | number) => ({ rel: resource, href: `https://${ctx.host}/api/confd/1.1/${resource === 'endpoint_sip' ? 'endpoints/sip' : resource}/${id}` });

  const userLinks = (ctx: Ctx, u: UserState) => [link(ctx, 'users', u.id)];

  const lineListItem = (ctx: Ctx, u: UserState, l: LineState) => ({
    id: l.id,
    tenant_uuid: tenantUuid,
    name: l.username,
    protocol: 'sip',
    device_id: null,
    device_slot: 1,
    provisioning_extension: String(100000 + l.id),
    context: l.context,
    provisioning_code: String(100000 + l.id),
    position: 1,
    caller_id_name: `${u.firstname} ${u.lastname}`.trim(),
    caller_id_num: l.exten,
    registrar: 'default',
    links: [link(ctx, 'lines', l.id)],
    application: null,
    endpoint_sip: {
      uuid: l.endpointUuid,
      label: l.username,
      name: l.username,
      auth_section_options: [['username', l.username]],
      links: [link(ctx, 'endpoint_sip', l.endpointUuid)],
    },
    endpoint_sccp: null,
    endpoint_custom: null,
    extensions: [{ id: l.extensionId, exten: l.exten, context: l.context, links: [link(ctx, 'extensions', l.extensionId)] }],
    users: [{ uuid: u.uuid, firstname: u.firstname, lastname: u.lastname, links: userLinks(ctx, u) }],
    is_webrtc: isWebRtc(l),
  });

  const userDict = (ctx: Ctx, u: UserState) => ({
    id: u.id,
    uuid: u.uuid,
    firstname: u.firstname,
    lastname: u.lastname,
    email: u.email,
    timezone: null,
    country: null,
    language: 'en_US',
    description: '',
    caller_id: `"${u.firstname} ${u.lastname}"`,
    outgoing_caller_id: 'default',
    mobile_phone_number: u.mobile,
    mobile_fallback_enabled: false,
    username: u.login,
    password: null,
    music_on_hold: null,
    preprocess_subroutine: null,
    userfield: null,
    call_transfer_enabled: false,
    dtmf_hangup_enabled: false,
    call_record_outgoing_external_enabled: false,
    call_record_outgoing_internal_enabled: false,
    call_record_incoming_internal_enabled: false,
    call_record_incoming_external_enabled: false,
    online_call_record_enabled: false,
    supervision_enabled: true,
    ring_seconds: 30,
    simultaneous_calls: 5,
    call_permission_password: null,
    subscription_type: 0,
    created_at: u.createdAt,
    enabled: true,
    tenant_uuid: tenantUuid,
    links: userLinks(ctx, u),
    agent: null,
    call_permissions: [],
    fallbacks: { busy_destination: null, congestion_destination: null, fail_destination: null, noanswer_destination: null },
    groups: [],
    incalls: [],
    lines: u.lines.map((l) => lineListItem(ctx, u, l)),
    forwards: {
      busy: { enabled: false, destination: null },
      noanswer: { enabled: false, destination: null },
      unconditional: { enabled: false, destination: null },
    },
    schedules: [],
    services: { dnd: { enabled: u.dnd }, incallfilter: { enabled: false } },
    switchboards: [],
    voicemail: null,
    queues: [],
    func_key_template_id: null,
    call_pickup_target_users: [],
    call_record_enabled: false,
  });

  /** The line's own options, as confd stores them: its caller ID, then the spec's. */
  const ownEndpointOptions = (u: UserState, l: LineState): Options => [['callerid', `"${u.firstname} ${u.lastname}" <${l.exten}>`], ...l.options];

  const endpointDict = (ctx: Ctx, u: UserState, l: LineState, merged: boolean) => {
    const webrtc = isWebRtc(l);
    const own = { aor: [] as Options, auth: [['username', l.username], ['password', l.secret]] as Options, endpoint: ownEndpointOptions(u, l) };
    const chain = webrtc ? [GLOBAL_TEMPLATE, WEBRTC_TEMPLATE] : [GLOBAL_TEMPLATE];
    // MergedEndpointSIPSchema: the templates' options then the endpoint's, one value per key
    // (the last one), in the order the keys first appeared.
    const section = (name: 'aor' | 'endpoint' | 'auth'): Options =>
      merged ? mergeOptions([...chain.flatMap((t) => (name === 'auth' ? [] : t[name])), ...own[name]]) : own[name];
    return {
      uuid: l.endpointUuid,
      tenant_uuid: tenantUuid,
      name: l.username,
      label: l.username,
      aor_section_options: section('aor'),
      auth_section_options: section('auth'),
      endpoint_section_options: section('endpoint'),
      identify_section_options: [],
      registration_section_options: [],
      registration_outbound_auth_section_options: [],
      outbound_auth_section_options: [],
      templates: [webrtc ? { uuid: webrtcTemplateUuid, label: 'webrtc' } : { uuid: globalTemplateUuid, label: 'global' }],
      transport: { uuid: webrtc ? transportWssUuid : transportUdpUuid },
      asterisk_id: null,
      links: [link(ctx, 'endpoint_sip', l.endpointUuid)],
      trunk: null,
      line: { id: l.id, links: [link(ctx, 'lines', l.id)] },
    };
  };

  const findUser = (idOrUuid: string): UserState | undefined =>
    /^\d+$/.test(idOrUuid) ? [...users.values()].find((u) => String(u.id) === idOrUuid) : users.get(normaliseUuid(idOrUuid));

  const userNotFound = (idOrUuid: string): Answer =>
    new Answer({ status: 404, body: [/^\d+$/.test(idOrUuid) ? `Resource Not Found - User was not found ('id': ${idOrUuid})` : `Resource Not Found - User was not found ('uuid': '${idOrUuid}')`] });

  const handleConfd = (ctx: Ctx, rest: string): Reply | undefined => {
    if (rest === '/infos') {
      if (ctx.method !== 'GET') return methodNotAllowed();
      guard(ctx, 'confd', 'confd.infos.read');
      return { status: 200, body: { uuid: xivoUuid, wazo_version: '25.17' } };
    }
    // Flask routes: /users/<uuid:id> and /users/<int:id>. There is no /users/me in confd.
    let m = /^\/users\/([^/]+)$/.exec(rest);
    if (m) {
      const id = m[1] ?? '';
      if (!isUserId(id)) return undefined;
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return methodNotAllowed();
      guard(ctx, 'confd', `confd.users.${aclArg(id)}.read`);
      const u = findUser(id);
      if (!u) throw userNotFound(id);
      return ctx.method === 'HEAD' ? { status: 200, body: '' } : { status: 200, body: userDict(ctx, u) };
    }
    m = /^\/users\/([^/]+)\/services\/dnd$/.exec(rest);
    if (m) {
      const id = m[1] ?? '';
      if (!isUserId(id)) return undefined;
      if (ctx.method === 'GET') {
        guard(ctx, 'confd', `confd.users.${aclArg(id)}.services.dnd.read`);
        const u = findUser(id);
        if (!u) throw userNotFound(id);
        return { status: 200, body: { enabled: u.dnd } };
      }
      if (ctx.method !== 'PUT') return methodNotAllowed();
      guard(ctx, 'confd', `confd.users.${aclArg(id)}.services.dnd.update`);
      const u = findUser(id);
      if (!u) throw userNotFound(id);
      const body = jsonBody(ctx) as { enabled?: unknown } | null;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Answer({ status: 400, body: [{ _schema: ['Invalid input type.'] }] });
      if (!('enabled' in body)) throw new Answer({ status: 400, body: [{ enabled: ['Missing data for required field.'] }] });
      if (typeof body.enabled !== 'boolean') throw new Answer({ status: 400, body: [{ enabled: ['Not a valid boolean.'] }] });
      u.dnd = body.enabled;
      return { status: 204, body: '' };
    }
    m = /^\/users\/([^/]+)\/lines\/([^/]+)\/associated\/endpoints\/sip$/.exec(rest);
    if (m) {
      const id = m[1] ?? '';
      const lineId = m[2] ?? '';
      if (!UUID_RE.test(id)) return undefined;
      if (ctx.method !== 'GET') return methodNotAllowed();
      guard(ctx, 'confd', `confd.users.${aclArg(id)}.lines.${aclArg(lineId)}.associated.endpoints.sip.read`);
      const view = ctx.query.get('view');
      if (view !== null && view !== 'merged') throw new Answer({ status: 400, body: [{ view: ['Must be one of: merged.'] }] });
      const u = users.get(normaliseUuid(id));
      if (!u) throw userNotFound(id);
      let line: LineState | undefined;
      if (lineId === 'main') {
        line = u.lines[0];
      } else {
        if (!allLines().some((l) => String(l.id) === lineId)) throw new Answer({ status: 404, body: [`Resource Not Found - Line was not found ('id': '${lineId}')`] });
        line = u.lines.find((l) => String(l.id) === lineId);
      }
      if (!line) throw new Answer({ status: 404, body: 'Resource Not Found.' });
      return { status: 200, body: endpointDict(ctx, u, line, view === 'merged') };
    }
    return undefined;
  };

  // ------------------------------------------------------------------------------- dird

  interface DirdResult {
    fields: Record<string, unknown>;
    relations: Record<string, unknown>;
    source: string;
    backend: string;
  }

  const dirdResults = (): DirdResult[] => [
    ...[...users.values()].map((u) => ({
      // The tenant's auto-created wazo source (confd users): format_columns phone '{exten}',
      // name '{firstname} {lastname}'.
      fields: {
        id: u.id,
        uuid: u.uuid,
        firstname: u.firstname,
        lastname: u.lastname,
        full_name: `${u.firstname} ${u.lastname}`,
        exten: u.lines[0]?.exten ?? null,
        mobile_phone_number: u.mobile,
        email: u.email,
        voicemail_number: null,
        name: `${u.firstname} ${u.lastname}`.trim(),
        phone: u.lines[0]?.exten ?? null,
      },
      relations: {
        xivo_id: xivoUuid,
        agent_id: null,
        user_id: u.id,
        user_uuid: u.uuid,
        endpoint_id: u.lines[0]?.id ?? null,
        source_entry_id: String(u.id),
      },
      source: `auto_wazo_${tenantName}`,
      backend: 'wazo',
    })),
    ...contacts.map((c) => {
      const [firstname = '', ...last] = c.name.split(' ');
      const source = c.source ?? 'phonebook';
      return {
        fields: { id: c.id, firstname, lastname: last.join(' '), number: c.number, email: c.email ?? null, name: c.name, phone: c.number },
        relations: { xivo_id: null, agent_id: null, user_id: null, user_uuid: null, endpoint_id: null, source_entry_id: String(c.id) },
        source,
        backend: source === 'personal' ? 'personal' : 'phonebook',
      };
    }),
  ];

  const handleDird = (ctx: Ctx, rest: string): Reply | undefined => {
    const m = /^\/directories\/lookup\/([^/]+)$/.exec(rest);
    if (!m) return undefined;
    if (ctx.method !== 'GET') return methodNotAllowed();
    const profile = decodeURIComponent(m[1] ?? '');
    guard(ctx, 'dird-legacy', `dird.directories.lookup.${aclArg(profile)}.read`);
    const term = ctx.query.get('term');
    if (term === null) throw new Answer({ status: 400, body: { message: { term: 'term is missing' } } });
    if (profile !== 'default') throw new Answer({ status: 404, body: legacyError(404, `The profile \`${profile}\` does not exist`) });
    const needle = term.toLowerCase();
    const hits = dirdResults().filter((r) => {
      const searched = r.backend === 'wazo' ? ['firstname', 'lastname', 'full_name', 'exten'] : ['firstname', 'lastname', 'name', 'number'];
      return searched.some((f) => String(r.fields[f] ?? '').toLowerCase().includes(needle));
    });
    return {
      status: 200,
      body: {
        column_headers: DIRD_DISPLAY.map((d) => d.title),
        column_types: DIRD_DISPLAY.map((d) => d.type),
        results: hits.map((r) => ({
          column_values: DIRD_DISPLAY.map((d) => (d.type === 'favorite' ? false : (r.fields[d.field] ?? null))),
          relations: r.relations,
          source: r.source,
          backend: r.backend,
        })),
        term,
      },
    };
  };

  // ------------------------------------------------------------------------------- call-logd

  const cdrDict = (owner: UserState, log: CallLogState) => {
    const start = new Date(log.start);
    const end = log.end ? new Date(log.end) : new Date(start.getTime() + (log.durationSeconds ?? 0) * 1000);
    const answer = log.answered ? new Date(end.getTime() - (log.durationSeconds ?? Math.max(0, (end.getTime() - start.getTime()) / 1000)) * 1000) : null;
    const byExten = (exten: string) => [...users.values()].find((u) => u.lines.some((l) => l.exten === exten));
    const ownerIsSource =
      log.direction === 'outbound' || (log.direction === 'internal' && owner.lines.some((l) => l.exten === log.sourceExtension));
    const source = ownerIsSource ? owner : log.direction === 'internal' ? byExten(log.sourceExtension) : undefined;
    const destination = !ownerIsSource ? owner : log.direction === 'internal' ? byExten(log.destinationExtension) : undefined;
    const lineOf = (u: UserState | undefined) => u?.lines[0];
    const dLine = lineOf(destination);
    const sLine = lineOf(source);
    return {
      id: log.id,
      tenant_uuid: tenantUuid,
      start: pyIso(start),
      end: pyIso(end),
      answered: log.answered,
      answer: answer ? pyIso(answer) : null,
      duration: answer ? Math.max(0, Math.floor((end.getTime() - answer.getTime()) / 1000)) : null,
      call_direction: log.direction,
      call_status: log.answered ? 'answered' : 'unknown',
      conversation_id: `${Math.floor(start.getTime() / 1000)}.${log.id}`,
      destination_details: destination
        ? { type: 'user', user_uuid: destination.uuid, user_name: `${destination.firstname} ${destination.lastname}` }
        : { type: 'unknown' },
      destination_extension: log.destinationExtension,
      destination_internal_context: dLine ? dLine.context : null,
      destination_internal_extension: dLine ? dLine.exten : null,
      destination_line_id: dLine ? dLine.id : null,
      destination_name: log.destinationName,
      destination_user_uuid: destination ? destination.uuid : null,
      requested_name: log.destinationName,
      requested_context: (dLine ?? sLine)?.context ?? 'default',
      requested_extension: log.destinationExtension,
      requested_internal_context: dLine ? dLine.context : null,
      requested_internal_extension: dLine ? dLine.exten : null,
      requested_user_uuid: destination ? destination.uuid : null,
      source_extension: log.sourceExtension,
      source_internal_context: sLine ? sLine.context : null,
      source_internal_name: source ? `${source.firstname} ${source.lastname}` : null,
      source_internal_extension: sLine ? sLine.exten : null,
      source_line_id: sLine ? sLine.id : null,
      source_name: log.sourceName,
      source_user_uuid: source ? source.uuid : null,
      recordings: [],
    };
  };

  const invalidData = (details: Record<string, unknown>): Answer =>
    new Answer({ status: 400, body: { message: 'Sent data is invalid', error_id: 'invalid-data', details, timestamp: now() } });

  const handleCallLogd = (ctx: Ctx, rest: string): Reply | undefined => {
    if (rest !== '/users/me/cdr') return undefined;
    if (ctx.method !== 'GET') return methodNotAllowed();
    const t = guard(ctx, 'xivo', 'call-logd.users.me.cdr.read');
    const owner = users.get(t.userUuid);
    const q = ctx.query;
    const errors: Record<string, unknown> = {};
    const intParam = (name: string, dflt: number | null): number | null => {
      const v = q.get(name);
      if (v === null || v === '') return dflt;
      if (!/^\d+$/.test(v)) {
        errors[name] = /^-\d+$/.test(v) ? { constraint_id: 'range', constraint: { min: 0 }, message: 'Must be greater than or equal to 0.' } : { constraint_id: 'type', message: 'Not a valid integer.' };
        return dflt;
      }
      return Number(v);
    };
    const dateParam = (name: string): number | null => {
      const v = q.get(name);
      if (v === null || v === '') return null;
      const when = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !/T/.test(v) ? v : `${v}Z`);
      if (Number.isNaN(when)) {
        errors[name] = { constraint_id: 'type', message: 'Not a valid datetime.' };
        return null;
      }
      return when;
    };
    const oneOf = (name: string, allowed: string[], dflt: string | null): string | null => {
      const v = q.get(name);
      if (v === null || v === '') return dflt;
      if (!allowed.includes(v)) {
        errors[name] = { constraint_id: 'enum', constraint: { choices: allowed }, message: `Must be one of: ${allowed.join(', ')}.` };
        return dflt;
      }
      return v;
    };
    const limit = intParam('limit', 1000);
    const offset = intParam('offset', null);
    const fromId = intParam('from_id', null);
    const from = dateParam('from');
    const until = dateParam('until');
    const direction = oneOf('direction', ['asc', 'desc'], 'desc');
    const callDirection = oneOf('call_direction', ['internal', 'inbound', 'outbound'], null);
    const callStatus = oneOf('call_status', ['answered', 'blocked', 'voicemail', 'unknown'], null);
    const order = oneOf('order', ['start', 'id', 'answered', 'answer', 'duration', 'call_direction', 'call_status', 'destination_extension', 'destination_name', 'source_extension', 'source_name', 'requested_extension', 'requested_name', 'conversation_id'], 'start');
    const distinct = oneOf('distinct', ['peer_exten'], null);
    const search = q.get('search');
    const number = q.get('number');
    if (number !== null && number !== '' && !CDR_NUMBER_RE.test(number)) {
      errors.number = { constraint_id: 'regex', constraint: CDR_NUMBER_RE.source, message: 'String does not match expected pattern.' };
    }
    if (Object.keys(errors).length) throw invalidData(errors);

    const mine = owner ? owner.callLogs.map((l) => cdrDict(owner, l)) : [];
    let rows = mine.filter((c) => {
      const startMs = Date.parse(c.start);
      if (from !== null && startMs < from) return false;
      if (until !== null && startMs >= until) return false;
      if (callDirection && c.call_direction !== callDirection) return false;
      if (callStatus && c.call_status !== callStatus) return false;
      if (fromId !== null && c.id < fromId) return false;
      if (search) {
        const s = search.toLowerCase();
        if (![c.source_name, c.source_extension, c.destination_name, c.destination_extension].some((v) => String(v ?? '').toLowerCase().includes(s))) return false;
      }
      if (number) {
        const re = new RegExp(`^${number.replace(/_/g, '.*')}$`);
        if (!re.test(c.source_extension) && !re.test(c.destination_extension)) return false;
      }
      return true;
    });
    if (distinct === 'peer_exten') {
      const peer = (c: (typeof rows)[number]) => (c.source_user_uuid === owner?.uuid ? c.destination_extension : c.source_extension);
      const latest = new Map<string, number>();
      for (const c of rows) latest.set(peer(c), Math.max(latest.get(peer(c)) ?? -1, c.id));
      rows = rows.filter((c) => latest.get(peer(c)) === c.id);
    }
    const key = (c: (typeof rows)[number]): string | number | null => {
      const v = (c as Record<string, unknown>)[order ?? 'start'];
      return typeof v === 'number' || typeof v === 'string' ? (order === 'start' || order === 'answer' ? Date.parse(String(v)) : v) : typeof v === 'boolean' ? Number(v) : null;
    };
    rows.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === kb) return 0;
      if (ka === null) return direction === 'desc' ? 1 : -1; // desc: nulls last; asc: nulls first
      if (kb === null) return direction === 'desc' ? -1 : 1;
      return (ka < kb ? -1 : 1) * (direction === 'desc' ? -1 : 1);
    });
    const filtered = rows.length;
    const page = rows.slice(offset ?? 0, limit ? (offset ?? 0) + limit : undefined);
    return { status: 200, body: { items: page, filtered, total: mine.length } };
  };

  // ------------------------------------------------------------------------------- HTTP

  const handlers: Record<Service, (ctx: Ctx, rest: string) => Reply | undefined> = {
    auth: handleAuth,
    confd: handleConfd,
    dird: handleDird,
    'call-logd': handleCallLogd,
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://stand-in.invalid');
      const tokenId = headerString(req.headers['x-auth-token']) || url.searchParams.get('token') || '';
      const token = liveToken(tokenId);
      const method = (req.method ?? 'GET').toUpperCase();
      requests.push({ method, path: url.pathname, query: url.search.replace(/^\?/, ''), authorised: token !== undefined });
      const ctx: Ctx = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        host: headerString(req.headers.host) || `127.0.0.1`,
        remoteAddr: req.socket.remoteAddress ?? '127.0.0.1',
        tokenId,
        token,
      };
      const found = SERVICE_PREFIXES.find(([prefix]) => ctx.path === prefix || ctx.path.startsWith(`${prefix}/`));
      if (!found) {
        send(res, method, { status: 404, body: NGINX_404, headers: { 'Content-Type': 'text/html' } });
        return;
      }
      const [prefix, service] = found;
      const cors: Record<string, string> = { 'Access-Control-Allow-Origin': '*' };
      if (method === 'OPTIONS') {
        // flask-cors answers a preflight with the requested headers it allows.
        const requested = headerString(req.headers['access-control-request-headers'])
          .split(',')
          .map((h) => h.trim())
          .filter((h) => h && CORS_ALLOW_HEADERS[service].some((a) => a.toLowerCase() === h.toLowerCase()))
          .sort();
        const headers: Record<string, string> = { ...cors, Allow: CORS_ALLOW_METHODS };
        if (req.headers['access-control-request-method']) {
          headers['Access-Control-Allow-Methods'] = CORS_ALLOW_METHODS;
          if (requested.length) headers['Access-Control-Allow-Headers'] = requested.join(', ');
        }
        send(res, method, { status: 200, body: '', headers });
        return;
      }
      let reply: Reply;
      try {
        reply = handlers[service](ctx, ctx.path.slice(prefix.length)) ?? { status: 404, body: FLASK_NOT_FOUND };
      } catch (error) {
        reply = error instanceof Answer ? error.reply : { status: 500, body: [`Unexpected error: ${(error as Error).message}`] };
      }
      send(res, method, { ...reply, headers: { ...cors, ...reply.headers } });
    });
  };

  // ------------------------------------------------------------------------------- WebSocket proxy

  const upgraded = new Set<Duplex>();
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'https://stand-in.invalid');
    const tokenId = headerString(req.headers['x-auth-token']) || url.searchParams.get('token') || '';
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search.replace(/^\?/, ''), authorised: liveToken(tokenId) !== undefined });
    if (url.pathname !== SIP_WS_PATH || !opts.sipWsUrl) {
      socket.end(`HTTP/1.1 ${url.pathname === SIP_WS_PATH ? '502 Bad Gateway' : '404 Not Found'}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    let target: URL;
    try {
      target = new URL(opts.sipWsUrl);
    } catch {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const port = Number(target.port || (target.protocol === 'wss:' ? 443 : 80));
    const upstream = net.connect(port, target.hostname);
    upgraded.add(upstream);
    upstream.on('close', () => {
      upgraded.delete(upstream);
      socket.destroy();
    });
    socket.on('close', () => upstream.destroy());
    upstream.on('error', () => {
      if (!socket.destroyed) socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      upstream.destroy();
    });
    upstream.on('connect', () => {
      // Only the request target and Host change; every other header goes through as it came.
      const lines = [`${req.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] ?? '';
        const value = req.rawHeaders[i + 1] ?? '';
        lines.push(name.toLowerCase() === 'host' ? `${name}: ${target.host}` : `${name}: ${value}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      socket.pipe(upstream);
      upstream.pipe(socket);
    });
  };

  const server = https.createServer({ key, cert: certPem }, onRequest);
  server.on('upgrade', onUpgrade);
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('wazo stand-in has no address');
  const host = `127.0.0.1:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    host,
    url: `https://${host}`,
    certPem,
    certPath,
    spkiHash,
    requests,
    addUser(spec) {
      const uuid = normaliseUuid(spec.uuid ?? randomUUID());
      if (users.has(uuid)) throw new Error(`wazo stand-in: user ${uuid} exists`);
      if (userByLogin(spec.login)) throw new Error(`wazo stand-in: login ${spec.login} exists`);
      const taken = new Set(allLines().map((l) => l.id));
      const lines = spec.lines.map((l): LineState => {
        if (taken.has(l.id)) throw new Error(`wazo stand-in: line ${l.id} exists`);
        taken.add(l.id);
        return {
          id: l.id,
          endpointUuid: randomUUID(),
          username: l.username,
          secret: l.secret,
          exten: l.exten ?? String(1000 + l.id),
          context: l.context ?? 'default',
          extensionId: nextExtensionId++,
          options: (l.options ?? []).map(([k, v]): [string, string] => [k, v]),
        };
      });
      users.set(uuid, {
        id: nextUserId++,
        uuid,
        login: spec.login,
        password: spec.password,
        firstname: spec.firstname,
        lastname: spec.lastname,
        email: spec.email ?? null,
        mobile: spec.mobilePhoneNumber ?? null,
        dnd: false,
        createdAt: pyIso(new Date()),
        lines,
        callLogs: [],
      });
      return { uuid };
    },
    addContact(contact) {
      contacts.push({ ...contact, id: nextContactId++ });
    },
    addCallLog(login, log) {
      const user = mustUser(login);
      const id = log.id ?? nextCallLogId++;
      nextCallLogId = Math.max(nextCallLogId, id + 1);
      user.callLogs.push({ ...log, id });
    },
    setMaxTokenLifetime(seconds) {
      maxLifetime = seconds;
    },
    revoke(login) {
      const user = mustUser(login);
      for (const [uuid, r] of refreshTokens) if (r.userUuid === user.uuid) refreshTokens.delete(uuid);
      for (const [id, t] of tokens) if (t.userUuid === user.uuid) tokens.delete(id);
    },
    setLineSecret(login, lineId, secret) {
      const line = mustUser(login).lines.find((l) => l.id === lineId);
      if (!line) throw new Error(`wazo stand-in: ${login} has no line ${lineId}`);
      line.secret = secret;
    },
    dnd(login) {
      return mustUser(login).dnd;
    },
    setSipWsUrl(url) {
      opts.sipWsUrl = url;
    },
    close: () =>
      (closing ??= (async () => {
        for (const s of upgraded) s.destroy();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await rm(dir, { recursive: true, force: true });
      })()),
  };

  function methodNotAllowed(): Reply {
    return { status: 405, body: { message: 'The method is not allowed for the requested URL.' } };
  }

  function jsonBody(ctx: Ctx): unknown {
    try {
      return JSON.parse(ctx.body.toString('utf8')) as unknown;
    } catch {
      throw new Answer({ status: 400, body: FLASK_BAD_REQUEST });
    }
  }

  function isUserId(id: string): boolean {
    return /^\d+$/.test(id) || UUID_RE.test(id);
  }

  function isWebRtc(l: LineState): boolean {
    return l.options.some(([k, v]) => k === 'webrtc' && v === 'yes');
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

const NGINX_404 = '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function send(res: ServerResponse, method: string, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (reply.status === 204 || reply.body === undefined || reply.body === '') {
    // Flask's empty answers (a 204, an automatic OPTIONS) carry no JSON.
    if (reply.status !== 204) headers['Content-Type'] ??= 'text/html; charset=utf-8';
  } else if (typeof reply.body === 'string' && headers['Content-Type']) {
    payload = reply.body;
  } else {
    payload = `${JSON.stringify(reply.body)}\n`;
    headers['Content-Type'] ??= 'application/json';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(method === 'HEAD' ? undefined : payload);
}

/** wazo-auth's and wazo-dird's legacy error body. */
function legacyError(code: number, message: string) {
  return { reason: [message], timestamp: [Date.now() / 1000], status_code: code };
}

function headerString(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

function parseBasic(header: string | undefined): { login: string; password: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const login = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return login && password ? { login, password } : undefined;
}

function normaliseUuid(uuid: string): string {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  return hex.length === 32 ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` : uuid;
}

/** xivo auth_verifier: path arguments go into the required ACL with their dots as underscores. */
function aclArg(value: string): string {
  return value.replace(/\./g, '_');
}

/** xivo.auth_verifier.AccessCheck: '*' one word, '#' any words, 'me'/'my_session' the token's
 * own user/session, a leading '!' denies. */
export function aclMatches(acl: readonly string[], authId: string, sessionId: string, required: string): boolean {
  const toRegex = (access: string): RegExp => {
    const escaped = access.replace(/[.*+?^${}()|[\]\\#-]/g, (c) => `\\${c}`);
    const words = escaped
      .replace(/\\\*/g, '[^.#]*?')
      .replace(/\\#/g, '.*?')
      .split('\\.')
      .map((w) => (w === 'me' ? `(me|${escapeRe(authId)})` : w === 'my_session' ? `(my_session|${escapeRe(sessionId)})` : w === 'edit' ? '(edit|update)' : w));
    return new RegExp(`^${words.join('\\.')}$`);
  };
  if (acl.some((a) => a.startsWith('!') && toRegex(a.slice(1)).test(required))) return false;
  return acl.some((a) => !a.startsWith('!') && toRegex(a).test(required));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\-]/g, (c) => `\\${c}`);
}

/** One value per key, the last given, in the order keys first appeared (a Python dict). */
function mergeOptions(options: Options): Options {
  const merged = new Map<string, string>();
  for (const [k, v] of options) merged.set(k, v);
  return [...merged.entries()];
}

/** Python repr() of a str. */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  return `${quote}${body}${quote}`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** wazo-auth utc_*_at: datetime.strftime('%Y-%m-%dT%H:%M:%S.%f') in UTC, no zone designator. */
function utcPython(t: number): string {
  const d = new Date(Math.floor(t * 1000));
  const micro = Math.round((t * 1e6) % 1e6);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micro, 6)}`;
}

/** wazo-auth issued_at/expires_at: datetime.fromtimestamp(t).isoformat(), server-local time. */
function localIso(t: number): string {
  const d = new Date(Math.floor(t * 1000));
  const micro = Math.round((t * 1e6) % 1e6);
  const base = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return micro ? `${base}.${pad(micro, 6)}` : base;
}

/** marshmallow DateTime of an aware UTC datetime: isoformat() with '+00:00'. */
function pyIso(d: Date): string {
  const ms = d.getUTCMilliseconds();
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${base}${ms ? `.${pad(ms * 1000, 6)}` : ''}+00:00`;
}
