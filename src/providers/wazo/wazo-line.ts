import { addressOfRecord, type Account } from '../../shared/account/account';
import type { Validation } from '../../shared/account/validate-account';
import { t } from '../../shared/i18n/t';
import { logError } from '../../shared/log';
import type { ConnectionTest } from '../../shared/messaging/protocol';
import type { PhoneLine } from '../../shared/phone/phone-line';
import type { Registration } from '../../shared/phone/registration';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import { DIRECTORY_MAX_RESULTS } from '../../shared/phone/directory';
import { isWebRtc, wazoClient, WazoError, type WazoClient, type WazoToken } from './wazo-client';

/** How long an access token is asked for; the server may grant less. */
const TOKEN_LIFETIME_S = 3600;
/** After the server could not be reached, the next try (doubling up to the cap). */
const RETRY_FIRST_MS = 15_000;
const RETRY_MAX_MS = 300_000;
/** The most calls read from the server's log at once. */
const CALL_LOG_LIMIT = 100;

export interface WazoLineOptions {
  /** The softphone line: a Wazo user's phone is a SIP line that Offhook registers. */
  sip: PhoneLine;
  /** The default account, for a worker that woke with a phone already running. */
  account(): Promise<Account | null>;
  /** A Wazo account's sign-in ended (revoked, or lapsed): the stored token is forgotten. */
  signedOut(account: Account): Promise<void>;
  /** This Offhook's OAuth client id at Wazo (one per install, so a sign-in here does not end one
   * elsewhere). */
  clientId(): Promise<string>;
  client?: (base: string) => WazoClient;
  now?: () => number;
}

export interface WazoLine extends PhoneLine {
  /** The SIP account the softphone registers as for a Wazo account, fetched from the server;
   * null when it cannot be (the line's snapshot says why). SIP accounts pass as they are. */
  sipAccountFor(account: Account | null): Promise<Account | null>;
}

/** A Wazo sign-in in use: the account, its current access token, and the timers it runs. */
interface Session {
  account: Account;
  token?: WazoToken;
  /** When the token came (epoch ms): its lifetime sets how early it is renewed. */
  tokenAt?: number;
  /** Why the line cannot register now, shown instead of the softphone's state. */
  trouble?: Registration;
  refreshTimer?: ReturnType<typeof setTimeout>;
  retryTimer?: ReturnType<typeof setTimeout>;
  retryMs: number;
  /** A 401 on REGISTER refetched the line once already. */
  refetched: boolean;
  secret?: string;
}

/**
 * The Wazo line: Offhook is the phone (the softphone registers the user's WebRTC line over
 * wss://<server>/api/asterisk/ws), and Wazo signs the user in. This side keeps the sign-in:
 * it exchanges the refresh token for access tokens before they lapse, fetches the line's SIP
 * credentials from confd, refetches them once when the PBX refuses the secret, and says
 * "Sign in again" when the refresh token has ended. An account of another kind passes
 * through to the SIP line unchanged.
 */
export function wazoLine(opts: WazoLineOptions): WazoLine {
  const { sip } = opts;
  const now = opts.now ?? Date.now;
  const clientFor = opts.client ?? ((base: string) => wazoClient(base));
  let session: Session | null = null;
  let lastSnapshot: PhoneSnapshot | null = null;
  const listeners: ((snapshot: PhoneSnapshot) => void)[] = [];

  /** What the faces see: the sign-in's trouble over the softphone's state, and the account's
   * own address (login@server) instead of the line's SIP name. */
  const present = (snapshot: PhoneSnapshot): PhoneSnapshot => {
    lastSnapshot = snapshot;
    if (!session) return snapshot;
    if (session.trouble) return { ...snapshot, registration: session.trouble };
    const reg = snapshot.registration;
    // Wazo has a directory (dird) the dialer can search.
    return reg.state === 'unconfigured' ? snapshot : { ...snapshot, directory: true, registration: { ...reg, aor: addressOfRecord(session.account) } };
  };
  const publish = () => {
    if (!lastSnapshot) return;
    const shown = present(lastSnapshot);
    for (const listener of listeners) listener(shown);
  };

  const stop = (s: Session | null) => {
    if (!s) return;
    clearTimeout(s.refreshTimer);
    clearTimeout(s.retryTimer);
  };

  /** How long before its expiry a token is renewed: a minute, or a quarter of a short one. */
  const margin = (s: Session) => (s.token && s.tokenAt !== undefined ? Math.min(60_000, (s.token.expiresAt - s.tokenAt) / 4) : 60_000);

  /** An access token that is not about to lapse, refreshed if needed. */
  const accessToken = async (s: Session): Promise<WazoToken> => {
    if (s.token && s.token.expiresAt - now() > margin(s)) return s.token;
    if (!s.account.refreshToken) throw new WazoError('signed-out', 'not signed in');
    const token = await clientFor(s.account.server).refresh(s.account.refreshToken, await opts.clientId(), TOKEN_LIFETIME_S);
    if (session !== s) return token;
    s.token = token;
    s.tokenAt = now();
    scheduleRefresh(s);
    return token;
  };

  /** Refreshes the access token ahead of its expiry, so it is valid whenever it is needed. */
  const scheduleRefresh = (s: Session) => {
    clearTimeout(s.refreshTimer);
    if (!s.token) return;
    s.refreshTimer = setTimeout(() => {
      s.token = undefined;
      void accessToken(s).catch((error: unknown) => handleFailure(s, error));
    }, Math.max(1_000, s.token.expiresAt - now() - margin(s)));
  };

  /** The SIP account for the session's Wazo account: its first line, fetched from confd. */
  const fetchLine = async (s: Session): Promise<Account> => {
    const client = clientFor(s.account.server);
    const token = await accessToken(s);
    const user = await client.user(token);
    const first = user.lines[0];
    if (!first) throw new WazoError('server', t('wazoErrorNoLine'));
    const endpoint = await client.sipEndpoint(token.token, user.uuid, first.id);
    if (!isWebRtc(endpoint)) throw new WazoError('server', t('wazoErrorNotWebRtc'));
    if (!endpoint.username || !endpoint.secret) throw new WazoError('server', t('wazoErrorNoSecret'));
    s.secret = endpoint.secret;
    const name = `${user.firstname} ${user.lastname}`.trim();
    return {
      ...s.account,
      kind: 'sip',
      server: `${s.account.server.replace(/^https:/, 'wss:')}/api/asterisk/ws`,
      username: endpoint.username,
      authUsername: '',
      displayName: s.account.displayName || name,
      password: endpoint.secret,
      ha1: '',
      refreshToken: '',
    };
  };

  /** Says why the line is down, and what happens next. `phoneAsking`: the softphone itself
   * asked for the account (it stays unconfigured by itself; configuring it from here would
   * wait on its own start). */
  const handleFailure = async (s: Session, error: unknown, phoneAsking = false): Promise<void> => {
    if (session !== s) return;
    const aor = addressOfRecord(s.account);
    const failure = error instanceof WazoError ? error.failure : 'unreachable';
    if (failure === 'signed-out' || failure === 'login') {
      // The refresh token has ended: the phone stops (it may no longer act for the user) and
      // waits for the user to sign in again. Never a loop of refreshes.
      stop(s);
      s.token = undefined;
      s.trouble = signInAgain(s.account);
      if (!phoneAsking) await sip.configure(null).catch(() => undefined);
      await opts.signedOut(s.account).catch((e: unknown) => logError('wazo: forgetting the sign-in', e));
    } else if (failure === 'unreachable' || (error instanceof WazoError && (error.status ?? 0) >= 500)) {
      // The server is away: a registered phone stays registered; a token or a line not fetched
      // yet is tried again with backoff.
      const retryAt = now() + s.retryMs;
      clearTimeout(s.retryTimer);
      s.retryTimer = setTimeout(() => void startSession(s), s.retryMs);
      s.retryMs = Math.min(s.retryMs * 2, RETRY_MAX_MS);
      if (lastSnapshot?.registration.state !== 'registered')
        s.trouble = { state: 'failed', aor, kind: 'temporary', message: t('wazoErrorUnreachable', s.account.server), retryAt };
    } else {
      stop(s);
      s.trouble = { state: 'failed', aor, kind: 'config', message: (error as Error).message };
      if (!phoneAsking) await sip.configure(null).catch(() => undefined);
    }
    publish();
  };

  /** Fetches the line and registers it; on failure says why. */
  const startSession = async (s: Session): Promise<PhoneSnapshot> => {
    try {
      const line = await fetchLine(s);
      if (session !== s) return present(await sip.current());
      s.trouble = undefined;
      s.retryMs = RETRY_FIRST_MS;
      return present(await sip.configure(line));
    } catch (error) {
      await handleFailure(s, error);
      return present(lastSnapshot ?? (await sip.current()));
    }
  };

  /** A worker that woke finds the phone as it left it: the sign-in is taken up again, so the
   * token stays fresh and a revoked one is noticed, without registering anew. */
  const resume = async (): Promise<void> => {
    if (session) return;
    const account = await opts.account().catch(() => null);
    if (!account || account.kind !== 'wazo' || session) return;
    const s = begin(account);
    if (!account.refreshToken) s.trouble = signInAgain(account);
    else void accessToken(s).catch((error: unknown) => handleFailure(s, error));
  };

  const begin = (account: Account): Session => {
    stop(session);
    session = newSession(account);
    return session;
  };

  sip.onChange((snapshot) => {
    const s = session;
    const reg = snapshot.registration;
    if (s && reg.state === 'registered') s.refetched = false;
    // The PBX refused the line's secret: it may have changed on the server. Fetch it once more.
    if (s && !s.trouble && reg.state === 'failed' && reg.kind === 'auth' && !s.refetched) {
      s.refetched = true;
      const before = s.secret;
      void fetchLine(s)
        .then((line) => (session === s && line.password !== before ? sip.configure(line) : undefined))
        .catch((error: unknown) => handleFailure(s, error));
    }
    const shown = present(snapshot);
    for (const listener of listeners) listener(shown);
  });

  return {
    async sipAccountFor(account) {
      // A SIP account registers as it is; another platform's is not the softphone's.
      if (!account || account.kind !== 'wazo') return account?.kind === 'sip' ? account : null;
      const s = session && sameSignIn(session.account, account) ? session : begin(account);
      try {
        const line = await fetchLine(s);
        s.trouble = undefined;
        return line;
      } catch (error) {
        await handleFailure(s, error, true);
        return null;
      }
    },
    async current() {
      await resume();
      return present(await sip.current());
    },
    async configure(account) {
      if (!account || account.kind !== 'wazo') {
        stop(session);
        session = null;
        return present(await sip.configure(account?.kind === 'sip' ? account : null));
      }
      return startSession(begin(account));
    },
    async prepare(account): Promise<Validation> {
      if (account.kind !== 'wazo' || !account.password) return { ok: true, account };
      try {
        const client = clientFor(account.server);
        const token = await client.signIn(account.username, account.password, TOKEN_LIFETIME_S, await opts.clientId());
        if (!token.refreshToken) return { ok: false, errors: { password: t('wazoErrorNoRefreshToken') } };
        // The user has a phone Offhook can be: checked now, so nothing half-saved.
        const probe = newSession({ ...account, refreshToken: token.refreshToken }, token);
        await fetchLine(probe);
        return { ok: true, account: { ...account, password: '', refreshToken: token.refreshToken } };
      } catch (error) {
        return { ok: false, errors: signInErrors(account, error) };
      }
    },
    async release(account) {
      if (account.kind !== 'wazo' || !account.refreshToken) return;
      try {
        const client = clientFor(account.server);
        const token = await client.refresh(account.refreshToken, await opts.clientId(), 60);
        await client.revoke(token.token, await opts.clientId());
      } catch (error) {
        logError('wazo: ending the sign-in', error);
      }
    },
    dial: (target, tones) => sip.dial(target, tones),
    command: (command) => sip.command(command),
    async retry() {
      const s = session;
      if (s?.trouble && s.trouble.state === 'failed' && s.trouble.kind === 'temporary') {
        clearTimeout(s.retryTimer);
        void startSession(s);
        return { ok: true as const };
      }
      return sip.retry();
    },
    async setDoNotDisturb(on) {
      // The phone here refuses calls at once; Wazo is told too, so the user's other devices
      // (and Wazo's own routing: voicemail, forwards) follow.
      const local = await sip.setDoNotDisturb(on);
      const s = session;
      if (!local.ok || !s || s.trouble) return local;
      try {
        await clientFor(s.account.server).setDoNotDisturb(await accessToken(s), on);
        return local;
      } catch (error) {
        if (error instanceof WazoError && error.failure === 'signed-out') await handleFailure(s, error);
        return { ok: false, error: t('wazoErrorDnd', (error as Error).message) };
      }
    },
    async callLog(since) {
      const s = session;
      if (!s || s.trouble) return [];
      try {
        return await clientFor(s.account.server).callLog(await accessToken(s), since, CALL_LOG_LIMIT);
      } catch (error) {
        if (error instanceof WazoError && error.failure === 'signed-out') await handleFailure(s, error);
        else logError('wazo: call log', error);
        return [];
      }
    },
    async searchDirectory(term) {
      const s = session;
      if (!s || (s.trouble?.state === 'failed' && s.trouble.kind === 'signin')) return { ok: false, error: t('wazoSignInAgain') };
      try {
        const token = await accessToken(s);
        const contacts = await clientFor(s.account.server).lookup(token.token, term);
        return { ok: true, contacts: contacts.slice(0, DIRECTORY_MAX_RESULTS) };
      } catch (error) {
        if (error instanceof WazoError && error.failure === 'signed-out') await handleFailure(s, error);
        return { ok: false, error: error instanceof WazoError && error.failure === 'unreachable' ? t('wazoErrorUnreachable', s.account.server) : t('directoryFailed', (error as Error).message) };
      }
    },
    async test(account): Promise<ConnectionTest> {
      if (account.kind !== 'wazo') return sip.test(account);
      try {
        const client = clientFor(account.server);
        // A test signs in without a refresh token: it leaves no sign-in behind.
        const token = account.password
          ? await client.signIn(account.username, account.password, 600)
          : await client.refresh(account.refreshToken, await opts.clientId(), 600);
        const probe = newSession(account, token);
        return await sip.test(await fetchLine(probe));
      } catch (error) {
        const errors = signInErrors(account, error);
        return { ok: false, message: errors.password ?? errors.server ?? errors.username ?? (error as Error).message };
      }
    },
    testAudio: (output) => sip.testAudio(output),
    onChange: (listener) => void listeners.push(listener),
    async debugSnapshot(withMedia) {
      const snapshot = await sip.debugSnapshot(withMedia);
      return { ...present(snapshot), configured: snapshot.configured };
    },
  };
}

/** A sign-in to use: the line's own, or a probe of an account not stored yet (Save, Test). */
function newSession(account: Account, token?: WazoToken): Session {
  return { account, ...(token ? { token } : {}), retryMs: RETRY_FIRST_MS, refetched: false };
}

function signInAgain(account: Account): Registration {
  return { state: 'failed', aor: addressOfRecord(account), kind: 'signin', message: t('wazoSignInAgain') };
}

/** The same account with the same sign-in: a worker that woke keeps its session. */
function sameSignIn(a: Account, b: Account): boolean {
  return addressOfRecord(a) === addressOfRecord(b) && a.server === b.server && a.refreshToken === b.refreshToken;
}

/** A failed sign-in as the form shows it: next to the field to fix. */
function signInErrors(account: Account, error: unknown): { server?: string; username?: string; password?: string } {
  if (!(error instanceof WazoError)) return { server: t('wazoErrorUnreachable', account.server) };
  switch (error.failure) {
    case 'login':
    case 'signed-out':
      return { password: t('wazoErrorLoginRefused') };
    case 'unreachable':
      return { server: t('wazoErrorUnreachable', account.server) };
    case 'server':
      return error.status ? { server: t('wazoErrorServerAnswer', error.message) } : { username: error.message };
  }
}
