import { jsonApi } from '../../shared/rest/json-api';

/**
 * The Genesys Cloud Platform API calls Offhook makes, typed, with fetch. Paths and payloads are
 * those of purecloud-platform-client-v2 (UsersApi, ConversationsApi, NotificationsApi), which
 * we do not ship (a generated client of the whole API); test/harness/genesys proves the stand-in
 * the tests use answers that client as Genesys does.
 */

export type GenesysFailure =
  /** The token is no longer valid (expired, revoked): sign in again. */
  | 'signed-out'
  /** The user may not do this (a permission missing): Genesys's message says which. */
  | 'forbidden'
  /** Genesys refused the request as asked (a number it will not dial…): its message says why. */
  | 'refused'
  /** Too many requests, still after waiting as Genesys asked. */
  | 'rate-limited'
  /** The region's servers could not be reached. */
  | 'unreachable'
  | 'server';

export class GenesysError extends Error {
  constructor(
    readonly failure: GenesysFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GenesysError';
  }
}

export interface GenesysUser {
  id: string;
  name: string;
  email: string;
  /** Whether a station (WebRTC phone, desk phone) is associated: calls ring out from it. */
  hasStation: boolean;
}

/** A participant of a call conversation, as REST and the conversation events carry it. */
export interface GenesysParticipant {
  id: string;
  purpose: string;
  state: string;
  direction?: string;
  name?: string;
  address?: string;
  userId?: string;
  disconnectType?: string;
  held?: boolean;
  muted?: boolean;
  startTime?: string;
  connectedTime?: string;
  endTime?: string;
}

export interface GenesysConversation {
  id: string;
  participants: GenesysParticipant[];
}

export interface GenesysChannel {
  id: string;
  connectUri: string;
  /** Epoch ms. */
  expires: number;
}

export interface GenesysClient {
  me(): Promise<GenesysUser>;
  /** Places a call as the user, from their station. Returns the conversation id. */
  dial(phoneNumber: string): Promise<string>;
  /** The user's calls in progress. */
  calls(): Promise<GenesysConversation[]>;
  updateParticipant(conversationId: string, participantId: string, change: { state?: 'connected' | 'disconnected'; muted?: boolean; held?: boolean }): Promise<void>;
  /** Blind transfer: the user's participant is replaced by `address`. */
  transfer(conversationId: string, participantId: string, address: string): Promise<void>;
  digits(conversationId: string, participantId: string, digits: string): Promise<void>;
  createChannel(): Promise<GenesysChannel>;
  subscribe(channelId: string, topics: string[]): Promise<void>;
  /** Ends the token (the account leaves Offhook). */
  signOut(): Promise<void>;
}

export function genesysClient(region: string, token: () => string, fetchImpl: typeof fetch = (...args) => fetch(...args), sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): GenesysClient {
  const base = `https://api.${region}`;
  const call = jsonApi({ base, token, fetchImpl, sleep, failed: (status, message) => {
      const failure = failureOf(status);
      return new GenesysError(failure, failure === 'server' ? `${status} ${message}` : message, status || undefined);
    },
  });
  const participant = (c: string, p: string) => `/api/v2/conversations/calls/${encodeURIComponent(c)}/participants/${encodeURIComponent(p)}`;
  return {
    async me() {
      return readUser(await call('/api/v2/users/me?expand=station'));
    },
    async dial(phoneNumber) {
      const created = (await call('/api/v2/conversations/calls', { method: 'POST', body: JSON.stringify({ phoneNumber }) })) as { id?: unknown } | null;
      if (typeof created?.id !== 'string') throw new GenesysError('server', 'Genesys placed the call without saying which.');
      return created.id;
    },
    async calls() {
      const listing = (await call('/api/v2/conversations/calls')) as { entities?: unknown } | null;
      return Array.isArray(listing?.entities) ? listing.entities.map(readConversation).filter((c): c is GenesysConversation => c !== undefined) : [];
    },
    async updateParticipant(c, p, change) {
      await call(participant(c, p), { method: 'PATCH', body: JSON.stringify(change) });
    },
    async transfer(c, p, address) {
      await call(`${participant(c, p)}/replace`, { method: 'POST', body: JSON.stringify({ address }) });
    },
    async digits(c, p, digits) {
      await call(`/api/v2/conversations/${encodeURIComponent(c)}/participants/${encodeURIComponent(p)}/digits`, { method: 'POST', body: JSON.stringify({ digits }) });
    },
    async createChannel() {
      const channel = (await call('/api/v2/notifications/channels', { method: 'POST' })) as { id?: unknown; connectUri?: unknown; expires?: unknown } | null;
      if (typeof channel?.id !== 'string' || typeof channel.connectUri !== 'string') throw new GenesysError('server', 'Genesys opened no notification channel.');
      const expires = typeof channel.expires === 'string' ? Date.parse(channel.expires) : NaN;
      return { id: channel.id, connectUri: channel.connectUri, expires: Number.isFinite(expires) ? expires : Date.now() + 86_400_000 };
    },
    async signOut() {
      await call('/api/v2/tokens/me', { method: 'DELETE' });
    },
    async subscribe(channelId, topics) {
      await call(`/api/v2/notifications/channels/${encodeURIComponent(channelId)}/subscriptions`, { method: 'PUT', body: JSON.stringify(topics.map((id) => ({ id }))) });
    },
  };
}

/** What an HTTP status means for Offhook (0: the region's servers were not reached). */
function failureOf(status: number): GenesysFailure {
  if (status === 0) return 'unreachable';
  if (status === 429) return 'rate-limited';
  if (status === 401) return 'signed-out';
  if (status === 403) return 'forbidden';
  if (status === 400 || status === 404 || status === 409) return 'refused';
  return 'server';
}

function readUser(value: unknown): GenesysUser {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v.id !== 'string') throw new GenesysError('server', 'Genesys answered without the user.');
  const station = v.station as { associatedStation?: unknown; effectiveStation?: unknown; defaultStation?: unknown } | undefined;
  return {
    id: v.id,
    name: typeof v.name === 'string' ? v.name : '',
    email: typeof v.email === 'string' ? v.email : typeof v.username === 'string' ? v.username : '',
    hasStation: Boolean(station?.associatedStation ?? station?.effectiveStation),
  };
}

/** A conversation from REST or an event body, checked field by field. */
export function readConversation(value: unknown): GenesysConversation | undefined {
  const v = value as { id?: unknown; participants?: unknown } | null;
  if (typeof v?.id !== 'string' || !Array.isArray(v.participants)) return undefined;
  const text = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const participants = v.participants.flatMap((p: Record<string, unknown>): GenesysParticipant[] => {
    if (typeof p?.id !== 'string' || typeof p.purpose !== 'string' || typeof p.state !== 'string') return [];
    const user = p.user as { id?: unknown } | undefined;
    const out: GenesysParticipant = { id: p.id, purpose: p.purpose, state: p.state };
    const fields = { direction: text(p.direction), name: text(p.name), address: text(p.address), userId: text(user?.id) ?? text(p.userId), disconnectType: text(p.disconnectType), startTime: text(p.startTime), connectedTime: text(p.connectedTime), endTime: text(p.endTime) };
    for (const [k, x] of Object.entries(fields)) if (x !== undefined) (out as unknown as Record<string, unknown>)[k] = x;
    if (typeof p.held === 'boolean') out.held = p.held;
    if (typeof p.muted === 'boolean') out.muted = p.muted;
    return [out];
  });
  return { id: v.id, participants };
}
