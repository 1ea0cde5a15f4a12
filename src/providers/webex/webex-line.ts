import { addressOfRecord, type Account } from '../../shared/account/account';
import type { CallInfo } from '../../shared/call/call-info';
import { CallState } from '../../shared/call/call-state';
import { refusedCall } from '../../shared/call/refused-call';
import type { HistoryEntry } from '../../shared/history/call-history';
import { t } from '../../shared/i18n/t';
import { logError } from '../../shared/log';
import type { CommandResult } from '../../shared/phone/call-command';
import { DIRECTORY_MAX_RESULTS, type DirectoryContact } from '../../shared/phone/directory';
import type { PhoneLine } from '../../shared/phone/phone-line';
import type { Registration } from '../../shared/phone/registration';
import { emptySnapshot, type PhoneSnapshot } from '../../shared/phone/snapshot';
import type { Voicemail } from '../../shared/phone/voicemail';
import type { Outcome, WebexPhoneState } from '../../shared/messaging/protocol';
import type { CallCommand } from '../../shared/phone/call-command';
import { decodeToken, encodeToken, refreshWebexToken, signInWithWebex, WEBEX_PHONE_SCOPES, WEBEX_SCOPES, type AuthWindow, type WebexToken } from './webex-auth';
import { callFrom, endOf } from './webex-call';
import { webexClient, WebexError, type CallControl, type WebexCall, type WebexClient, type WebexPerson } from './webex-client';

/**
 * How often the calls are read while one is up: Webex's call events come only by webhook,
 * which an extension cannot receive, so the listing is the source (at most one a second).
 */
export const ACTIVE_POLL_MS = 1_000;
/**
 * How often the calls are read while none is up: how soon an incoming call rings here. Not
 * none: with no event stream, an incoming call is seen only by asking (1,200 requests an
 * hour, well within Webex's per-user limits).
 */
export const IDLE_POLL_MS = 3_000;
/** A token is renewed (the refresh grant) this long before it lapses. */
const TOKEN_RENEW_AHEAD_MS = 10 * 60_000;
/** The voicemail count is read this often, and after every call. */
const VOICEMAIL_EVERY_MS = 5 * 60_000;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;
const CALL_LOG_LIMIT = 100;

export interface WebexLineOptions {
  /** The browser's auth window (identity.launchWebAuthFlow). */
  authWindow: AuthWindow;
  /** The address Webex sends the sign-in back to (identity.getRedirectURL()). */
  redirectUri(): string;
  /** The default account, for a worker that woke with a Webex account. */
  account(): Promise<Account | null>;
  /** The account's sign-in was renewed ('' : it ended): the stored account keeps it. */
  storeToken(account: Account, kept: string): Promise<void>;
  /** Called on every poll: an extension API call that keeps the service worker awake while
   * the line is in use (a fetch alone does not). */
  keepAwake?(): void;
  /** Offhook as the Webex phone (an account with phoneMode 'offhook'): Cisco's Calling SDK in
   * the offscreen document. */
  phone?: WebexPhoneChannel;
  client?: (token: () => string) => WebexClient;
  fetch?: typeof fetch;
  now?: () => number;
}

/** The Webex phone in the offscreen document, as the line reaches it (webex-phone channel). */
export interface WebexPhoneChannel {
  start(config: { token: string; aor: string } | null): Promise<WebexPhoneState & { configured: boolean }>;
  token(token: string): Promise<void>;
  state(): Promise<WebexPhoneState & { configured: boolean }>;
  dial(target: string, tones?: string): Promise<Outcome<{ callId: string }>>;
  command(command: CallCommand): Promise<CommandResult>;
  retry(): Promise<Outcome>;
  testAudio(output: 'speaker' | 'ringer'): Promise<Outcome>;
  onChange(listener: (state: WebexPhoneState) => void): void;
}

interface Session {
  account: Account;
  token: WebexToken;
  client: WebexClient;
  person?: WebexPerson;
  timer?: ReturnType<typeof setTimeout>;
  /** When the listing was last asked for (the one-a-second bound). */
  lastPollAt: number;
  /** When the token was last renewed. */
  refreshedAt: number;
  retryMs: number;
  voicemailAt: number;
  /** What the user last asked of each call (how an ending reads). */
  asked: Map<string, 'hangup' | 'reject' | 'transfer'>;
  muted: Set<string>;
  raw: Map<string, WebexCall>;
  polling: boolean;
  stopped: boolean;
  /** Offhook is the Webex phone: calls are the offscreen SDK's, not the listing's. */
  phone?: WebexPhoneChannel;
  /** The token the phone was last given. */
  phoneToken?: string;
}

/**
 * The Webex Calling line: Offhook drives the user's Webex phone (the Webex app, a desk phone)
 * through Webex's Call Controls API. Calls are placed with Dial and controlled with answer,
 * reject, hangup, hold, resume, mute, transmitDtmf and transfer; their state is read from
 * GET /v1/telephony/calls, every second while a call is up and every few seconds otherwise.
 * The access token is renewed with the refresh token before it lapses; a refresh token Webex
 * no longer honours asks the user to sign in again (never a loop).
 */
export function webexLine(opts: WebexLineOptions): PhoneLine {
  const now = opts.now ?? Date.now;
  const fetchImpl = opts.fetch ?? ((...args) => fetch(...args));
  const makeClient = opts.client ?? ((token) => webexClient(token, fetchImpl));
  let session: Session | null = null;
  let registration: Registration = { state: 'unconfigured' };
  let calls: CallInfo[] = [];
  let lastEnded: CallInfo | undefined;
  let voicemail: Voicemail | undefined;
  /** Offhook as the Webex phone: its sound devices (missing ones, the test playing). */
  let audio: PhoneSnapshot['audio'];
  let revision = 0;
  let resuming: Promise<void> | undefined;
  const listeners: ((snapshot: PhoneSnapshot) => void)[] = [];

  const snapshot = (): PhoneSnapshot => ({
    ...emptySnapshot,
    registration,
    calls,
    ...(lastEnded ? { lastEnded } : {}),
    ...(voicemail ? { voicemail } : {}),
    ...(session?.phone && audio ? { audio } : {}),
    ...(session?.person ? { directory: true } : {}),
    revision,
  });
  const emit = () => {
    revision++;
    const shown = snapshot();
    for (const listener of listeners) listener(shown);
  };
  const setRegistration = (next: Registration) => {
    if (JSON.stringify(next) === JSON.stringify(registration)) return;
    registration = next;
    emit();
  };
  const aorOf = (s: Session) => addressOfRecord(s.account);
  /** The Webex phone's state is the line's, while the sign-in holds. */
  const fromPhone = (state: WebexPhoneState) => {
    const s = session;
    if (!s?.phone || s.stopped) return;
    calls = state.calls;
    if (state.lastEnded) lastEnded = state.lastEnded;
    registration = state.registration.state === 'unconfigured' ? { state: 'connecting', aor: aorOf(s) } : state.registration;
    audio = state.audio;
    emit();
  };
  opts.phone?.onChange(fromPhone);
  const integration = (account: Account) => ({ clientId: account.oauthClientId, clientSecret: account.password });

  const stop = (s: Session | null) => {
    if (!s) return;
    s.stopped = true;
    clearTimeout(s.timer);
    if (s.phone) void s.phone.start(null).catch((e: unknown) => logError('webex: stopping the phone', e));
  };

  /** The next read of the listing, `ms` from now but never sooner than a second after the last. */
  const schedule = (s: Session, ms: number) => {
    if (s.stopped) return;
    clearTimeout(s.timer);
    const wait = Math.max(ms, s.lastPollAt + ACTIVE_POLL_MS - now(), 0);
    s.timer = setTimeout(() => void poll(s), wait);
  };
  const soon = (s: Session) => schedule(s, 0);

  /** The calls Webex lists now are the truth: new ones appear, changed ones change, and one no
   * longer listed has ended. */
  const apply = (s: Session, listed: WebexCall[]) => {
    const next = listed.filter((c) => c.state !== 'disconnected').map((c) => callFrom(c, s.muted.has(c.id)));
    const up = new Set(next.map((c) => c.id));
    let ended = false;
    for (const call of calls) {
      if (up.has(call.id)) continue;
      lastEnded = endOf(call, s.asked.get(call.id), now());
      s.asked.delete(call.id);
      s.muted.delete(call.id);
      ended = true;
    }
    s.raw = new Map(listed.map((c) => [c.id, c]));
    const changed = JSON.stringify(next) !== JSON.stringify(calls);
    calls = next;
    if (ended) s.voicemailAt = 0;
    if (changed || ended) emit();
  };

  const poll = async (s: Session): Promise<void> => {
    if (s.stopped || s.polling) return;
    s.polling = true;
    s.lastPollAt = now();
    opts.keepAwake?.();
    try {
      if (s.token.expiresAt - now() < TOKEN_RENEW_AHEAD_MS && !(await renewToken(s))) return;
      s.person ??= await s.client.me();
      if (s.phone) {
        await tendPhone(s, s.phone);
        if (s.stopped) return;
        s.retryMs = RETRY_FIRST_MS;
        if (now() - s.voicemailAt > VOICEMAIL_EVERY_MS) void readVoicemail(s);
        // The phone has its own event stream: the line wakes only for the token and voicemail.
        schedule(s, Math.min(VOICEMAIL_EVERY_MS, Math.max(s.token.expiresAt - TOKEN_RENEW_AHEAD_MS - now(), ACTIVE_POLL_MS)));
        return;
      }
      const listed = await s.client.calls();
      if (s.stopped) return;
      s.retryMs = RETRY_FIRST_MS;
      apply(s, listed);
      setRegistration({ state: 'registered', aor: aorOf(s) });
      if (now() - s.voicemailAt > VOICEMAIL_EVERY_MS) void readVoicemail(s);
      schedule(s, calls.length > 0 ? ACTIVE_POLL_MS : IDLE_POLL_MS);
    } catch (error) {
      await failed(s, error);
    } finally {
      s.polling = false;
    }
  };

  /** The Webex phone runs with the current token: started once (a worker that woke finds it
   * running and takes its state), told of every renewal. */
  const tendPhone = async (s: Session, phone: WebexPhoneChannel) => {
    if (s.phoneToken === undefined) {
      const running = await phone.state();
      if (s.stopped) return;
      s.phoneToken = s.token.accessToken;
      if (running.configured && running.registration.state !== 'unconfigured') {
        await phone.token(s.token.accessToken);
        fromPhone(running);
        return;
      }
      fromPhone(await phone.start({ token: s.token.accessToken, aor: aorOf(s) }));
      return;
    }
    if (s.phoneToken !== s.token.accessToken) {
      s.phoneToken = s.token.accessToken;
      await phone.token(s.token.accessToken);
    }
  };

  const readVoicemail = async (s: Session) => {
    s.voicemailAt = now();
    try {
      const box = await s.client.voicemail();
      if (s.stopped) return;
      const next: Voicemail = { waiting: box.newMessages > 0, new: box.newMessages, old: box.oldMessages };
      if (JSON.stringify(next) === JSON.stringify(voicemail)) return;
      voicemail = next;
      emit();
    } catch (error) {
      // A user without voicemail, or a passing failure: the count stays as it was.
      logError('webex: voicemail', error);
    }
  };

  /** The refresh grant; false (and the user asked to sign in again) when Webex refuses it. */
  const renewToken = async (s: Session): Promise<boolean> => {
    try {
      const token = await refreshWebexToken(integration(s.account), s.token, fetchImpl, now);
      if (s.stopped) return false;
      s.token = token;
      s.refreshedAt = now();
      s.account = { ...s.account, refreshToken: encodeToken(token) };
      await opts.storeToken(s.account, s.account.refreshToken).catch((e: unknown) => logError('webex: keeping the sign-in', e));
      return true;
    } catch (error) {
      if (error instanceof WebexError && error.failure === 'signed-out') await signedOut(s);
      else await failed(s, error);
      return false;
    }
  };

  /** The sign-in has ended: the line stops and asks for a new one. */
  const signedOut = async (s: Session) => {
    if (s.stopped || session !== s) return;
    stop(s);
    // Calls Offhook can no longer follow end here (Webex carries them on): each is kept in the
    // history, saying why.
    for (const call of calls) lastEnded = { ...call, state: CallState.Ended, endedAt: now(), end: { reason: 'failed', phrase: t('webexSignInAgain') } };
    calls = [];
    registration = { state: 'failed', aor: aorOf(s), kind: 'signin', message: t('webexSignInAgain') };
    emit();
    await opts.storeToken(s.account, '').catch((e: unknown) => logError('webex: forgetting the sign-in', e));
  };

  /** Why the line is down, and what happens next. */
  const failed = async (s: Session, error: unknown): Promise<void> => {
    if (s.stopped || session !== s) return;
    const e = error instanceof WebexError ? error : new WebexError('unreachable', String(error));
    if (e.failure === 'signed-out') {
      // An access token Webex stopped honouring before its time: one refresh; refused again
      // right after one, the sign-in is over (never a loop).
      if (now() - s.refreshedAt < RETRY_MAX_MS) return signedOut(s);
      if (await renewToken(s)) return soon(s);
      return;
    }
    if (e.failure === 'forbidden') {
      stop(s);
      setRegistration({ state: 'failed', aor: aorOf(s), kind: 'config', message: forbidden(e) });
      return;
    }
    const wait = e.failure === 'rate-limited' ? RETRY_MAX_MS : s.retryMs;
    s.retryMs = Math.min(s.retryMs * 2, RETRY_MAX_MS);
    setRegistration({ state: 'failed', aor: aorOf(s), kind: 'temporary', message: t('webexReconnecting', e.message), retryAt: now() + wait });
    schedule(s, wait);
  };

  const begin = async (account: Account): Promise<PhoneSnapshot> => {
    stop(session);
    calls = [];
    voicemail = undefined;
    const token = decodeToken(account.refreshToken);
    if (!token) {
      session = null;
      setRegistration({ state: 'failed', aor: addressOfRecord(account), kind: 'signin', message: t('webexSignInAgain') });
      return snapshot();
    }
    const s: Session = {
      account,
      token,
      client: makeClient(() => s.token.accessToken),
      lastPollAt: 0,
      refreshedAt: 0,
      retryMs: RETRY_FIRST_MS,
      voicemailAt: 0,
      asked: new Map(),
      muted: new Set(),
      raw: new Map(),
      polling: false,
      stopped: false,
      ...(account.phoneMode === 'offhook' && opts.phone ? { phone: opts.phone } : {}),
    };
    session = s;
    setRegistration({ state: 'connecting', aor: aorOf(s) });
    await poll(s);
    return snapshot();
  };

  /** A worker that woke picks up the default Webex account again. */
  const resume = async () => {
    if (session || registration.state !== 'unconfigured') return;
    resuming ??= (async () => {
      const account = await opts.account().catch(() => null);
      if (account?.kind === 'webex' && !session) await begin(account);
    })().finally(() => (resuming = undefined));
    await resuming;
  };

  /** One request about a call Offhook shows, then the listing read again at once. */
  const run = async (callId: string, act: (s: Session) => Promise<void>): Promise<CommandResult> => {
    const s = session;
    if (!s || !calls.some((c) => c.id === callId)) return { ok: false, error: t('callErrorUnknownCall') };
    try {
      await act(s);
      soon(s);
      return { ok: true };
    } catch (error) {
      if (error instanceof WebexError && error.failure === 'signed-out') void failed(s, error);
      return { ok: false, error: error instanceof WebexError && error.failure === 'forbidden' ? forbidden(error) : t('webexRefused', (error as Error).message) };
    }
  };
  const control = (callId: string, op: CallControl, asked?: 'hangup' | 'reject') =>
    run(callId, async (s) => {
      if (asked) s.asked.set(callId, asked);
      await s.client.control(op, callId);
    });

  return {
    async current() {
      await resume();
      return snapshot();
    },
    async configure(account) {
      if (!account || account.kind !== 'webex') {
        stop(session);
        session = null;
        calls = [];
        voicemail = undefined;
        setRegistration({ state: 'unconfigured' });
        return snapshot();
      }
      return begin(account);
    },
    async prepare(account) {
      if (account.kind !== 'webex') return { ok: true, account };
      const kept = decodeToken(account.refreshToken);
      try {
        const token =
          kept && kept.expiresAt - now() > TOKEN_RENEW_AHEAD_MS
            ? kept
            : await signInWithWebex(
                { ...integration(account), redirectUri: opts.redirectUri(), interactive: true, scopes: account.phoneMode === 'offhook' ? WEBEX_PHONE_SCOPES : WEBEX_SCOPES },
                opts.authWindow,
                fetchImpl,
                now,
              );
        const client = makeClient(() => token.accessToken);
        const person = await client.me();
        // Only Webex Calling users have calls to list (and only with the calls scope).
        const calling = await client.calls().then(
          () => undefined,
          (error: unknown) => (error instanceof WebexError && error.failure === 'forbidden' ? error : Promise.reject(error)),
        );
        if (calling) return { ok: false, errors: { oauthClientId: t('webexErrorNoCalling', calling.message) } };
        return { ok: true, account: { ...account, username: person.email || person.id, refreshToken: encodeToken(token) } };
      } catch (error) {
        const e = error instanceof WebexError ? error : new WebexError('unreachable', String(error));
        if (e.failure === 'unreachable') return { ok: false, errors: { oauthClientId: t('webexErrorUnreachable') } };
        if (e.failure === 'refused') return { ok: false, errors: { oauthClientId: t('webexErrorSignInRefused', e.message) } };
        if (e.failure === 'forbidden') return { ok: false, errors: { oauthClientId: forbidden(e) } };
        return { ok: false, errors: { oauthClientId: t('webexErrorSignInNotDone', e.message) } };
      }
    },
    // Webex has no user-level revocation of an integration's grant: the tokens are forgotten
    // with the account, and the user can remove the grant in their Webex settings.
    release: async () => undefined,
    async dial(target, tones) {
      const s = session;
      if (!s || registration.state !== 'registered') return { ok: false, error: t('callErrorNotRegistered', registration.state) };
      if (s.phone) return s.phone.dial(target, tones);
      try {
        const callId = await s.client.dial(target);
        // Shown at once; the listing fills in the rest within a second.
        if (!calls.some((c) => c.id === callId)) {
          calls = [...calls, { id: callId, direction: 'outbound', state: CallState.Dialing, remote: { uri: target, number: target }, earlyMedia: false, muted: false, held: false, remoteHeld: false, startedAt: now() }];
          emit();
        }
        soon(s);
        return { ok: true, callId };
      } catch (error) {
        if (error instanceof WebexError && error.failure === 'signed-out') void failed(s, error);
        const message = error instanceof WebexError && error.failure === 'forbidden' ? forbidden(error) : t('webexRefused', (error as Error).message);
        // The attempt stays in the history, with Webex's reason.
        const at = now();
        lastEnded = refusedCall(`webex-refused-${at}`, target, (error as Error).message, at);
        emit();
        return { ok: false, error: message };
      }
    },
    async command(command) {
      if (session?.phone) return session.phone.command(command);
      switch (command.action) {
        case 'answer':
          return control(command.callId, 'answer');
        case 'decline':
          return control(command.callId, 'reject', 'reject');
        case 'hangup':
          return control(command.callId, 'hangup', 'hangup');
        case 'hold':
          return control(command.callId, command.held ? 'hold' : 'resume');
        case 'mute': {
          if (session?.raw.get(command.callId)?.muteCapable === false) return { ok: false, error: t('webexCannotMute') };
          const done = await control(command.callId, command.muted ? 'mute' : 'unmute');
          if (done.ok && session) {
            if (command.muted) session.muted.add(command.callId);
            else session.muted.delete(command.callId);
          }
          return done;
        }
        case 'dtmf':
          return run(command.callId, (s) => s.client.dtmf(command.callId, command.digits));
        case 'transfer':
          return run(command.callId, async (s) => {
            s.asked.set(command.callId, 'transfer');
            await s.client.transfer(command.callId, command.target);
          });
        case 'stats':
          return { ok: true, media: null };
        default:
          return { ok: false, error: t('webexUnsupported') };
      }
    },
    async retry() {
      const s = session;
      if (!s) return { ok: false, error: t('callErrorNoAccount') };
      if (s.stopped) {
        void begin(s.account);
        return { ok: true };
      }
      if (s.phone) return s.phone.retry();
      soon(s);
      return { ok: true };
    },
    setDoNotDisturb: async () => ({ ok: false, error: t('webexNoDnd') }),
    async callLog(since) {
      const s = session;
      if (!s || s.stopped) return [];
      try {
        return historyFrom(await s.client.history(), since).slice(0, CALL_LOG_LIMIT);
      } catch (error) {
        if (error instanceof WebexError && error.failure === 'signed-out') void failed(s, error);
        else logError('webex: call history', error);
        return [];
      }
    },
    async searchDirectory(term) {
      const s = session;
      if (!s || s.stopped) return { ok: false, error: registration.state === 'failed' && registration.kind === 'signin' ? t('webexSignInAgain') : t('directoryUnavailable') };
      try {
        return { ok: true, contacts: contactsFrom(await s.client.searchPeople(term)).slice(0, DIRECTORY_MAX_RESULTS) };
      } catch (error) {
        if (error instanceof WebexError && error.failure === 'signed-out') void failed(s, error);
        return { ok: false, error: error instanceof WebexError && error.failure === 'forbidden' ? forbidden(error) : t('directoryFailed', (error as Error).message) };
      }
    },
    async test(account) {
      const token = decodeToken(account.refreshToken);
      if (!token) return { ok: false, message: t('webexSignInAgain') };
      try {
        const client = makeClient(() => token.accessToken);
        const person = await client.me();
        await client.calls();
        return { ok: true, message: t('webexTestOk', person.name || person.email) };
      } catch (error) {
        return { ok: false, message: error instanceof WebexError && error.failure === 'forbidden' ? t('webexErrorNoCalling', error.message) : t('webexRefused', (error as Error).message) };
      }
    },
    /** Offhook as the Webex phone plays the test on the chosen device; the user's own Webex
     * phone is not ours to sound. */
    async testAudio(output) {
      await resume();
      const phone = session?.phone;
      return phone ? phone.testAudio(output) : { ok: false, error: t('webexNoAudioHere') };
    },
    onChange: (listener) => void listeners.push(listener),
    async debugSnapshot() {
      await resume();
      return { ...snapshot(), configured: session !== null };
    },
  };
}

/** A 403: Webex's words, and the scope the request needed (the admin's integration may lack it). */
function forbidden(error: WebexError): string {
  return error.scope ? t('webexForbiddenScope', error.message, error.scope) : t('webexRefused', error.message);
}

/** Webex's call history (placed, missed, received) as history entries. Webex gives a time but
 * no duration or answer time: a placed call reads as made, a received one as answered. */
function historyFrom(records: { type: string; name?: string; number?: string; time: string }[], since: number): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const r of records) {
    const at = Date.parse(r.time);
    const number = (r.number ?? '').replace(/^tel:/i, '');
    if (!Number.isFinite(at) || at < since || !number) continue;
    const direction = r.type === 'placed' ? 'outbound' : 'inbound';
    out.push({
      id: `webex-history:${r.type}:${at}:${number}`,
      direction,
      target: number,
      number,
      ...(r.name && r.name !== number ? { name: r.name } : {}),
      startedAt: at,
      ...(r.type === 'missed' ? {} : { answeredAt: at }),
      endedAt: at,
      outcome: r.type === 'missed' ? 'missed' : 'answered',
    });
  }
  return out;
}

function contactsFrom(people: WebexPerson[]): DirectoryContact[] {
  return people.flatMap((p) => {
    const name = p.name || p.email;
    const found: DirectoryContact[] = [];
    if (p.number) found.push({ name, number: p.number, label: 'Work' });
    if (p.extension && p.extension !== p.number) found.push({ name, number: p.extension, label: 'Extension' });
    return found;
  });
}
