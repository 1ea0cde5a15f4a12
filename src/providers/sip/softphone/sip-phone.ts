import { Invitation, Inviter, type Notification, type Referral, UserAgent, type Core } from 'sip.js';
import type { Account } from '../../../shared/account/account';
import { serverHost } from '../../../shared/account/server-host';
import type { CallInfo, MediaFigures, RemoteParty } from '../../../shared/call/call-info';
import { formatCallerNumber } from '../../../shared/phone/caller-number';
import { CallState, isLive } from '../../../shared/call/call-state';
import { t } from '../../../shared/i18n/t';
import type { Registration } from '../../../shared/phone/registration';
import type { PhoneSnapshot } from '../../../shared/phone/snapshot';
import type { AudioSink } from '../../../shared/audio/audio-sink';
import { CallSession } from './call-session';
import { ConferenceMixer } from './conference-mixer';
import { remoteIdentity } from './remote-identity';
import { toSipTarget } from './sip-target';
import { TonePlayer } from '../../../shared/audio/tone-player';
import { fromOwnPbx, intercomDelay } from './intercom';
import { admit, RefusalTally } from './call-admission';
import { capRemote } from '../../../shared/call/field-limits';
import { referTarget, TRANSFER_PROMPT_MS, TransferPrompts } from './transfer-request';
import type { ResolvedAudio } from '../../../shared/audio/audio-routing';
import { KEEP_ALIVE_INTERVAL_MS } from './keep-alive';
import { SipConnection } from './sip-connection';
import { LocalConference } from './local-conference';
import { toneFor } from './ringing-tones';
import { readMessageSummary } from './message-summary';
import type { Voicemail } from '../../../shared/phone/voicemail';

/** Refused calls are reported at most this often during a flood. */
const REFUSAL_EMIT_MS = 250;
const INVITER_OPTIONS = { earlyMedia: true, sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } };

/**
 * Offhook's softphone: one account's calls behind our own call model, over the account's
 * connection to its PBX (sip-connection.ts: the registration and its retries). Call waiting
 * and the hold a new call puts the others on are here; each call is a CallSession; a
 * conference is a LocalConference; a far end's transfer request waits in TransferPrompts.
 */
export class SipPhone {
  private account: Account | null = null;
  /** The account's connection; replaced by every configure, and nothing of an old one acts. */
  private connection?: SipConnection;
  private registration: Registration = { state: 'unconfigured' };
  private readonly calls = new Map<string, CallSession>();
  private lastEnded?: CallInfo;
  private revision = 0;
  /** What the PBX last said of the voicemail box; none until it says. */
  private voicemail: Voicemail | undefined;

  constructor(
    private readonly audio: AudioSink,
    private readonly onChange: (snapshot: PhoneSnapshot) => void,
    private readonly tones: Pick<TonePlayer, 'play' | 'stop' | 'playing'> &
      Partial<Pick<TonePlayer, 'testing' | 'test' | 'setOutputs' | 'level'>> = new TonePlayer(),
    private readonly keepAliveMs = KEEP_ALIVE_INTERVAL_MS,
    createMixer: () => ConferenceMixer = () => new ConferenceMixer(),
  ) {
    this.conference = new LocalConference((id) => this.calls.get(id), createMixer);
  }

  private readonly conference: LocalConference;

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
      audio: { warnings: this.audioDevices.warnings, testing: this.tones.testing ?? null },
      ...(this.lastEnded ? { lastEnded: this.lastEnded } : {}),
      ...(this.refusals.any ? { refused: this.refusals.view() } : {}),
      ...(this.voicemail ? { voicemail: this.voicemail } : {}),
      revision: this.revision,
    };
  }

  async snapshotWithMedia(): Promise<PhoneSnapshot> {
    const snap = this.snapshot();
    if (snap.audio && this.tones.level)
      snap.audio = {
        ...snap.audio,
        ...this.tones.level(),
        callSinks: this.audio.sinks?.() ?? [],
        callMicrophones: [...this.calls.values()].map((c) => c.mixerLeg()?.sender.track?.label ?? ''),
      };
    for (const call of snap.calls) {
      const media = await this.calls.get(call.id)?.media();
      if (media) call.media = media;
    }
    return snap;
  }

  private region: string | undefined;

  /** The user's country, for showing numbers the way they are written there. */
  setRegion(region: string | undefined): void {
    this.region = region || undefined;
  }

  /** Adds the number as the user reads it, when it is a phone number. */
  private withFormatted(remote: RemoteParty): RemoteParty {
    const formatted = formatCallerNumber(remote.number, this.region);
    return formatted !== remote.number ? { ...remote, formatted } : remote;
  }

  private audioDevices: ResolvedAudio = { microphone: '', speaker: '', ringer: '', ringVolume: 0.8, warnings: [] };

  /** The devices to use from now on: calls' audio, tones, and the next call's microphone. */
  setAudio(resolved: ResolvedAudio): void {
    this.audioDevices = resolved;
    this.audio.setOutput?.(resolved.speaker);
    this.tones.setOutputs?.(resolved);
    this.emit();
  }

  /** The options page's Test speaker / Test ringer. */
  testAudio(output: 'speaker' | 'ringer'): void {
    if (!this.tones.test) throw new Error(t('audioErrorNoOutput'));
    if ([...this.calls.values()].some((c) => isLive(c.state))) throw new Error(t('audioErrorDuringCall'));
    this.tones.test(output, () => this.emit());
    this.emit();
  }

  /** getUserMedia for a call: the chosen microphone, or the system's. */
  private readonly microphone = (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    const id = this.audioDevices.microphone;
    const audio = id ? { deviceId: { exact: id } } : true;
    return navigator.mediaDevices.getUserMedia({ ...constraints, audio, video: false }).catch((error: unknown) => {
      // The chosen microphone vanished between two checks: the default rather than no call.
      if (id && (error as { name?: string }).name === 'OverconstrainedError')
        return navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      throw error;
    });
  };

  /** One call's audio figures, for the popup's live details view. */
  async stats(callId: string): Promise<MediaFigures | null> {
    return (await this.call(callId).media()) ?? null;
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
    await this.stop();
    this.account = account;
    if (!account) {
      this.setRegistration({ state: 'unconfigured' });
      return;
    }
    const connection: SipConnection = new SipConnection(
      account,
      this.microphone,
      {
        invite: (invitation) => this.incoming(invitation),
        notify: (notification) => this.notified(notification),
        registration: (registration) => this.connection === connection && this.setRegistration(registration),
        hasCalls: () => this.calls.size > 0,
        refreshCalls: () => {
          for (const call of this.calls.values()) void call.refreshTarget();
        },
      },
      this.keepAliveMs,
    );
    this.connection = connection;
    await connection.start();
  }

  /** Calls `target`; `tones` (a number's extension) are sent as keypad tones once answered. */
  async dial(target: string, tones?: string): Promise<string> {
    const ua = this.connection?.userAgent;
    const account = this.account;
    if (!ua || !account) throw new Error(t('callErrorNoAccount'));
    if (this.registration.state !== 'registered')
      throw new Error(t('callErrorNotRegistered', this.registration.state));
    const parsed = toSipTarget(target, account.domain);
    if (!parsed.ok) throw new Error(parsed.error);
    const uri = UserAgent.makeURI(parsed.uri);
    if (!uri) throw new Error(t('callErrorInvalidAddress', target));
    const id = await this.place(
      () => new Inviter(ua, uri, INVITER_OPTIONS),
      this.withFormatted({ uri: parsed.uri, number: parsed.display }),
    );
    if (tones) this.calls.get(id)?.sendOnAnswer(tones, account.dtmfMethod);
    return id;
  }

  /** Puts the established calls on hold (as a desk phone does for a new call), then sends the
   * INVITE of a new tracked call. */
  private async place(makeInviter: () => Inviter, remote: RemoteParty, referredBy?: string): Promise<string> {
    for (const other of this.calls.values())
      if (other.state === CallState.Established && !other.view().held) await other.hold(true);
    const inviter = makeInviter();
    const call = new CallSession(inviter, 'outbound', remote, this.audio, this.callChanged);
    if (referredBy) call.markReferredBy(referredBy);
    this.track(call);
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

  private readonly transferPrompts = new TransferPrompts((callId) => {
    const call = this.calls.get(callId);
    const request = call?.view().transferRequest;
    if (call && request) call.noteTransferRequest({ ...request, state: 'expired', until: undefined });
  });

  /**
   * The far end of `call` asks to transfer the user (REFER). Offhook never follows it by
   * itself: it declines (603, the default) and says so, or, when the account says so, asks the
   * user and holds the request until they answer or the time is up.
   */
  private transferRequested(call: CallSession, referral: Referral): void {
    const target = referTarget(referral);
    if (!target.ok) {
      console.warn(`[offhook] softphone: refused a transfer request (${target.reason})`);
      void referral.reject({ statusCode: 400 }).catch(() => undefined);
      return;
    }
    const home = this.account?.domain.toLowerCase();
    const user = target.user;
    const shown =
      user && target.host.toLowerCase() === home
        ? this.withFormatted({ uri: target.uri, number: user }).formatted ?? user
        : `${user ? `${user}@` : ''}${target.host}`;
    const at = Date.now();
    const request = { id: crypto.randomUUID(), target: shown, uri: target.uri, at };
    const ask = this.account?.transferRequests === 'ask' && call.state === CallState.Established && !this.transferPrompts.has(call.id);
    if (!ask) {
      void referral.reject({ statusCode: 603 }).catch(() => undefined);
      call.noteTransferRequest({ ...request, state: 'refused' });
      return;
    }
    this.transferPrompts.ask(call.id, referral);
    call.noteTransferRequest({ ...request, state: 'asking', until: at + TRANSFER_PROMPT_MS });
  }

  /**
   * The user's answer to a transfer request. Accepted, the transfer target is called as a
   * tracked call like any other (the far end learns how it goes, by NOTIFY); returns its id.
   */
  async answerTransfer(callId: string, accept: boolean): Promise<string | undefined> {
    const call = this.call(callId);
    const request = call.view().transferRequest;
    const referral = (await this.transferPrompts.answer(callId, accept)) as Referral | undefined;
    if (!referral || !request) throw new Error(t('callErrorNoTransferRequest'));
    call.noteTransferRequest({ ...request, state: accept ? 'accepted' : 'declined', until: undefined });
    if (!accept) return undefined;
    const who = call.view().remote;
    return this.place(
      () => referral.makeInviter(INVITER_OPTIONS),
      this.withFormatted({ uri: request.uri, number: request.target }),
      who.displayName ?? who.formatted ?? who.number,
    );
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
    const call = this.call(callId);
    if (!this.conference.mute(call, muted)) call.mute(muted);
  }

  /**
   * Local three-way conference: every connected call is resumed and joined to one mix, so
   * each far end hears the user and the others.
   */
  async merge(): Promise<void> {
    await this.conference.merge([...this.calls.values()].filter((c) => c.state === CallState.Established));
  }

  /** Takes one leg out of the conference and holds it; the others go on talking. */
  async split(callId: string): Promise<void> {
    const leg = this.call(callId);
    if (!leg.view().conference) throw new Error(t('callErrorNotInConference'));
    await this.conference.leave(leg);
    await leg.hold(true);
  }

  async hold(callId: string, held: boolean): Promise<void> {
    const call = this.call(callId);
    if (!held) await this.setAsideOthers(call, 'hold');
    await call.hold(held);
  }

  /**
   * Attended transfer, step one: put `callId` on hold and call `target` to talk first. The
   * new call remembers whom it would take over, for Complete or Cancel.
   */
  async consult(callId: string, target: string): Promise<string> {
    const held = this.call(callId);
    held.requireEstablished('callErrorNotConnectedTransfer');
    const consultId = await this.dial(target);
    this.calls.get(consultId)?.consultFor(held.id);
    return consultId;
  }

  /** Attended transfer, step two: the held caller and the consulted party are connected. */
  async completeTransfer(consultId: string): Promise<void> {
    const consult = this.call(consultId);
    const heldId = consult.view().consultFor;
    const held = heldId ? this.calls.get(heldId) : undefined;
    if (!held || !isLive(held.state)) throw new Error(t('callErrorTransferTargetEnded'));
    await held.completeTransfer(consult);
  }

  /** Attended transfer called off: end the consultation and go back to the held caller. */
  async cancelTransfer(consultId: string): Promise<void> {
    const consult = this.call(consultId);
    const heldId = consult.view().consultFor;
    await consult.hangup();
    const held = heldId ? this.calls.get(heldId) : undefined;
    if (held && held.state === CallState.Established && held.view().held) await held.hold(false);
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

  /** "Retry now", and the browser coming back online: try at once instead of waiting. */
  retry(): void {
    this.connection?.retry();
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
      this.connection?.callsMustFollow();
      void call.restartIce();
    }
  }

  private dnd = false;

  setDoNotDisturb(on: boolean): void {
    if (this.dnd === on) return;
    this.dnd = on;
    this.emit();
  }
  /**
   * A PBX tells of voicemail by an out-of-dialog NOTIFY (Asterisk sends it unsolicited to an
   * endpoint with mailboxes). Believed only from the account's own PBX, like an intercom mark:
   * anyone can send a NOTIFY through a proxy. Anything else is refused.
   */
  private notified(notification: Notification): void {
    const req = notification.request;
    const event = (req.getHeader('Event') ?? '').split(';')[0]!.trim().toLowerCase();
    const summary = event === 'message-summary' ? readMessageSummary(req.body ?? '') : null;
    const own = this.account ? [this.account.domain, serverHost(this.account.server)] : [];
    if (!summary || !fromOwnPbx({ from: req.getHeader('From') ?? '', pAssertedIdentity: req.getHeaders('P-Asserted-Identity') }, own)) {
      void notification.reject({ statusCode: summary ? 403 : 489 }).catch(() => undefined);
      return;
    }
    void notification.accept().catch(() => undefined);
    this.voicemail = summary;
    this.emit();
  }

  private incoming(invitation: Invitation): void {
    const req = invitation.request;
    const remote = capRemote(
      this.withFormatted(
        remoteIdentity({
          pAssertedIdentity: req.getHeader('P-Asserted-Identity'),
          remotePartyId: req.getHeader('Remote-Party-ID'),
          from: req.getHeader('From') ?? '',
        }),
      ),
    );
    const admitted = admit([...this.calls.values()].map((c) => c.state), this.dnd);
    if (admitted !== 'ring') {
      // Refused at once, and only counted: see call-admission.ts.
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      this.refusals.note(admitted, remote);
      this.emitSoon();
      return;
    }
    const call = this.track(new CallSession(invitation, 'inbound', remote, this.audio, this.callChanged));
    invitation.progress().catch((error: unknown) => call.failed(String(error)));
    const delay = intercomDelay({ callInfo: req.getHeaders('Call-Info'), alertInfo: req.getHeaders('Alert-Info') });
    if (delay === undefined || !this.account) return;
    // Anyone can write Call-Info into an INVITE: only the account's own PBX is believed.
    const ownHosts = [this.account.domain, serverHost(this.account.server)];
    if (!fromOwnPbx({ from: req.getHeader('From') ?? '', pAssertedIdentity: req.getHeaders('P-Asserted-Identity') }, ownHosts)) {
      console.warn('[offhook] softphone: an auto-answer mark from outside the PBX was ignored');
      return;
    }
    call.markIntercom(false);
    // Only when the user asked for it, and never over a call in progress.
    if (this.account.autoAnswer !== 'intercom') return;
    if ([...this.calls.values()].some((c) => c !== call && isLive(c.state))) return;
    setTimeout(() => {
      if (call.state !== CallState.Incoming) return;
      call.markIntercom(true);
      call.answer().catch((error: unknown) => console.error('[offhook] softphone: auto-answer failed', error));
    }, delay * 1000);
  }

  private track(call: CallSession): CallSession {
    call.onTransferRequest = (c, referral) => this.transferRequested(c, referral);
    this.calls.set(call.id, call);
    this.emit();
    return call;
  }

  private readonly callChanged = (call: CallSession): void => {
    if (call.state === CallState.Ended) {
      this.transferPrompts.drop(call.id);
      this.lastEnded = call.view();
      this.calls.delete(call.id);
      void this.conference.leave(call);
      // A consultation whose held caller is gone has nothing left to transfer.
      for (const other of this.calls.values()) if (other.view().consultFor === call.id) other.consultFor(undefined);
    }
    this.emit();
  };

  private setRegistration(registration: Registration): void {
    this.registration = registration;
    this.emit();
  }

  private readonly refusals = new RefusalTally();
  private emitTimer?: ReturnType<typeof setTimeout>;

  /** One snapshot for a burst of refusals, not one per INVITE. */
  private emitSoon(): void {
    this.emitTimer ??= setTimeout(() => {
      this.emitTimer = undefined;
      this.emit();
    }, REFUSAL_EMIT_MS);
  }

  private emit(): void {
    clearTimeout(this.emitTimer);
    this.emitTimer = undefined;
    this.revision++;
    this.updateTone();
    this.onChange(this.snapshot());
  }

  private updateTone(): void {
    const tone = toneFor([...this.calls.values()].map((c) => c.view()));
    if (tone) this.tones.play(tone);
    else if (!this.tones.testing) this.tones.stop();
  }

  /** Ends calls, unregisters and disconnects; used before applying another account. */
  private async stop(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    connection?.halt();
    for (const call of this.calls.values()) await call.hangup().catch(() => undefined);
    await connection?.close();
  }
}
