import { Invitation, Inviter, type Referral, Session, SessionState, type URI } from 'sip.js';
import type { DtmfMethod } from '../../../shared/account/account';
import type { CallDirection, CallEnd, CallEndReason, CallInfo, MediaFigures, RemoteParty, TransferRequest } from '../../../shared/call/call-info';
import { CallState, transition } from '../../../shared/call/call-state';
import { t, type MessageKey } from '../../../shared/i18n/t';
import type { AudioSink } from '../../../shared/audio/audio-sink';
import { CallMedia } from './call-media';
import type { MixerLeg } from './conference-mixer';
import { sendDtmf, TONES_AFTER_ANSWER_MS } from './dtmf';
import { mediaError } from './media-error';
import { NetworkRecovery, reInviteOptions } from './network-recovery';
import { referBlind, referReplacing } from './outgoing-transfer';
import { remoteHoldsUs } from './remote-hold';
import { refusal, requestAnswer } from './request-answer';

/** How long the transfer target has to end our consultation leg by itself. */
const CONSULT_LEG_GRACE_MS = 4_000;

/**
 * One call: a sip.js Inviter or Invitation seen through our own CallState. The session's
 * own state changes drive ours; what ended the call is recorded at the moment we learn it
 * (our action, the far end's response, a BYE or CANCEL), because sip.js only says
 * "Terminated". Its audio, its recovery from network changes, its tones and the transfers it
 * asks for each have their own file; this keeps the call's state and says when they act.
 */
export class CallSession {
  readonly id = crypto.randomUUID();
  private info: CallInfo;
  private pendingEnd?: CallEnd;
  /** Set while an attended transfer hands this (consultation) call's party over. */
  private replacedByTransfer = false;
  /** Keypad tones to send once the far end answers. */
  private tonesOnAnswer?: { digits: string; method: DtmfMethod };
  private readonly audio: CallMedia;
  private readonly recovery: NetworkRecovery;
  /**
   * Who decides about the far end's transfer requests (REFER). Without one a request is
   * declined: sip.js would otherwise accept it and call the Refer-To address by itself, a call
   * nobody tracks, shows or can hang up.
   */
  onTransferRequest?: (call: CallSession, referral: Referral) => void;

  constructor(
    readonly session: Inviter | Invitation,
    direction: CallDirection,
    remote: RemoteParty,
    sink: AudioSink,
    private readonly changed: (call: CallSession) => void,
  ) {
    this.info = {
      id: this.id,
      direction,
      state: direction === 'outbound' ? CallState.Dialing : CallState.Incoming,
      remote,
      earlyMedia: false,
      muted: false,
      held: false,
      remoteHeld: false,
      startedAt: Date.now(),
    };
    this.audio = new CallMedia(session, this.id, sink);
    this.recovery = new NetworkRecovery(session, {
      established: () => this.info.state === CallState.Established,
      held: () => this.info.held,
      lost: (status) => {
        this.noteEnd({ reason: 'failed', status, phrase: t('callLostWhileReconnecting') });
        void this.session.bye().catch(() => undefined);
      },
    });
    session.stateChange.addListener((state) => this.onSessionState(state));
    session.delegate = {
      // With a delegate, sip.js leaves answering the BYE to us.
      onBye: (bye) => {
        // The target of an attended transfer ends our leg as it takes the call over.
        this.noteEnd({ reason: this.replacedByTransfer ? 'transferred' : 'hangup-remote' });
        bye.accept().catch((error: unknown) => console.error('[offhook] softphone: cannot answer BYE', error));
      },
      onCancel: (cancel) => {
        const reason = cancel.request.getHeader('Reason') ?? '';
        this.noteEnd(/cause\s*=\s*200\b/i.test(reason) ? { reason: 'answered-elsewhere' } : { reason: 'caller-cancelled' });
      },
      onRefer: (referral) => {
        if (this.onTransferRequest) this.onTransferRequest(this, referral);
        else void referral.reject({ statusCode: 603 }).catch(() => undefined);
      },
      // A re-INVITE from the far end: its SDP direction says whether it holds us.
      onInvite: (request) => {
        const held = remoteHoldsUs(request.body);
        if (held !== this.info.remoteHeld) {
          this.info.remoteHeld = held;
          this.changed(this);
        }
      },
    };
  }

  get state(): CallState {
    return this.info.state;
  }

  view(): CallInfo {
    return { ...this.info, remote: { ...this.info.remote } };
  }

  /** A provisional response to our INVITE: the far end is alerting, maybe with early media. */
  progress(status: number, hasBody: boolean): void {
    if (status < 180 || status > 199) return;
    if (this.info.state === CallState.Dialing) this.setState(CallState.Ringing);
    if (status === 183 && hasBody && !this.info.earlyMedia) {
      this.info.earlyMedia = true;
      this.audio.playRemote();
      this.changed(this);
    }
  }

  /** A final failure response to our INVITE. */
  rejected(status: number, phrase: string): void {
    this.noteEnd({ reason: 'rejected', status, phrase });
  }

  failed(detail: string): void {
    this.noteEnd({ reason: 'failed', phrase: detail });
    if (this.info.state !== CallState.Ended) this.finish();
  }

  async answer(): Promise<void> {
    if (!(this.session instanceof Invitation) || this.info.state !== CallState.Incoming)
      throw new Error(t('callErrorNoRingingToAnswer'));
    this.setState(CallState.Answering);
    try {
      await this.session.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    } catch (error) {
      this.failed(mediaError(error));
      throw new Error(mediaError(error), { cause: error });
    }
  }

  async decline(status: 486 | 603): Promise<void> {
    if (!(this.session instanceof Invitation) || this.info.state !== CallState.Incoming)
      throw new Error(t('callErrorNoRingingToDecline'));
    this.noteEnd({ reason: 'declined', status, phrase: status === 486 ? 'Busy Here' : 'Decline' });
    await this.session.reject({ statusCode: status });
  }

  /** Ends the call whatever its state: cancel, reject or BYE as the state requires. */
  async hangup(): Promise<void> {
    const s = this.session;
    switch (s.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (s instanceof Inviter) {
          this.noteEnd({ reason: 'cancelled' });
          await s.cancel();
        } else {
          this.noteEnd({ reason: 'declined', status: 603, phrase: 'Decline' });
          await s.reject({ statusCode: 603 });
        }
        return;
      case SessionState.Established:
        this.noteEnd({ reason: 'hangup-local' });
        await s.bye();
        return;
      case SessionState.Terminating:
      case SessionState.Terminated:
        return;
    }
  }

  /** Mutes the microphone locally (no re-INVITE): the far end hears silence. */
  mute(muted: boolean): void {
    this.requireEstablished('callErrorNotConnectedMute');
    this.info.muted = muted;
    this.audio.applyTracks(this.info);
    this.changed(this);
  }

  /** Hold or resume with a re-INVITE (sendonly/inactive, then sendrecv). */
  async hold(held: boolean): Promise<void> {
    this.requireEstablished(held ? 'callErrorNotConnectedHold' : 'callErrorNotConnectedResume');
    if (this.info.held === held) return;
    this.session.sessionDescriptionHandlerOptionsReInvite = reInviteOptions(held);
    const answer = await requestAnswer((requestDelegate) => this.session.invite({ requestDelegate }));
    if (!answer.ok) throw new Error(t(held ? 'callErrorHoldRefused' : 'callErrorResumeRefused', refusal(answer)));
    this.info.held = held;
    this.audio.applyTracks(this.info);
    this.changed(this);
  }

  /**
   * Blind transfer: REFER the far end to `target`; once the far end accepts, our leg ends.
   * A refusal (a PBX without REFER, 403, 405…) is reported and the call goes on.
   */
  async transfer(target: URI): Promise<void> {
    this.requireEstablished('callErrorNotConnectedTransfer');
    const answer = await referBlind(this.session, target);
    if (!answer.ok) throw new Error(t('callErrorTransferRefused', refusal(answer)));
    this.noteEnd({ reason: 'transferred' });
    await this.session.bye().catch(() => undefined);
  }

  /**
   * Attended transfer: REFER this call's far end to the party of `consult`, with Replaces
   * naming our dialog with it, so the two of them are connected and both our legs end.
   * Success is the far end's NOTIFY with a 2xx sipfrag; a refusal of the REFER or a failed
   * NOTIFY is reported and both calls go on (this one still on hold).
   */
  async completeTransfer(consult: CallSession): Promise<void> {
    this.requireEstablished('callErrorNotConnectedTransfer');
    consult.requireEstablished('callErrorConsultNotConnected');
    const { answer, outcome } = await referReplacing(this.session, consult.session);
    // From here the target may end our leg with it (its BYE can overtake the NOTIFY).
    consult.replacedByTransfer = answer.ok;
    if (!answer.ok) throw new Error(t('callErrorTransferRefused', refusal(answer)));
    const result = await outcome;
    consult.replacedByTransfer = result.ok;
    if (!result.ok) throw new Error(t('callErrorTransferFailed', refusal(result)));
    this.noteEnd({ reason: 'transferred' });
    consult.noteEnd({ reason: 'transferred' });
    await this.session.bye().catch(() => undefined);
    // The target ends its leg with us when it accepts the INVITE with Replaces; a target
    // that does not is hung up here, so nothing is left dangling.
    setTimeout(() => void consult.hangup().catch(() => undefined), CONSULT_LEG_GRACE_MS);
  }

  /** After the signalling connection was replaced: a re-INVITE tells the far end our new route. */
  refreshTarget(): Promise<void> {
    return this.recovery.refreshTarget();
  }

  /** The network changed under the call: an ICE restart, one at a time; resolves whether it took. */
  restartIce(): Promise<boolean> {
    return this.recovery.restartIce();
  }

  /** Sends keypad digits: RTP telephone-events (RFC 4733) or SIP INFO, with a gap between. */
  async dtmf(digits: string, method: DtmfMethod): Promise<void> {
    this.requireEstablished('callErrorNotConnectedTones');
    await sendDtmf(this.session, digits, method);
  }

  /** Keypad tones to send once the far end answers, after a moment for its system to listen
   * (a number's extension, `tel:…;ext=42`). */
  sendOnAnswer(digits: string, method: DtmfMethod): void {
    this.tonesOnAnswer = { digits, method };
    this.info.tonesAfterAnswer = digits;
  }

  /** An intercom call (the PBX asked for auto-answer); `auto` once we answered it so. */
  markIntercom(auto: boolean): void {
    this.info.intercom = true;
    if (auto) this.info.autoAnswered = true;
    this.changed(this);
  }

  /** What became of the far end's latest transfer request, for the faces. */
  noteTransferRequest(request: TransferRequest): void {
    this.info.transferRequest = request;
    this.changed(this);
  }

  /** Placed on the far end's request from another call, which `who` had. */
  markReferredBy(who: string): void {
    this.info.referredBy = who;
  }

  /** Marks this call as a consultation for attended transfer of `heldCallId`. */
  consultFor(heldCallId: string | undefined): void {
    if (heldCallId) this.info.consultFor = heldCallId;
    else delete this.info.consultFor;
    this.changed(this);
  }

  requireEstablished(refusal: MessageKey): void {
    if (this.info.state !== CallState.Established) throw new Error(t(refusal));
  }

  /** What the conference mixer needs: the far end's stream and our audio sender. */
  mixerLeg(): MixerLeg | undefined {
    return this.audio.mixerLeg();
  }

  /** Joins or leaves the local conference; in it, mute acts on the mix's microphone input. */
  setConference(on: boolean): void {
    this.requireEstablished(on ? 'callErrorNotConnectedMerge' : 'callErrorNotConnectedSplit');
    if (on) this.info.conference = true;
    else delete this.info.conference;
    this.audio.applyTracks(this.info);
    this.changed(this);
  }

  /** Audio figures from getStats: bytes, codec, loss, jitter, round trip, bitrate. */
  media(): Promise<MediaFigures | undefined> {
    return this.audio.figures();
  }

  private onSessionState(state: SessionState): void {
    switch (state) {
      case SessionState.Initial:
      case SessionState.Establishing:
      case SessionState.Terminating:
        return;
      case SessionState.Established:
        this.info.answeredAt = Date.now();
        this.setState(CallState.Established);
        this.audio.playRemote();
        this.recovery.watchIce(this.audio.peerConnection());
        this.sendTonesOnAnswer();
        return;
      case SessionState.Terminated:
        // sip.js announces Terminated before it calls the request delegate with the final
        // response (e.g. 486), so learn why first and finish once this stack unwinds.
        queueMicrotask(() => this.finish());
        return;
    }
  }

  private sendTonesOnAnswer(): void {
    if (!this.tonesOnAnswer) return;
    const { digits, method } = this.tonesOnAnswer;
    this.tonesOnAnswer = undefined;
    setTimeout(() => {
      if (this.info.state !== CallState.Established) return;
      this.dtmf(digits, method).catch((error: unknown) => console.warn('[offhook] softphone: extension tones failed', error));
    }, TONES_AFTER_ANSWER_MS);
  }

  private finish(): void {
    if (this.info.state === CallState.Ended) return;
    const wasEstablished = this.info.state === CallState.Established;
    this.info.end = this.pendingEnd ?? { reason: (wasEstablished ? 'hangup-remote' : 'failed') as CallEndReason };
    this.info.endedAt = Date.now();
    this.audio.release();
    this.setState(CallState.Ended);
  }

  /** The first explanation wins: a later "Terminated" must not overwrite why. */
  noteEnd(end: CallEnd): void {
    this.pendingEnd ??= end;
  }

  private setState(next: CallState): void {
    this.info.state = transition(this.info.state, next);
    this.changed(this);
  }
}

export type { Session };
