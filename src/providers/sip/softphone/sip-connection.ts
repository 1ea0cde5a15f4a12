import { Registerer, RegistererState, UserAgent, type Core, type Invitation, type Notification } from 'sip.js';
import { addressOfRecord, type Account } from '../../../shared/account/account';
import type { Registration } from '../../../shared/phone/registration';
import { guardIncomingMessages } from './guard-transport';
import { KEEP_ALIVE_INTERVAL_MS, KeepAlive } from './keep-alive';
import { isFinalRejection, registrationRejected, registrationTemporary, retryAfterMs, transportFailed } from './registration-failure';
import { registererOptions, userAgentOptions } from './user-agent-config';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;
/** How long closing waits for the user agent to stop. */
const STOP_WAIT_MS = 2000;

/** The next delay: doubling from 0.5 s to 30 s, with ±20 % jitter so that many phones
 * behind one PBX do not come back in lockstep. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RECONNECT_MIN_MS * 2 ** attempt, RECONNECT_MAX_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface ConnectionEvents {
  /** An incoming INVITE. */
  invite(invitation: Invitation): void;
  /** An out-of-dialog NOTIFY (a PBX's voicemail summary); must be answered. */
  notify(notification: Notification): void;
  /** The registration as the user sees it changed. */
  registration(registration: Registration): void;
  /** Whether calls are up (they outlive a lost connection, and must follow a new one). */
  hasCalls(): boolean;
  /** Registered again over a new connection while calls were up: they tell their far ends. */
  refreshCalls(): void;
}

/**
 * One account's connection to its PBX: the user agent, the WebSocket, the registration and
 * the keep-alive, kept up for as long as the connection lives. Never gives up: a lost or
 * refused connection and a temporary answer to REGISTER (408, 480, 5xx) are retried with a
 * doubling delay (no sooner than a Retry-After); only a final answer (wrong password, refused,
 * unknown) stops it, and is reported. Once `halt`ed, nothing it started touches anything.
 */
export class SipConnection {
  private ua?: UserAgent;
  private registerer?: Registerer;
  private keepAlive?: KeepAlive;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private reconnectAttempt = 0;
  private retryNow?: () => void;
  private nextAttemptAt = 0;
  private callsNeedRefresh = false;
  private halted = false;
  private current: Registration;
  private readonly aor: string;

  constructor(
    private readonly account: Account,
    private readonly microphone: (constraints: MediaStreamConstraints) => Promise<MediaStream>,
    private readonly events: ConnectionEvents,
    private readonly keepAliveMs = KEEP_ALIVE_INTERVAL_MS,
  ) {
    this.aor = addressOfRecord(account);
    this.current = { state: 'connecting', aor: this.aor };
  }

  get registration(): Registration {
    return this.current;
  }

  /** The user agent while the connection has one (to place calls with). */
  get userAgent(): UserAgent | undefined {
    return this.ua;
  }

  /** Connects and registers; resolves once the first REGISTER is sent (or failed). */
  async start(): Promise<void> {
    let ua: UserAgent;
    try {
      ua = new UserAgent(
        userAgentOptions(this.account, this.microphone, {
          onInvite: (invitation) => !this.halted && this.events.invite(invitation),
          onNotify: (notification) => (this.halted ? void notification.reject({ statusCode: 481 }).catch(() => undefined) : this.events.notify(notification)),
          onDisconnect: (error) => {
            if (error && !this.halted) this.lost(error.message);
          },
        }),
      );
    } catch (error) {
      this.set({ state: 'failed', aor: this.aor, kind: 'config', message: String((error as Error).message) });
      return;
    }
    guardIncomingMessages(ua);
    this.ua = ua;
    this.keepAlive = new KeepAlive(
      ua,
      this.account.domain,
      () => {
        if (this.halted) return;
        // The socket looks open but nothing comes back: drop it and start over.
        void ua.transport.disconnect().catch(() => undefined);
        this.lost('the server stopped answering');
      },
      this.keepAliveMs,
    );
    this.keepAlive.start();
    this.set({ state: 'connecting', aor: this.aor });
    try {
      await ua.start();
    } catch (error) {
      if (this.halted) return;
      this.scheduleReconnect();
      this.set(transportFailed(this.aor, this.account.server, (error as Error).message, this.nextAttemptAt));
      return;
    }
    if (this.halted) return;
    await this.register();
  }

  /** "Retry now", and the browser coming back online: try at once instead of waiting. */
  retry(): void {
    this.retryNow?.();
  }

  /** The network changed under calls while not registered: they follow once registered again. */
  callsMustFollow(): void {
    if (this.current.state !== 'registered') this.callsNeedRefresh = true;
  }

  /** Stops everything it started (keep-alive, retries); nothing it started touches state after. */
  halt(): void {
    this.halted = true;
    this.keepAlive?.stop();
    this.keepAlive = undefined;
    clearTimeout(this.reconnectTimer);
    this.retryNow = undefined;
  }

  /**
   * Unregisters and disconnects, after `halt` (and the calls hung up). sip.js's stop waits for
   * every outstanding request to finish: a REGISTER sent on a socket that died waits out its
   * 32 s transaction timeout, and the next account (or the retry of this one) with it. The user
   * agent finishes stopping on its own; this waits no longer than 2 s.
   */
  async close(): Promise<void> {
    this.halt();
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = undefined;
    this.registerer = undefined;
    if (registerer?.state === RegistererState.Registered) await registerer.unregister().catch(() => undefined);
    await Promise.race([ua?.stop().catch(() => undefined), new Promise((r) => setTimeout(r, STOP_WAIT_MS))]);
  }

  private set(registration: Registration): void {
    this.current = registration;
    this.events.registration(registration);
  }

  private async register(): Promise<void> {
    const aor = this.aor;
    this.registerer?.dispose().catch(() => undefined);
    const registerer = new Registerer(this.ua!, registererOptions(this.account));
    this.registerer = registerer;
    registerer.stateChange.addListener((state) => {
      if (this.halted || this.registerer !== registerer) return;
      if (state === RegistererState.Registered) {
        // Only a registration resets the backoff: a balancer that accepts the socket and
        // drops it must not be retried every half second.
        this.reconnectAttempt = 0;
        this.set({ state: 'registered', aor });
        if (this.callsNeedRefresh) {
          this.callsNeedRefresh = false;
          this.events.refreshCalls();
        }
      } else if (state === RegistererState.Unregistered && this.current.state === 'registered') {
        // A refresh that failed: the server forgot us. Register again, with backoff (and no
        // sooner than a 503's Retry-After, which sip.js reads while it says so).
        this.set({ state: 'unregistered', aor });
        const retryAfter = registerer.retryAfter;
        this.scheduleReconnect(retryAfter === undefined ? undefined : retryAfterMs(String(retryAfter)));
      }
    });
    this.set({ state: 'registering', aor });
    try {
      await registerer.register({
        requestDelegate: {
          onReject: (r: Core.IncomingResponse) => {
            if (this.halted) return;
            const status = r.message.statusCode ?? 0;
            const phrase = r.message.reasonPhrase ?? '';
            if (isFinalRejection(status)) {
              this.set(registrationRejected(aor, status, phrase));
              return;
            }
            // A PBX restarting, overloaded or timing out: try again, as for a lost connection.
            this.scheduleReconnect(retryAfterMs(r.message.getHeader('Retry-After')));
            this.set(registrationTemporary(aor, status, phrase, this.nextAttemptAt));
          },
        },
      });
    } catch (error) {
      if (!this.halted) this.set(transportFailed(aor, this.account.server, (error as Error).message));
    }
  }

  private lost(detail: string): void {
    // Calls live on (media never used the WebSocket); once registered again they must tell
    // the far end the new way to reach us.
    if (this.events.hasCalls()) this.callsNeedRefresh = true;
    this.scheduleReconnect();
    this.set(transportFailed(this.aor, this.account.server, detail, this.nextAttemptAt));
  }

  /** Never gives up while the connection lives; the user sees when the next try is due. Waits
   * at least `notBeforeMs` when the server said how long it would be away. */
  private scheduleReconnect(notBeforeMs = 0): void {
    clearTimeout(this.reconnectTimer);
    const delay = Math.max(backoff(this.reconnectAttempt++), notBeforeMs);
    const attempt = () => {
      clearTimeout(this.reconnectTimer);
      this.retryNow = undefined;
      const ua = this.ua;
      if (this.halted || !ua) return;
      this.set({ state: 'connecting', aor: this.aor });
      const connected = ua.isConnected() ? Promise.resolve() : ua.reconnect();
      connected
        .then(() => (this.halted ? undefined : this.register()))
        .catch((error: unknown) => {
          if (this.halted) return;
          this.scheduleReconnect();
          this.set(transportFailed(this.aor, this.account.server, (error as Error).message, this.nextAttemptAt));
        });
    };
    this.nextAttemptAt = Date.now() + delay;
    this.retryNow = attempt;
    this.reconnectTimer = setTimeout(attempt, delay);
  }
}
