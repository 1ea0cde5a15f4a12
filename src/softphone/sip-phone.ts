import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  UserAgent,
  type Core,
} from 'sip.js';
import { addressOfRecord, type Account } from '../shared/account/account';
import type { CallInfo } from '../shared/call/call-info';
import { CallState, isLive } from '../shared/call/call-state';
import { t } from '../shared/i18n/t';
import type { Registration } from '../shared/phone/registration';
import type { PhoneSnapshot } from '../shared/phone/snapshot';
import type { AudioSink } from './audio-sink';
import { CallSession } from './call-session';
import { registrationRejected, transportFailed } from './registration-failure';
import { remoteIdentity } from './remote-identity';
import { toSipTarget } from './sip-target';
import { TonePlayer } from './tone-player';
import { KEEP_ALIVE_INTERVAL_MS, KeepAlive } from './keep-alive';
import { guardIncomingMessages } from './guard-transport';
import { registererOptions, userAgentOptions } from './user-agent-config';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/** The next delay: doubling from 0.5 s to 30 s, with ±20 % jitter so that many phones
 * behind one PBX do not come back in lockstep. */
export function backoff(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RECONNECT_MIN_MS * 2 ** attempt, RECONNECT_MAX_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Offhook's softphone: one account, its registration and its calls, behind our own call
 * model. Built on sip.js's UserAgent/Registerer/Inviter/Invitation directly.
 *
 * Registration failures stop here: a wrong password is reported, never retried in a loop.
 * A lost or refused connection is retried with a doubling delay.
 */
export class SipPhone {
  private account: Account | null = null;
  private ua?: UserAgent;
  private registerer?: Registerer;
  private registration: Registration = { state: 'unconfigured' };
  private readonly calls = new Map<string, CallSession>();
  private lastEnded?: CallInfo;
  private revision = 0;
  private reconnectTimer?: ReturnType<typeof setTimeout>;
  private reconnectAttempt = 0;
  private retryNow?: () => void;
  /** Bumped on every configure: work started for an older account must not touch state. */
  private generation = 0;

  constructor(
    private readonly audio: AudioSink,
    private readonly onChange: (snapshot: PhoneSnapshot) => void,
    private readonly tones: Pick<TonePlayer, 'play' | 'stop' | 'playing'> = new TonePlayer(),
    private readonly keepAliveMs = KEEP_ALIVE_INTERVAL_MS,
  ) {}

  get configured(): boolean {
    return this.account !== null;
  }

  snapshot(): PhoneSnapshot {
    const calls = [...this.calls.values()].filter((c) => isLive(c.state)).map((c) => c.view());
    return {
      registration: this.registration,
      calls,
      tone: this.tones.playing,
      dnd: this.dnd,
      ...(this.lastEnded ? { lastEnded: this.lastEnded } : {}),
      revision: this.revision,
    };
  }

  async snapshotWithMedia(): Promise<PhoneSnapshot> {
    const snap = this.snapshot();
    for (const call of snap.calls) {
      const media = await this.calls.get(call.id)?.media();
      if (media) call.media = media;
    }
    return snap;
  }

  private configuring: Promise<void> = Promise.resolve();

  /** Applies an account (or none), one at a time. The same account again changes nothing
   * unless its registration failed, in which case it is tried once more. */
  configure(account: Account | null): Promise<void> {
    const next = this.configuring.then(() => this.apply(account));
    this.configuring = next.catch(() => undefined);
    return next;
  }

  private async apply(account: Account | null): Promise<void> {
    if (JSON.stringify(account) === JSON.stringify(this.account) && this.registration.state !== 'failed') return;
    const generation = ++this.generation;
    await this.stop();
    this.account = account;
    if (!account) {
      this.setRegistration({ state: 'unconfigured' });
      return;
    }
    await this.connect(generation);
  }

  async dial(target: string): Promise<string> {
    const ua = this.ua;
    const account = this.account;
    if (!ua || !account) throw new Error(t('callErrorNoAccount'));
    if (this.registration.state !== 'registered')
      throw new Error(t('callErrorNotRegistered', this.registration.state));
    const parsed = toSipTarget(target, account.domain);
    if (!parsed.ok) throw new Error(parsed.error);
    const uri = UserAgent.makeURI(parsed.uri);
    if (!uri) throw new Error(t('callErrorInvalidAddress', target));

    // A new call while talking: the current one waits on hold, as on a desk phone.
    for (const other of this.calls.values())
      if (other.state === CallState.Established && !other.view().held) await other.hold(true);

    const inviter = new Inviter(ua, uri, {
      earlyMedia: true,
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    const call = this.track(
      new CallSession(inviter, 'outbound', { uri: parsed.uri, number: parsed.display }, this.audio, this.callChanged),
    );
    inviter
      .invite({
        requestDelegate: {
          onProgress: (r: Core.IncomingResponse) => call.progress(r.message.statusCode ?? 0, Boolean(r.message.body)),
          onReject: (r: Core.IncomingResponse) => call.rejected(r.message.statusCode ?? 0, r.message.reasonPhrase ?? ""),
        },
      })
      .catch((error: unknown) => call.failed(error instanceof Error ? error.message : String(error)));
    return call.id;
  }

  /**
   * Answers a ringing call. Another call in progress is put on hold first (call waiting:
   * "Answer & hold"), or ended when `others` is 'end' ("Answer & end").
   */
  async answer(callId: string, others: 'hold' | 'end' = 'hold'): Promise<void> {
    const call = this.call(callId);
    await this.setAsideOthers(call, others);
    await call.answer();
  }

  /** Resuming one call puts the one we were talking on on hold: a swap. */
  private async setAsideOthers(keep: CallSession, how: 'hold' | 'end'): Promise<void> {
    for (const other of this.calls.values()) {
      if (other === keep || other.state !== CallState.Established) continue;
      if (how === 'end') await other.hangup();
      else if (!other.view().held) await other.hold(true);
    }
  }

  async decline(callId: string, status: 486 | 603): Promise<void> {
    await this.call(callId).decline(status);
  }

  async hangup(callId: string): Promise<void> {
    await this.call(callId).hangup();
  }

  mute(callId: string, muted: boolean): void {
    this.call(callId).mute(muted);
  }

  async hold(callId: string, held: boolean): Promise<void> {
    const call = this.call(callId);
    if (!held) await this.setAsideOthers(call, 'hold');
    await call.hold(held);
  }

  async transfer(callId: string, target: string): Promise<void> {
    const parsed = toSipTarget(target, this.account?.domain ?? '');
    if (!parsed.ok) throw new Error(parsed.error);
    const uri = UserAgent.makeURI(parsed.uri);
    if (!uri) throw new Error(t('callErrorInvalidAddress', target));
    await this.call(callId).transfer(uri);
  }

  async dtmf(callId: string, digits: string): Promise<void> {
    await this.call(callId).dtmf(digits, this.account?.dtmfMethod ?? 'rfc4733');
  }

  private call(callId: string): CallSession {
    const call = this.calls.get(callId);
    if (!call || !isLive(call.state)) throw new Error(t('callErrorAlreadyEnded'));
    return call;
  }

  private async connect(generation: number): Promise<void> {
    const account = this.account!;
    const aor = addressOfRecord(account);
    let ua: UserAgent;
    try {
      ua = new UserAgent(
        userAgentOptions(account, {
          onInvite: (invitation) => this.incoming(invitation),
          onDisconnect: (error) => {
            if (error && generation === this.generation) this.connectionLost(generation, error.message);
          },
        }),
      );
    } catch (error) {
      this.setRegistration({ state: 'failed', aor, kind: 'config', message: String((error as Error).message) });
      return;
    }
    guardIncomingMessages(ua);
    this.ua = ua;
    this.keepAlive = new KeepAlive(ua, account.domain, () => {
      if (generation !== this.generation) return;
      // The socket looks open but nothing comes back: drop it and start over.
      void ua.transport.disconnect().catch(() => undefined);
      this.connectionLost(generation, 'the server stopped answering');
    }, this.keepAliveMs);
    this.keepAlive.start();
    this.setRegistration({ state: 'connecting', aor });
    try {
      await ua.start();
    } catch (error) {
      if (generation !== this.generation) return;
      this.scheduleReconnect(generation);
      this.setRegistration(transportFailed(aor, account.server, (error as Error).message, this.nextAttemptAt));
      return;
    }
    if (generation !== this.generation) return;
    this.reconnectAttempt = 0;
    await this.register(generation);
  }

  /** "Retry now", and the browser coming back online: try at once instead of waiting. */
  retry(): void {
    this.retryNow?.();
  }

  /**
   * The browser says the network changed (back online, another connection type): retry a
   * waiting registration now, and give every call an ICE restart so its media follows the
   * new path. Without a connection the restart waits for the re-INVITE after re-registering.
   */
  networkChanged(): void {
    this.retry();
    for (const call of this.calls.values()) {
      if (call.state !== CallState.Established) continue;
      if (this.registration.state !== 'registered') this.callsNeedRefresh = true;
      void call.restartIce();
    }
  }

  private async register(generation: number): Promise<void> {
    const account = this.account!;
    const aor = addressOfRecord(account);
    this.registerer?.dispose().catch(() => undefined);
    const registerer = new Registerer(this.ua!, registererOptions(account));
    this.registerer = registerer;
    registerer.stateChange.addListener((state) => {
      if (generation !== this.generation || this.registerer !== registerer) return;
      if (state === RegistererState.Registered) {
        this.setRegistration({ state: 'registered', aor });
        if (this.callsNeedRefresh) {
          this.callsNeedRefresh = false;
          for (const call of this.calls.values()) void call.refreshTarget();
        }
      }
      else if (state === RegistererState.Unregistered && this.registration.state === 'registered') {
        // A refresh that failed: the server forgot us. Register again, with backoff.
        this.setRegistration({ state: 'unregistered', aor });
        this.scheduleReconnect(generation);
      }
    });
    this.setRegistration({ state: 'registering', aor });
    try {
      await registerer.register({
        requestDelegate: {
          onReject: (r: Core.IncomingResponse) => {
            if (generation === this.generation)
              this.setRegistration(registrationRejected(aor, r.message.statusCode ?? 0, r.message.reasonPhrase ?? ""));
          },
        },
      });
    } catch (error) {
      if (generation === this.generation)
        this.setRegistration(transportFailed(aor, account.server, (error as Error).message));
    }
  }

  private connectionLost(generation: number, detail: string): void {
    const account = this.account;
    if (!account) return;
    // Calls live on (media never used the WebSocket); once registered again they must tell
    // the far end the new way to reach us.
    if (this.calls.size > 0) this.callsNeedRefresh = true;
    this.scheduleReconnect(generation);
    this.setRegistration(transportFailed(addressOfRecord(account), account.server, detail, this.nextAttemptAt));
  }

  /** Never gives up while the extension runs; the user sees when the next try is due. */
  private scheduleReconnect(generation: number): void {
    clearTimeout(this.reconnectTimer);
    const delay = backoff(this.reconnectAttempt++);
    const attempt = () => {
      clearTimeout(this.reconnectTimer);
      this.retryNow = undefined;
      if (generation !== this.generation || !this.ua || !this.account) return;
      const aor = addressOfRecord(this.account);
      this.setRegistration({ state: 'connecting', aor });
      const connected = this.ua.isConnected() ? Promise.resolve() : this.ua.reconnect();
      connected
        .then(() => {
          if (generation !== this.generation) return;
          this.reconnectAttempt = 0;
          return this.register(generation);
        })
        .catch((error: unknown) => {
          if (generation !== this.generation || !this.account) return;
          this.scheduleReconnect(generation);
          this.setRegistration(
            transportFailed(aor, this.account.server, (error as Error).message, this.nextAttemptAt),
          );
        });
    };
    this.nextAttemptAt = Date.now() + delay;
    this.retryNow = attempt;
    this.reconnectTimer = setTimeout(attempt, delay);
  }

  private nextAttemptAt = 0;
  private callsNeedRefresh = false;
  private dnd = false;

  setDoNotDisturb(on: boolean): void {
    if (this.dnd === on) return;
    this.dnd = on;
    this.emit();
  }
  private keepAlive?: KeepAlive;

  private incoming(invitation: Invitation): void {
    const req = invitation.request;
    const remote = remoteIdentity({
      pAssertedIdentity: req.getHeader('P-Asserted-Identity'),
      remotePartyId: req.getHeader('Remote-Party-ID'),
      from: req.getHeader('From') ?? '',
    });
    const call = this.track(new CallSession(invitation, 'inbound', remote, this.audio, this.callChanged));
    if (this.dnd) {
      call.refuseBusy().catch((error: unknown) => call.failed(String(error)));
      return;
    }
    invitation.progress().catch((error: unknown) => call.failed(String(error)));
  }

  private track(call: CallSession): CallSession {
    this.calls.set(call.id, call);
    this.emit();
    return call;
  }

  private readonly callChanged = (call: CallSession): void => {
    if (call.state === CallState.Ended) {
      this.lastEnded = call.view();
      this.calls.delete(call.id);
    }
    this.emit();
  };

  private setRegistration(registration: Registration): void {
    this.registration = registration;
    this.emit();
  }

  private emit(): void {
    this.revision++;
    this.updateTone();
    this.onChange(this.snapshot());
  }

  /** Ring for a waiting call; play ringback while the far end rings and sends no audio. */
  private updateTone(): void {
    const calls = [...this.calls.values()].map((c) => c.view());
    const answered = calls.some((c) => c.state === CallState.Established || c.state === CallState.Answering);
    const ringing = calls.some((c) => c.state === CallState.Incoming);
    if (ringing && answered) this.tones.play('call-waiting');
    else if (ringing) this.tones.play('ringtone');
    else if (calls.some((c) => c.state === CallState.Ringing && !c.earlyMedia)) this.tones.play('ringback');
    else this.tones.stop();
  }

  /** Ends calls, unregisters and disconnects; used before applying another account. */
  private async stop(): Promise<void> {
    this.keepAlive?.stop();
    this.keepAlive = undefined;
    clearTimeout(this.reconnectTimer);
    this.retryNow = undefined;
    this.reconnectAttempt = 0;
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = undefined;
    this.registerer = undefined;
    for (const call of this.calls.values()) await call.hangup().catch(() => undefined);
    if (registerer?.state === RegistererState.Registered) await registerer.unregister().catch(() => undefined);
    await ua?.stop().catch(() => undefined);
  }
}
