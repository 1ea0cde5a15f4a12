import { addressOfRecord, type Account } from '../../shared/account/account';
import type { CallInfo } from '../../shared/call/call-info';
import { CallState } from '../../shared/call/call-state';
import { refusedCall } from '../../shared/call/refused-call';
import { t } from '../../shared/i18n/t';
import { logError } from '../../shared/log';
import type { CallCommand, CommandResult } from '../../shared/phone/call-command';
import type { GenesysPhoneState, Outcome } from '../../shared/messaging/protocol';
import type { PhoneLine } from '../../shared/phone/phone-line';
import type { Registration } from '../../shared/phone/registration';
import { emptySnapshot, type PhoneSnapshot } from '../../shared/phone/snapshot';
import { decodeToken, encodeToken, signInWithGenesys, type AuthWindow, type GenesysToken } from './genesys-auth';
import { callFrom, ownParticipant } from './genesys-call';
import { genesysClient, GenesysError, readConversation, type GenesysChannel, type GenesysClient, type GenesysConversation, type GenesysUser } from './genesys-client';

/** Offhook's ping on the notifications socket: it keeps the socket (and the worker) alive. */
const PING_MS = 20_000;
/** No message at all for this long (Genesys's heartbeat is every 30 s): the socket is dead. */
const SILENCE_MS = 75_000;
/** A channel is renewed this long before Genesys lets it lapse. */
const CHANNEL_RENEW_AHEAD_MS = 5 * 60_000;
/** A token is renewed (a silent sign-in) this long before it lapses. */
const TOKEN_RENEW_AHEAD_MS = 10 * 60_000;
const RECONNECT_FIRST_MS = 1_000;
const RECONNECT_MAX_MS = 30_000;
/** WebSocket.OPEN, without needing the global (the line is also built where it is absent). */
const SOCKET_OPEN = 1;

export interface GenesysLineOptions {
  /** The browser's auth window (identity.launchWebAuthFlow). */
  authWindow: AuthWindow;
  /** The address Genesys sends the sign-in back to (identity.getRedirectURL()). */
  redirectUri(): string;
  /** The default account, for a worker that woke with a Genesys account. */
  account(): Promise<Account | null>;
  /** The account's sign-in was renewed ('' : it ended): the stored account keeps it. */
  storeToken(account: Account, kept: string): Promise<void>;
  /** Offhook as the Genesys phone (an account with phoneMode 'offhook'): Genesys's WebRTC SDK
   * in the offscreen document is the user's station. */
  phone?: GenesysPhoneChannel;
  client?: (region: string, token: () => string) => GenesysClient;
  webSocket?: (url: string) => WebSocket;
  now?: () => number;
}

/** The Genesys phone in the offscreen document, as the line reaches it (genesys-phone channel). */
export interface GenesysPhoneChannel {
  start(config: { token: string; region: string; aor: string } | null): Promise<GenesysPhoneState & { configured: boolean }>;
  token(token: string): Promise<void>;
  state(): Promise<GenesysPhoneState & { configured: boolean }>;
  command(command: CallCommand): Promise<CommandResult>;
  retry(): Promise<Outcome>;
  testAudio(output: 'speaker' | 'ringer'): Promise<Outcome>;
  onChange(listener: (state: GenesysPhoneState) => void): void;
}

interface Session {
  account: Account;
  /** Offhook is the user's station: the phone's state, and the token it was last given. */
  phone?: GenesysPhoneChannel;
  phoneState?: GenesysPhoneState;
  phoneToken?: string;
  token: GenesysToken;
  client: GenesysClient;
  user?: GenesysUser;
  channel?: GenesysChannel;
  socket?: WebSocket;
  lastHeard: number;
  timers: ReturnType<typeof setTimeout>[];
  reconnectMs: number;
  conversations: Map<string, GenesysConversation>;
  stopped: boolean;
}

/**
 * The Genesys Cloud line: Offhook drives the user's Genesys phone. Calls are placed and
 * controlled through the Platform API (Conversations), and their state comes from the user's
 * conversations topic on a notifications channel's WebSocket, kept alive (pings, heartbeats),
 * renewed before it lapses, reconnected with backoff after a drop and reconciled from
 * GET /api/v2/conversations/calls. The phone that rings is the user's Genesys station.
 */
export function genesysLine(opts: GenesysLineOptions): PhoneLine {
  const now = opts.now ?? Date.now;
  const makeClient = opts.client ?? ((region, token) => genesysClient(region, token));
  const openSocket = opts.webSocket ?? ((url) => new WebSocket(url));
  let session: Session | null = null;
  let registration: Registration = { state: 'unconfigured' };
  const calls = new Map<string, CallInfo>();
  let lastEnded: CallInfo | undefined;
  let revision = 0;
  let resuming: Promise<void> | undefined;
  const listeners: ((snapshot: PhoneSnapshot) => void)[] = [];

  /** Driving the user's phone, the line is up with its notifications socket; as the phone,
   * also only once this browser is the user's station (the phone's state says why not). */
  const shownRegistration = (): Registration => {
    const phone = session?.phone && session.phoneState;
    if (!session?.phone || registration.state !== 'registered') return registration;
    if (!phone || phone.registration.state === 'unconfigured') return { state: 'connecting', aor: aorOf(session) };
    return phone.registration;
  };
  const snapshot = (): PhoneSnapshot => ({
    ...emptySnapshot,
    registration: shownRegistration(),
    calls: [...calls.values()],
    ...(lastEnded ? { lastEnded } : {}),
    ...(session?.phone && session.phoneState?.audio ? { audio: session.phoneState.audio } : {}),
    revision,
  });
  const emit = () => {
    revision++;
    const shown = snapshot();
    for (const listener of listeners) listener(shown);
  };
  const setRegistration = (next: Registration) => {
    registration = next;
    emit();
  };
  const aorOf = (s: Session) => addressOfRecord(s.account);
  opts.phone?.onChange((state) => {
    const s = session;
    if (!s?.phone || s.stopped) return;
    s.phoneState = state;
    emit();
  });

  const stop = (s: Session | null) => {
    if (!s) return;
    s.stopped = true;
    for (const timer of s.timers) clearTimeout(timer);
    s.socket?.close();
    if (s.phone && s.phoneToken !== undefined) void s.phone.start(null).catch((e: unknown) => logError('genesys: stopping the phone', e));
  };

  /** The phone runs with the current token: started once (a worker that woke finds it running
   * and takes its state), told of every renewal. */
  const tendPhone = async (s: Session, phone: GenesysPhoneChannel) => {
    if (s.phoneToken === undefined) {
      s.phoneToken = s.token.accessToken;
      const running = await phone.state();
      if (s.stopped) return;
      if (running.configured) {
        await phone.token(s.token.accessToken);
        s.phoneState = running;
      } else s.phoneState = await phone.start({ token: s.token.accessToken, region: s.account.server, aor: aorOf(s) });
      emit();
      return;
    }
    if (s.phoneToken !== s.token.accessToken) {
      s.phoneToken = s.token.accessToken;
      await phone.token(s.token.accessToken);
    }
  };
  const later = (s: Session, ms: number, run: () => void) => {
    const timer = setTimeout(() => !s.stopped && run(), ms);
    s.timers.push(timer);
  };

  /** A conversation as it is now: the call it is for the user, added, changed or ended. */
  const apply = (s: Session, conversation: GenesysConversation) => {
    if (!s.user) return;
    s.conversations.set(conversation.id, conversation);
    const call = callFrom(conversation, s.user.id);
    if (!call) return;
    if (call.state === CallState.Ended) {
      const known = calls.get(call.id);
      s.conversations.delete(conversation.id);
      // Genesys sends "disconnected" then "terminated": one ending, once.
      if (!known && lastEnded?.id === call.id) return;
      calls.delete(call.id);
      lastEnded = call;
    } else {
      calls.set(call.id, call);
    }
    emit();
  };

  /** After a reconnect: the calls Genesys says are up now are the truth. */
  const reconcile = async (s: Session) => {
    const current = await s.client.calls();
    const up = new Set(current.map((c) => c.id));
    for (const conversation of current) apply(s, conversation);
    for (const [id, call] of [...calls]) {
      if (up.has(id)) continue;
      calls.delete(id);
      lastEnded = { ...call, state: CallState.Ended, endedAt: now(), end: { reason: call.state === CallState.Incoming ? 'caller-cancelled' : 'hangup-remote' } };
      s.conversations.delete(id);
    }
    emit();
  };

  const onMessage = (s: Session, text: string) => {
    s.lastHeard = now();
    let message: { topicName?: unknown; eventBody?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.topicName === 'v2.system.socket_closing') {
      // Genesys closes this socket soon (a planned restart): move to a new channel first.
      void openChannel(s).catch((error: unknown) => failed(s, error));
      return;
    }
    if (s.user && message.topicName === topicFor(s.user.id)) {
      const conversation = readConversation(message.eventBody);
      if (conversation) apply(s, conversation);
    }
  };

  /** A new channel, subscribed, and its socket: the old socket closes once the new one is open. */
  const openChannel = async (s: Session): Promise<void> => {
    if (!s.user) s.user = await s.client.me();
    const channel = await s.client.createChannel();
    await s.client.subscribe(channel.id, [topicFor(s.user.id)]);
    if (s.stopped) return;
    const socket = openSocket(channel.connectUri);
    const previous = s.socket;
    s.socket = socket;
    s.channel = channel;
    socket.onmessage = (event) => typeof event.data === 'string' && s.socket === socket && onMessage(s, event.data);
    socket.onclose = () => {
      if (s.stopped || s.socket !== socket) return;
      s.socket = undefined;
      dropped(s);
    };
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new GenesysError('unreachable', `${channel.connectUri}: the notifications socket did not open`));
    });
    previous?.close();
    s.lastHeard = now();
    s.reconnectMs = RECONNECT_FIRST_MS;
    later(s, Math.max(60_000, channel.expires - now() - CHANNEL_RENEW_AHEAD_MS), () => void openChannel(s).catch((error: unknown) => failed(s, error)));
    await reconcile(s);
    setRegistration({ state: 'registered', aor: aorOf(s) });
    if (s.phone) await tendPhone(s, s.phone).catch((error: unknown) => phoneTrouble(s, error));
  };

  /** The phone's document could not be reached or started: said, and tried again on Retry
   * or the next reconnect. */
  const phoneTrouble = (s: Session, error: unknown) => {
    logError('genesys: starting the phone', error);
    s.phoneToken = undefined;
    s.phoneState = { registration: { state: 'failed', aor: aorOf(s), kind: 'temporary', message: t('genesysPhoneFailed', (error as Error)?.message ?? String(error)) }, ringing: [], media: [], tone: null };
    emit();
  };

  /** The socket went away without a goodbye: back with backoff, reconciled. */
  const dropped = (s: Session) => {
    const retryAt = now() + s.reconnectMs;
    setRegistration({ state: 'failed', aor: aorOf(s), kind: 'temporary', message: t('genesysReconnecting'), retryAt });
    later(s, s.reconnectMs, () => void connect(s));
    s.reconnectMs = Math.min(s.reconnectMs * 2, RECONNECT_MAX_MS);
  };

  /** Keeps the socket alive and notices one that died silently. */
  const keepAlive = (s: Session) => {
    later(s, PING_MS, () => {
      if (s.socket && s.socket.readyState === SOCKET_OPEN) {
        if (now() - s.lastHeard > SILENCE_MS) {
          const dead = s.socket;
          s.socket = undefined;
          dead.close();
          dropped(s);
        } else s.socket.send(JSON.stringify({ message: 'ping' }));
      }
      keepAlive(s);
    });
  };

  /** A lapsing token is renewed by a silent sign-in; a 401 also tries one, once. */
  const renewToken = async (s: Session): Promise<boolean> => {
    try {
      const token = await signInWithGenesys(
        { region: s.account.server, clientId: s.account.oauthClientId, redirectUri: opts.redirectUri(), interactive: false },
        opts.authWindow,
      );
      s.token = token;
      s.account = { ...s.account, refreshToken: encodeToken(token) };
      await opts.storeToken(s.account, s.account.refreshToken).catch((e: unknown) => logError('genesys: keeping the sign-in', e));
      scheduleRenewal(s);
      if (s.phone && s.phoneToken !== undefined) await tendPhone(s, s.phone).catch((e: unknown) => phoneTrouble(s, e));
      return true;
    } catch {
      return false;
    }
  };
  const scheduleRenewal = (s: Session) => later(s, Math.max(60_000, s.token.expiresAt - now() - TOKEN_RENEW_AHEAD_MS), () => void renewToken(s));

  /** Why the line is down, and what happens next. */
  const failed = async (s: Session, error: unknown): Promise<void> => {
    if (s.stopped || session !== s) return;
    const failure = error instanceof GenesysError ? error.failure : 'unreachable';
    if (failure === 'signed-out') {
      if (await renewToken(s)) return void connect(s);
      stop(s);
      // Calls Offhook can no longer follow end here (Genesys may carry them on): each is kept
      // in the history, saying why.
      for (const call of calls.values()) lastEnded = { ...call, state: CallState.Ended, endedAt: now(), end: { reason: 'failed', phrase: t('genesysSignInAgain') } };
      calls.clear();
      setRegistration({ state: 'failed', aor: aorOf(s), kind: 'signin', message: t('genesysSignInAgain') });
      await opts.storeToken(s.account, '').catch((e: unknown) => logError('genesys: forgetting the sign-in', e));
      return;
    }
    if (failure === 'forbidden' || failure === 'refused') {
      stop(s);
      setRegistration({ state: 'failed', aor: aorOf(s), kind: 'config', message: t('genesysRefused', (error as Error).message) });
      return;
    }
    dropped(s);
  };

  const connect = async (s: Session): Promise<void> => {
    if (s.stopped) return;
    try {
      await openChannel(s);
    } catch (error) {
      await failed(s, error);
    }
  };

  const begin = async (account: Account): Promise<PhoneSnapshot> => {
    stop(session);
    calls.clear();
    const token = decodeToken(account.refreshToken);
    if (!token) {
      session = null;
      setRegistration({ state: 'failed', aor: addressOfRecord(account), kind: 'signin', message: t('genesysSignInAgain') });
      return snapshot();
    }
    const s: Session = {
      account,
      token,
      client: makeClient(account.server, () => s.token.accessToken),
      lastHeard: now(),
      timers: [],
      reconnectMs: RECONNECT_FIRST_MS,
      conversations: new Map(),
      stopped: false,
      ...(account.phoneMode === 'offhook' && opts.phone ? { phone: opts.phone } : {}),
    };
    session = s;
    setRegistration({ state: 'connecting', aor: aorOf(s) });
    scheduleRenewal(s);
    keepAlive(s);
    if (token.expiresAt - now() < TOKEN_RENEW_AHEAD_MS) await renewToken(s);
    await connect(s);
    return snapshot();
  };

  /** A worker that woke picks up the default Genesys account again. */
  const resume = async () => {
    if (session || registration.state !== 'unconfigured') return;
    resuming ??= (async () => {
      const account = await opts.account().catch(() => null);
      if (account?.kind === 'genesys' && !session) await begin(account);
    })().finally(() => (resuming = undefined));
    await resuming;
  };

  /** The user's participant in call `callId`, and the session, or why not. */
  const target = (callId: string): { s: Session; participantId: string } | string => {
    const s = session;
    const conversation = s?.conversations.get(callId);
    const me = s?.user && conversation ? ownParticipant(conversation, s.user.id) : undefined;
    if (!s || !me) return t('callErrorUnknownCall');
    return { s, participantId: me.id };
  };
  const run = async (callId: string, act: (s: Session, participantId: string) => Promise<void>): Promise<CommandResult> => {
    const found = target(callId);
    if (typeof found === 'string') return { ok: false, error: found };
    try {
      await act(found.s, found.participantId);
      return { ok: true };
    } catch (error) {
      if (error instanceof GenesysError && error.failure === 'signed-out') void failed(found.s, error);
      return { ok: false, error: t('genesysRefused', (error as Error).message) };
    }
  };

  return {
    async current() {
      await resume();
      return snapshot();
    },
    async configure(account) {
      if (!account || account.kind !== 'genesys') {
        stop(session);
        session = null;
        calls.clear();
        setRegistration({ state: 'unconfigured' });
        return snapshot();
      }
      return begin(account);
    },
    async prepare(account) {
      if (account.kind !== 'genesys') return { ok: true, account };
      const kept = decodeToken(account.refreshToken);
      try {
        const token =
          kept && kept.expiresAt - now() > TOKEN_RENEW_AHEAD_MS
            ? kept
            : await signInWithGenesys({ region: account.server, clientId: account.oauthClientId, redirectUri: opts.redirectUri(), interactive: true }, opts.authWindow);
        const user = await makeClient(account.server, () => token.accessToken).me();
        if (!user.hasStation) return { ok: false, errors: { server: t('genesysErrorNoStation') } };
        return { ok: true, account: { ...account, username: user.email || user.id, refreshToken: encodeToken(token) } };
      } catch (error) {
        const e = error instanceof GenesysError ? error : new GenesysError('unreachable', String(error));
        if (e.failure === 'unreachable') return { ok: false, errors: { server: t('genesysErrorUnreachable', account.server) } };
        if (e.failure === 'refused') return { ok: false, errors: { oauthClientId: t('genesysErrorSignInRefused', e.message) } };
        return { ok: false, errors: { server: t('genesysErrorSignInNotDone', e.message) } };
      }
    },
    async release(account) {
      const token = account.kind === 'genesys' ? decodeToken(account.refreshToken) : undefined;
      if (!token) return;
      await makeClient(account.server, () => token.accessToken)
        .signOut()
        .catch((error: unknown) => logError('genesys: signing out', error));
    },
    async dial(target) {
      const s = session;
      if (!s || registration.state !== 'registered') return { ok: false, error: t('callErrorNotRegistered', registration.state) };
      try {
        return { ok: true, callId: await s.client.dial(target) };
      } catch (error) {
        if (error instanceof GenesysError && error.failure === 'signed-out') void failed(s, error);
        // The attempt stays in the history, with Genesys's reason.
        const at = now();
        lastEnded = refusedCall(`genesys-refused-${at}`, target, (error as Error).message, at);
        emit();
        return { ok: false, error: t('genesysRefused', (error as Error).message) };
      }
    },
    async command(command) {
      const phone = session?.phone;
      if (phone && (command.action === 'answer' || command.action === 'stats')) return phone.command(command);
      if (phone && command.action === 'decline') {
        // Rejected where it rings; one that does not ring here (yet) is declined through the API.
        const rejected = await phone.command(command);
        if (rejected.ok) return rejected;
      }
      switch (command.action) {
        case 'answer':
          return run(command.callId, (s, p) => s.client.updateParticipant(command.callId, p, { state: 'connected' }));
        case 'decline':
        case 'hangup':
          return run(command.callId, (s, p) => s.client.updateParticipant(command.callId, p, { state: 'disconnected' }));
        case 'mute':
          return run(command.callId, (s, p) => s.client.updateParticipant(command.callId, p, { muted: command.muted }));
        case 'hold':
          return run(command.callId, (s, p) => s.client.updateParticipant(command.callId, p, { held: command.held }));
        case 'dtmf':
          return run(command.callId, (s, p) => s.client.digits(command.callId, p, command.digits));
        case 'transfer':
          return run(command.callId, (s, p) => s.client.transfer(command.callId, p, command.target));
        case 'stats':
          return { ok: true, media: null };
        default:
          return { ok: false, error: t('genesysUnsupported') };
      }
    },
    async retry() {
      const s = session;
      if (!s) return { ok: false, error: t('callErrorNoAccount') };
      if (s.phone && registration.state === 'registered') {
        if (s.phoneToken !== undefined) return s.phone.retry();
        await tendPhone(s, s.phone).catch((error: unknown) => phoneTrouble(s, error));
        return { ok: true };
      }
      void connect(s);
      return { ok: true };
    },
    setDoNotDisturb: async () => ({ ok: false, error: t('genesysNoDnd') }),
    callLog: async () => [],
    searchDirectory: async () => ({ ok: false, error: t('directoryUnavailable') }),
    async test(account) {
      const token = decodeToken(account.refreshToken);
      if (!token) return { ok: false, message: t('genesysSignInAgain') };
      try {
        const user = await makeClient(account.server, () => token.accessToken).me();
        return user.hasStation ? { ok: true, message: t('genesysTestOk', user.name || user.email) } : { ok: false, message: t('genesysErrorNoStation') };
      } catch (error) {
        return { ok: false, message: t('genesysRefused', (error as Error).message) };
      }
    },
    /** Offhook as the Genesys phone plays the test on the chosen device; the user's own Genesys
     * phone is not ours to sound. */
    testAudio: async (output) => (session?.phone ? session.phone.testAudio(output) : { ok: false, error: t('genesysNoAudioHere') }),
    onChange: (listener) => void listeners.push(listener),
    /** With `withMedia`, each call's audio figures where Offhook is the phone (as the popup's
     * call details read them). */
    async debugSnapshot(withMedia) {
      await resume();
      const shown = { ...snapshot(), configured: session !== null };
      const phone = session?.phone;
      if (!withMedia || !phone) return shown;
      const calls = await Promise.all(
        shown.calls.map(async (call) => {
          const stats = await phone.command({ action: 'stats', callId: call.id }).catch(() => null);
          return stats?.ok && stats.media ? { ...call, media: stats.media } : call;
        }),
      );
      return { ...shown, calls };
    },
  };
}

function topicFor(userId: string): string {
  return `v2.users.${userId}.conversations.calls`;
}
