/**
 * The few Wazo Platform calls Offhook makes, typed, with fetch. Paths and payloads are those of
 * Wazo's own JS SDK (@wazo/sdk: api/auth.js, api/confd.js, domain/Session.js, domain/SipLine.js),
 * which we do not ship: it carries its own sip.js and a WebRTC stack, and weighs far more than
 * these calls. test/harness/wazo proves the stand-in the tests use answers the SDK as Wazo does.
 */

import type { DirectoryContact } from '../../shared/phone/directory';
import type { HistoryEntry } from '../../shared/history/call-history';

/** Why a Wazo call failed, so the user is told what to fix. */
export type WazoFailure =
  /** The server could not be reached (wrong address, offline, certificate refused). */
  | 'unreachable'
  /** The login or password was refused. */
  | 'login'
  /** The refresh token (or the access token) is no longer valid: sign in again. */
  | 'signed-out'
  /** Anything else the server answered: its status is in the message. */
  | 'server';

export class WazoError extends Error {
  constructor(
    readonly failure: WazoFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WazoError';
  }
}

/** A token from wazo-auth: the access token, when it lapses, and who it is for. */
export interface WazoToken {
  token: string;
  /** Only when signing in with access_type offline. */
  refreshToken?: string;
  /** Epoch ms. */
  expiresAt: number;
  userUuid: string;
}

/** The parts of confd's user Offhook reads. */
export interface WazoUser {
  uuid: string;
  firstname: string;
  lastname: string;
  lines: { id: number }[];
}

/** A line's SIP endpoint (confd's merged view): what the softphone registers with. */
export interface WazoSipEndpoint {
  username: string;
  secret: string;
  /** Its endpoint options, e.g. [['webrtc', 'yes']]. */
  options: [string, string][];
}

export interface WazoClient {
  /** Signs in with the user's Wazo login; with a `clientId`, asks for a refresh token for it. */
  signIn(login: string, password: string, expiration: number, clientId?: string): Promise<WazoToken>;
  /** A new access token from a refresh token. */
  refresh(refreshToken: string, clientId: string, expiration: number): Promise<WazoToken>;
  /** Ends the refresh token of `clientId` (the account is removed from Offhook). */
  revoke(token: string, clientId: string): Promise<void>;
  /** The signed-in user (confd has no /users/me: the token's metadata names the user). */
  user(token: WazoToken): Promise<WazoUser>;
  sipEndpoint(token: string, userUuid: string, lineId: number): Promise<WazoSipEndpoint>;
  /** The user's calls since `since` (epoch ms) from call-logd, newest first, as history. */
  callLog(token: WazoToken, since: number, limit: number): Promise<HistoryEntry[]>;
  /** confd's Do Not Disturb user service. */
  setDoNotDisturb(token: WazoToken, on: boolean): Promise<void>;
  /** dird's lookup in the directory profile `profile` (Wazo creates "default" for a tenant). */
  lookup(token: string, term: string, profile?: string): Promise<DirectoryContact[]>;
}

/** The longest a request may take before the server counts as unreachable. */
const TIMEOUT_MS = 10_000;

/** A client for the Wazo server at `base` (https://host[:port]). */
export function wazoClient(base: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): WazoClient {
  const call = async (path: string, init: RequestInit & { token?: string; basic?: string } = {}): Promise<unknown> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (init.body) headers['Content-Type'] = 'application/json';
    if (init.token) headers['X-Auth-Token'] = init.token;
    if (init.basic) headers.Authorization = `Basic ${init.basic}`;
    let response: Response;
    try {
      response = await fetchImpl(`${base}/api${path}`, { ...init, headers, signal: AbortSignal.timeout(TIMEOUT_MS), credentials: 'omit' });
    } catch (error) {
      throw new WazoError('unreachable', `${base}: ${(error as Error).message}`);
    }
    if (response.ok) return response.status === 204 ? null : response.json().catch(() => null);
    const text = await response.text().catch(() => '');
    const reason = readReason(text) ?? response.statusText;
    if (response.status === 401) throw new WazoError(init.basic ? 'login' : 'signed-out', reason, 401);
    throw new WazoError('server', `${response.status} ${reason}`.trim(), response.status);
  };

  return {
    async signIn(login, password, expiration, clientId) {
      const body = { backend: 'wazo_user', expiration, ...(clientId ? { access_type: 'offline', client_id: clientId } : {}) };
      return readToken(await call('/auth/0.1/token', { method: 'POST', body: JSON.stringify(body), basic: base64(`${login}:${password}`) }));
    },
    async refresh(refreshToken, clientId, expiration) {
      const body = { backend: 'wazo_user', expiration, refresh_token: refreshToken, client_id: clientId };
      return readToken(await call('/auth/0.1/token', { method: 'POST', body: JSON.stringify(body) }));
    },
    async revoke(token, clientId) {
      await call(`/auth/0.1/users/me/tokens/${encodeURIComponent(clientId)}`, { method: 'DELETE', token });
    },
    async user(token) {
      return readUser(await call(`/confd/1.1/users/${encodeURIComponent(token.userUuid)}`, { token: token.token }));
    },
    async callLog(token, since, limit) {
      const query = `from=${encodeURIComponent(new Date(since).toISOString())}&order=start&direction=desc&limit=${limit}`;
      return readCallLog(await call(`/call-logd/1.0/users/me/cdr?${query}`, { token: token.token }), token.userUuid);
    },
    async setDoNotDisturb(token, on) {
      await call(`/confd/1.1/users/${encodeURIComponent(token.userUuid)}/services/dnd`, { method: 'PUT', body: JSON.stringify({ enabled: on }), token: token.token });
    },
    async lookup(token, term, profile = 'default') {
      return readLookup(await call(`/dird/0.1/directories/lookup/${encodeURIComponent(profile)}?term=${encodeURIComponent(term)}`, { token }));
    },
    async sipEndpoint(token, userUuid, lineId) {
      return readEndpoint(await call(`/confd/1.1/users/${encodeURIComponent(userUuid)}/lines/${lineId}/associated/endpoints/sip?view=merged`, { token }));
    },
  };
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** Wazo's error bodies: { reason: [..] } (auth), { message } or a list of strings (confd). */
function readReason(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    if (Array.isArray(body) && typeof body[0] === 'string') return body[0];
    if (typeof body === 'object' && body !== null) {
      const b = body as { reason?: unknown; message?: unknown };
      if (Array.isArray(b.reason) && typeof b.reason[0] === 'string') return b.reason[0];
      if (typeof b.message === 'string') return b.message;
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return undefined;
}

const bad = (what: string) => new WazoError('server', `The Wazo server answered without ${what}.`);

export function readToken(value: unknown): WazoToken {
  const data = (value as { data?: Record<string, unknown> } | null)?.data;
  if (!data || typeof data.token !== 'string' || !data.token) throw bad('a token');
  const metadata = data.metadata as { uuid?: unknown } | undefined;
  const userUuid = typeof metadata?.uuid === 'string' ? metadata.uuid : '';
  if (!userUuid) throw bad("the user's identity");
  // utc_expires_at has no zone designator ("2026-12-06T10:00:00.123456"): it is UTC.
  const expiresAt = when(data.utc_expires_at);
  if (expiresAt === undefined) throw bad('an expiry time');
  return {
    token: data.token,
    ...(typeof data.refresh_token === 'string' && data.refresh_token ? { refreshToken: data.refresh_token } : {}),
    expiresAt,
    userUuid,
  };
}

export function readUser(value: unknown): WazoUser {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v.uuid !== 'string') throw bad('the user');
  const lines = Array.isArray(v.lines) ? v.lines.filter((l): l is { id: number } => typeof (l as { id?: unknown })?.id === 'number') : [];
  return {
    uuid: v.uuid,
    firstname: typeof v.firstname === 'string' ? v.firstname : '',
    lastname: typeof v.lastname === 'string' ? v.lastname : '',
    lines: lines.map((l) => ({ id: l.id })),
  };
}

/** The merged view keeps the username and password in auth_section_options, as
 * @wazo/sdk's SipLine.parse reads them; older servers had them at the top level. */
export function readEndpoint(value: unknown): WazoSipEndpoint {
  const v = value as Record<string, unknown> | null;
  if (!v) throw bad('the line');
  const pairs = (list: unknown): [string, string][] =>
    Array.isArray(list) ? list.filter((p): p is [string, string] => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string') : [];
  const auth = pairs(v.auth_section_options);
  const find = (name: string) => auth.find((p) => p[0] === name)?.[1];
  const username = find('username') ?? (typeof v.username === 'string' ? v.username : '');
  const secret = find('password') ?? (typeof v.secret === 'string' ? v.secret : '');
  const endpointOptions = pairs(v.endpoint_section_options);
  return { username, secret, options: endpointOptions.length ? endpointOptions : pairs(v.options) };
}

/**
 * dird's lookup answer: a table whose columns the profile's display defines
 * (`column_headers`, `column_types`), one row per entry. The name is the "name" column (or
 * first and last name); every "number" column is a number to call, labelled by its header
 * (Wazo's default display has "Numéro" and "Mobile"). As @wazo/sdk's Contact.parseMany reads it.
 */
export function readLookup(value: unknown): DirectoryContact[] {
  const v = value as { column_types?: unknown; column_headers?: unknown; results?: unknown } | null;
  if (!v || !Array.isArray(v.column_types) || !Array.isArray(v.results)) throw bad('a directory answer');
  const types = v.column_types as unknown[];
  const headers = Array.isArray(v.column_headers) ? (v.column_headers as unknown[]) : [];
  const col = (type: string) => types.indexOf(type);
  const out: DirectoryContact[] = [];
  for (const row of v.results as { column_values?: unknown }[]) {
    const values = Array.isArray(row?.column_values) ? (row.column_values as unknown[]) : [];
    const text = (i: number) => (i >= 0 && typeof values[i] === 'string' ? (values[i] as string).trim() : '');
    const name = text(col('name')) || `${text(col('firstname'))} ${text(col('lastname'))}`.trim();
    if (!name) continue;
    types.forEach((type, i) => {
      const number = type === 'number' ? text(i) : '';
      if (!number) return;
      const label = i === col('number') ? undefined : typeof headers[i] === 'string' ? (headers[i] as string) : undefined;
      out.push({ name, number, ...(label ? { label } : {}) });
    });
  }
  return out;
}

/** A date as Wazo writes it (ISO 8601, with an offset or, in wazo-auth, without one: UTC). */
function when(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * call-logd's CDRs as history entries seen from the user (`userUuid`): the other party is the
 * destination of a call the user placed and the source of one they received. A received call
 * nobody answered is missed; a placed one, unanswered. Ids are prefixed, so a call is added once.
 */
export function readCallLog(value: unknown, userUuid: string): HistoryEntry[] {
  const items = (value as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw bad('a call log');
  const out: HistoryEntry[] = [];
  for (const item of items as Record<string, unknown>[]) {
    const startedAt = when(item.start);
    if (typeof item.id !== 'number' || startedAt === undefined) continue;
    const placed = item.source_user_uuid === userUuid || (item.source_user_uuid == null && item.call_direction === 'outbound');
    const side = placed ? 'destination' : 'source';
    const number = typeof item[`${side}_extension`] === 'string' ? (item[`${side}_extension`] as string) : '';
    if (!number) continue;
    const name = typeof item[`${side}_name`] === 'string' ? (item[`${side}_name`] as string).trim() : '';
    const answeredAt = item.answered === true ? (when(item.answer) ?? startedAt) : undefined;
    out.push({
      id: `wazo-cdr:${item.id}`,
      direction: placed ? 'outbound' : 'inbound',
      target: number,
      number,
      ...(name && name !== number ? { name } : {}),
      startedAt,
      ...(answeredAt !== undefined ? { answeredAt } : {}),
      endedAt: when(item.end) ?? startedAt,
      outcome: answeredAt !== undefined ? 'answered' : placed ? 'cancelled' : 'missed',
    });
  }
  return out;
}

/** Whether the endpoint is set up for a browser (Wazo's "webrtc" option). */
export function isWebRtc(endpoint: WazoSipEndpoint): boolean {
  return endpoint.options.some(([key, value]) => key === 'webrtc' && value === 'yes');
}
