import { jsonApi } from '../../shared/rest/json-api';
import { WEBEX_API_HOST } from './webex-account';

/**
 * The Webex API calls Offhook makes, typed, with fetch: People (who the user is, the
 * directory) and Webex Calling's user-level Call Controls, Call History and Voice Messaging, as
 * Cisco's API reference documents them. test/harness/webex proves the stand-in the tests use
 * answers Cisco's own SDK (`webex`) as Webex does.
 */

export type WebexFailure =
  /** The token is no longer valid (expired, revoked): renew it, or sign in again. */
  | 'signed-out'
  /** Webex will not let this integration or user do it: a scope the integration lacks, or no
   * Webex Calling for the user. `scope` names the scope the request needs. */
  | 'forbidden'
  /** Webex refused the request as asked (a number it will not dial, a call in the wrong
   * state): its message says why. */
  | 'refused'
  /** Too many requests, still after waiting as Webex asked (retryAfterS). */
  | 'rate-limited'
  | 'unreachable'
  | 'server';

export class WebexError extends Error {
  constructor(
    readonly failure: WebexFailure,
    message: string,
    readonly status?: number,
    readonly scope?: string,
  ) {
    super(message);
    this.name = 'WebexError';
  }
}

export interface WebexPerson {
  id: string;
  name: string;
  email: string;
  /** The work number and extension Webex Calling gives the person (callingData, or the
   * work number among phoneNumbers). */
  number?: string;
  extension?: string;
}

/** A call as GET /v1/telephony/calls lists it (Cisco's "Call" schema, the fields Offhook reads). */
export interface WebexCall {
  id: string;
  /** originator (placed by the user), terminator (to the user), clickToDial (placed by Dial). */
  personality: string;
  /** connecting, alerting, connected, held, remoteHeld, disconnected. */
  state: string;
  remoteParty: { name?: string; number?: string; privacyEnabled?: boolean };
  created?: string;
  answered?: string;
  muteCapable?: boolean;
  muted?: boolean;
}

/** One record of the user's call history (placed, missed, received). */
export interface WebexHistoryRecord {
  type: string;
  name?: string;
  number?: string;
  time: string;
}

export type CallControl = 'answer' | 'hangup' | 'hold' | 'resume' | 'reject' | 'mute' | 'unmute';

export interface WebexClient {
  /** The signed-in person, with their Webex Calling data. */
  me(): Promise<WebexPerson>;
  /** Click to dial: the user's Webex phone calls `destination`. Returns the call id. */
  dial(destination: string): Promise<string>;
  /** The user's calls now. */
  calls(): Promise<WebexCall[]>;
  control(op: CallControl, callId: string): Promise<void>;
  /** Blind transfer of the call to `destination`. */
  transfer(callId: string, destination: string): Promise<void>;
  dtmf(callId: string, digits: string): Promise<void>;
  history(): Promise<WebexHistoryRecord[]>;
  voicemail(): Promise<{ newMessages: number; oldMessages: number }>;
  searchPeople(term: string): Promise<WebexPerson[]>;
}

/** The scope each kind of request needs (the reference's "requires the … scope"). */
const READ = 'spark:calls_read';
const WRITE = 'spark:calls_write';
const PEOPLE = 'spark:people_read';

export function webexClient(token: () => string, fetchImpl: typeof fetch = (...args) => fetch(...args), sleep?: (ms: number) => Promise<void>): WebexClient {
  const base = `https://${WEBEX_API_HOST}/v1`;
  const api = (scope: string) =>
    jsonApi({
      base,
      token,
      fetchImpl,
      ...(sleep ? { sleep } : {}),
      failed: (status, message) => new WebexError(failureOf(status), message, status || undefined, status === 403 ? scope : undefined),
    });
  const read = api(READ);
  const write = api(WRITE);
  const people = api(PEOPLE);
  const post = (op: string, body: Record<string, string>) => write(`/telephony/calls/${op}`, { method: 'POST', body: JSON.stringify(body) });
  return {
    async me() {
      return readPerson(await people('/people/me?callingData=true'));
    },
    async dial(destination) {
      const placed = (await post('dial', { destination })) as { callId?: unknown } | null;
      if (typeof placed?.callId !== 'string') throw new WebexError('server', 'Webex placed the call without saying which.');
      return placed.callId;
    },
    async calls() {
      const listing = (await read('/telephony/calls')) as { items?: unknown } | null;
      return Array.isArray(listing?.items) ? listing.items.map(readCall).filter((c): c is WebexCall => c !== undefined) : [];
    },
    async control(op, callId) {
      await post(op, { callId });
    },
    async transfer(callId, destination) {
      await post('transfer', { callId1: callId, destination });
    },
    async dtmf(callId, digits) {
      await post('transmitDtmf', { callId, dtmf: digits });
    },
    async history() {
      const listing = (await read('/telephony/calls/history')) as { items?: unknown } | null;
      return Array.isArray(listing?.items)
        ? listing.items.flatMap((r: Record<string, unknown>): WebexHistoryRecord[] =>
            r && typeof r.type === 'string' && typeof r.time === 'string' ? [{ type: r.type, time: r.time, ...textFields(r, ['name', 'number']) }] : [],
          )
        : [];
    },
    async voicemail() {
      const summary = (await read('/telephony/voiceMessages/summary')) as { newMessages?: unknown; oldMessages?: unknown } | null;
      const count = (v: unknown) => (typeof v === 'number' && v >= 0 ? Math.floor(v) : 0);
      return { newMessages: count(summary?.newMessages), oldMessages: count(summary?.oldMessages) };
    },
    async searchPeople(term) {
      const query = new URLSearchParams({ displayName: term, callingData: 'true', max: '20' });
      const listing = (await people(`/people?${query}`)) as { items?: unknown } | null;
      return Array.isArray(listing?.items) ? listing.items.flatMap((p) => (typeof (p as { id?: unknown })?.id === 'string' ? [readPerson(p)] : [])) : [];
    },
  };
}

function failureOf(status: number): WebexFailure {
  if (status === 0) return 'unreachable';
  if (status === 429) return 'rate-limited';
  if (status === 401) return 'signed-out';
  if (status === 403) return 'forbidden';
  if (status === 400 || status === 404 || status === 409) return 'refused';
  return 'server';
}

function textFields<K extends string>(v: Record<string, unknown>, keys: K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) if (typeof v[k] === 'string' && v[k]) out[k] = v[k];
  return out;
}

function readPerson(value: unknown): WebexPerson {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v.id !== 'string') throw new WebexError('server', 'Webex answered without the person.');
  const emails = Array.isArray(v.emails) ? v.emails.filter((e): e is string => typeof e === 'string') : [];
  const numbers = Array.isArray(v.phoneNumbers) ? (v.phoneNumbers as { type?: unknown; value?: unknown }[]) : [];
  const work = numbers.find((n) => n?.type === 'work' && typeof n.value === 'string') ?? numbers.find((n) => typeof n?.value === 'string');
  const person: WebexPerson = {
    id: v.id,
    name: typeof v.displayName === 'string' ? v.displayName : '',
    email: emails[0] ?? '',
  };
  if (typeof work?.value === 'string') person.number = work.value;
  if (typeof v.extension === 'string' && v.extension) person.extension = v.extension;
  return person;
}

/** A call from the listing, checked field by field. */
export function readCall(value: unknown): WebexCall | undefined {
  const v = value as Record<string, unknown> | null;
  if (typeof v?.id !== 'string' || typeof v.state !== 'string') return undefined;
  const party = (v.remoteParty ?? {}) as Record<string, unknown>;
  const call: WebexCall = {
    id: v.id,
    personality: typeof v.personality === 'string' ? v.personality : '',
    state: v.state,
    remoteParty: { ...textFields(party, ['name', 'number']), ...(typeof party.privacyEnabled === 'boolean' ? { privacyEnabled: party.privacyEnabled } : {}) },
    ...textFields(v, ['created', 'answered']),
  };
  if (typeof v.muteCapable === 'boolean') call.muteCapable = v.muteCapable;
  if (typeof v.muted === 'boolean') call.muted = v.muted;
  return call;
}
