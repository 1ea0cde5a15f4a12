import { Invitation, Inviter, type Notification, type Referral, Session, SessionState, type URI, type Web } from 'sip.js';
import type { CallDirection, CallEnd, CallEndReason, CallInfo, MediaFigures, RemoteParty, TransferRequest } from '../../../shared/call/call-info';
import { CallState, transition } from '../../../shared/call/call-state';
import { t, type MessageKey } from '../../../shared/i18n/t';
import type { AudioSink } from './audio-sink';
import type { MixerLeg } from './conference-mixer';

/** How long ICE may stay "disconnected" before we restart it ourselves. */
const ICE_DISCONNECTED_GRACE_MS = 2000;
/** SIP's own transaction timeout (64 × T1) is 32 s; a restart waits no longer than this. */
const RE_INVITE_TIMEOUT_MS = 10_000;

/**
 * One call: a sip.js Inviter or Invitation seen through our own CallState. The session's
 * own state changes drive ours; what ended the call is recorded at the moment we learn it
 * (our action, the far end's response, a BYE or CANCEL), because sip.js only says
 * "Terminated".
 */
export class CallSession {
  readonly id = crypto.randomUUID();
  private info: CallInfo;
  private pendingEnd?: CallEnd;
  /** Set while an attended transfer hands this (consultation) call's party over. */
  private replacedByTransfer = false;
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
    private readonly audio: AudioSink,
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
      this.playRemote();
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
    this.applyTracks();
    this.changed(this);
  }

  /** Hold or resume with a re-INVITE (sendonly/inactive, then sendrecv). */
  async hold(held: boolean): Promise<void> {
    this.requireEstablished(held ? 'callErrorNotConnectedHold' : 'callErrorNotConnectedResume');
    if (this.info.held === held) return;
    this.session.sessionDescriptionHandlerOptionsReInvite = { hold: held, constraints: { audio: true, video: false } } as object;
    const answer = await new Promise<{ ok: boolean; status?: number; phrase?: string }>((resolve, reject) => {
      this.session
        .invite({
          requestDelegate: {
            onAccept: () => resolve({ ok: true }),
            onReject: (r) => resolve({ ok: false, status: r.message.statusCode, phrase: r.message.reasonPhrase }),
          },
        })
        .catch(reject);
    });
    if (!answer.ok) throw new Error(t(held ? 'callErrorHoldRefused' : 'callErrorResumeRefused', `${answer.status ?? ''} ${answer.phrase ?? ''}`.trim()));
    this.info.held = held;
    this.applyTracks();
    this.changed(this);
  }

  /**
   * Blind transfer: REFER the far end to `target`; once the far end accepts, our leg ends.
   * A refusal (a PBX without REFER, 403, 405…) is reported and the call goes on.
   */
  async transfer(target: URI): Promise<void> {
    this.requireEstablished('callErrorNotConnectedTransfer');
    const answer = await new Promise<{ ok: boolean; status?: number; phrase?: string }>((resolve, reject) => {
      this.session
        .refer(target, {
          requestDelegate: {
            onAccept: () => resolve({ ok: true }),
            onReject: (r) => resolve({ ok: false, status: r.message.statusCode, phrase: r.message.reasonPhrase }),
          },
        })
        .catch(reject);
    });
    if (!answer.ok) throw new Error(t('callErrorTransferRefused', `${answer.status ?? ''} ${answer.phrase ?? ''}`.trim()));
    this.noteEnd({ reason: 'transferred' });
    await this.session.bye().catch(() => undefined);
  }

  /**
   * Attended transfer: REFER this call's far end to the party of `consult`, with Replaces
   * naming our dialog with it, so the two of them are connected and both our legs end.
   * The Refer-To carries the consulted party's address of record (what a PBX can route),
   * not its Contact. Success is the far end's NOTIFY with a 2xx sipfrag; a refusal of the
   * REFER or a failed NOTIFY is reported and both calls go on (this one still on hold).
   */
  async completeTransfer(consult: CallSession): Promise<void> {
    this.requireEstablished('callErrorNotConnectedTransfer');
    consult.requireEstablished('callErrorConsultNotConnected');
    const dialog = consult.session.dialog;
    if (!dialog) throw new Error(t('callErrorConsultNotConnected'));
    const replaces = encodeURIComponent(`${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`);
    const aor = consult.session.remoteIdentity.uri.clone();
    aor.clearHeaders();
    const referTo = `<${aor.toString()}?Replaces=${replaces}>`;
    let settle: (result: { ok: boolean; status?: number; phrase?: string }) => void = () => undefined;
    const outcome = new Promise<{ ok: boolean; status?: number; phrase?: string }>((resolve) => (settle = resolve));
    const timer = setTimeout(() => settle({ ok: true }), TRANSFER_NOTIFY_WAIT_MS);
    const onNotify = (notification: Notification) => {
      void notification.accept().catch(() => undefined);
      const frag = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/m.exec(notification.request.body ?? '');
      const status = frag ? Number(frag[1]) : 0;
      if (status >= 200) settle(status < 300 ? { ok: true } : { ok: false, status, phrase: frag?.[2]?.trim() });
    };
    // sip.js would put the consulted party's Contact in Refer-To; a proxy cannot route an
    // out-of-dialog INVITE to a WebSocket Contact, so this REFER names its address of record.
    const refering = this.session as unknown as { referToString: (target: unknown) => string };
    refering.referToString = () => referTo;
    const answer = await new Promise<{ ok: boolean; status?: number; phrase?: string }>((resolve, reject) => {
      this.session
        .refer(consult.session, {
          onNotify,
          requestDelegate: {
            onAccept: () => resolve({ ok: true }),
            onReject: (r) => resolve({ ok: false, status: r.message.statusCode, phrase: r.message.reasonPhrase }),
          },
        })
        .catch(reject);
    })
      .catch((error: unknown) => {
        clearTimeout(timer);
        throw error;
      })
      .finally(() => delete (refering as { referToString?: unknown }).referToString);
    // From here the target may end our leg with it (its BYE can overtake the NOTIFY).
    consult.replacedByTransfer = answer.ok;
    if (!answer.ok) {
      clearTimeout(timer);
      throw new Error(t('callErrorTransferRefused', `${answer.status ?? ''} ${answer.phrase ?? ''}`.trim()));
    }
    const result = await outcome;
    clearTimeout(timer);
    consult.replacedByTransfer = result.ok;
    if (!result.ok)
      throw new Error(t('callErrorTransferFailed', `${result.status ?? ''} ${result.phrase ?? ''}`.trim()));
    this.noteEnd({ reason: 'transferred' });
    consult.noteEnd({ reason: 'transferred' });
    await this.session.bye().catch(() => undefined);
    // The target ends its leg with us when it accepts the INVITE with Replaces; a target
    // that does not is hung up here, so nothing is left dangling.
    setTimeout(() => void consult.hangup().catch(() => undefined), CONSULT_LEG_GRACE_MS);
  }

  /**
   * After the signalling connection was replaced, tell the far end where we are now: a
   * re-INVITE carries the new connection's route, so its BYE or re-INVITE reaches us again.
   * A far end that no longer knows the call (481) ends it here too, with the reason.
   */
  async refreshTarget(): Promise<void> {
    if (this.info.state !== CallState.Established) return;
    const iceRestart = this.iceRestartWanted;
    this.session.sessionDescriptionHandlerOptionsReInvite = {
      hold: this.info.held,
      constraints: { audio: true, video: false },
      ...(iceRestart ? { offerOptions: { iceRestart: true } } : {}),
    } as object;
    await new Promise<void>((resolve) => {
      this.session
        .invite({
          requestDelegate: {
            onAccept: () => {
              if (iceRestart) this.iceRestartWanted = false;
              resolve();
            },
            onReject: (r) => {
              if (r.message.statusCode === 481 || r.message.statusCode === 408) {
                this.noteEnd({ reason: 'failed', status: r.message.statusCode, phrase: t('callLostWhileReconnecting') });
                void this.session.bye().catch(() => undefined);
              }
              resolve();
            },
          },
        })
        .catch(() => resolve());
    });
  }

  /**
   * The network changed under the call (another Wi-Fi, a VPN, a cable): offer fresh ICE
   * credentials and candidates in a re-INVITE so media finds a path again. Returns whether
   * the far end took it; one restart at a time. A restart that could not be sent (the
   * WebSocket is down too) is remembered and rides on the re-INVITE sent after re-registering.
   */
  async restartIce(): Promise<boolean> {
    if (this.info.state !== CallState.Established) return false;
    if (this.iceRestarting) return this.iceRestarting;
    this.iceRestarting = this.reInvite(true).then((ok) => {
      this.iceRestartWanted = !ok;
      this.iceRestarting = undefined;
      return ok;
    });
    return this.iceRestarting;
  }

  private iceRestarting?: Promise<boolean>;
  private iceRestartWanted = false;

  /** A re-INVITE that keeps the hold state, optionally with an ICE restart; resolves whether it was accepted. */
  private reInvite(iceRestart: boolean): Promise<boolean> {
    this.session.sessionDescriptionHandlerOptionsReInvite = {
      hold: this.info.held,
      constraints: { audio: true, video: false },
      ...(iceRestart ? { offerOptions: { iceRestart: true } } : {}),
    } as object;
    return new Promise<boolean>((resolve) => {
      // A request that can never be sent (no connection) must not block the next restart.
      setTimeout(() => resolve(false), RE_INVITE_TIMEOUT_MS);
      this.session
        .invite({
          requestDelegate: {
            onAccept: () => resolve(true),
            onReject: () => resolve(false),
          },
        })
        .catch(() => resolve(false));
    });
  }

  /** ICE reports the path broken: restart at once on "failed"; "disconnected" often heals by
   * itself within a second or two, so give it that long first. */
  private watchIce(): void {
    const pc = this.peerConnection();
    if (!pc || this.watchingIce) return;
    this.watchingIce = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    pc.addEventListener('iceconnectionstatechange', () => {
      clearTimeout(timer);
      if (this.info.state !== CallState.Established) return;
      if (pc.iceConnectionState === 'failed') void this.restartIce();
      else if (pc.iceConnectionState === 'disconnected')
        timer = setTimeout(() => {
          if (pc.iceConnectionState === 'disconnected') void this.restartIce();
        }, ICE_DISCONNECTED_GRACE_MS);
    });
  }

  private watchingIce = false;

  /** Sends keypad digits: RTP telephone-events (RFC 4733) or SIP INFO, with a gap between. */
  async dtmf(digits: string, method: 'rfc4733' | 'info'): Promise<void> {
    this.requireEstablished('callErrorNotConnectedTones');
    if (!/^[0-9*#A-D]{1,32}$/i.test(digits)) throw new Error('Only 0–9, *, # and A–D can be sent as tones.');
    const sdh = this.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (method === 'rfc4733' && sdh?.sendDtmf(digits.toUpperCase(), { duration: 100, interToneGap: 70 })) return;
    for (const digit of digits.toUpperCase()) {
      await this.session.info({
        requestOptions: {
          body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${digit}\r\nDuration=100` },
        },
      });
      await new Promise((r) => setTimeout(r, 70));
    }
  }

  private onAnswer?: { digits: string; method: 'rfc4733' | 'info' };

  /** Keypad tones to send once the far end answers, after a moment for its system to listen
   * (a number's extension, `tel:…;ext=42`). */
  sendOnAnswer(digits: string, method: 'rfc4733' | 'info'): void {
    this.onAnswer = { digits, method };
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
    const sdh = this.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    const sender = sdh?.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio');
    if (!sdh?.remoteMediaStream || !sender) return undefined;
    return { remote: sdh.remoteMediaStream, sender };
  }

  /** Joins or leaves the local conference; in it, mute acts on the mix's microphone input. */
  setConference(on: boolean): void {
    this.requireEstablished(on ? 'callErrorNotConnectedMerge' : 'callErrorNotConnectedSplit');
    if (on) this.info.conference = true;
    else delete this.info.conference;
    this.applyTracks();
    this.changed(this);
  }

  /**
   * Our microphone goes out only when neither muted nor held; we hear them unless held.
   * In a conference the sender carries the mix (the others' voices too), so only hold
   * silences it; the mixer mutes the microphone.
   */
  private applyTracks(): void {
    const sdh = this.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    sdh?.enableSenderTracks(this.info.conference ? !this.info.held : !this.info.muted && !this.info.held);
    sdh?.enableReceiverTracks(!this.info.held);
  }

  private lastMedia?: { at: number; sent: number; received: number };

  /** Audio figures from getStats: bytes, codec, loss, jitter, round trip, bitrate. */
  async media(): Promise<MediaFigures | undefined> {
    const pc = this.peerConnection();
    if (!pc) return undefined;
    const report = await pc.getStats();
    const figures = readMediaStats(report);
    const now = Date.now();
    const last = this.lastMedia;
    if (last && now - last.at >= 250) {
      const seconds = (now - last.at) / 1000;
      figures.receiveKbps = Math.round(((figures.bytesReceived - last.received) * 8) / seconds / 100) / 10;
      figures.sendKbps = Math.round(((figures.bytesSent - last.sent) * 8) / seconds / 100) / 10;
    }
    if (!last || now - last.at >= 250) this.lastMedia = { at: now, sent: figures.bytesSent, received: figures.bytesReceived };
    return figures;
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
        this.playRemote();
        this.watchIce();
        if (this.onAnswer) {
          const { digits, method } = this.onAnswer;
          this.onAnswer = undefined;
          setTimeout(() => {
            if (this.info.state !== CallState.Established) return;
            this.dtmf(digits, method).catch((error: unknown) => console.warn('[offhook] softphone: extension tones failed', error));
          }, TONES_AFTER_ANSWER_MS);
        }
        return;
      case SessionState.Terminated:
        // sip.js announces Terminated before it calls the request delegate with the final
        // response (e.g. 486), so learn why first and finish once this stack unwinds.
        queueMicrotask(() => this.finish());
        return;
    }
  }

  private finish(): void {
    if (this.info.state === CallState.Ended) return;
    const wasEstablished = this.info.state === CallState.Established;
    this.info.end = this.pendingEnd ?? { reason: (wasEstablished ? 'hangup-remote' : 'failed') as CallEndReason };
    this.info.endedAt = Date.now();
    this.audio.release(this.id);
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

  private playRemote(): void {
    const sdh = this.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (sdh?.remoteMediaStream) this.audio.play(this.id, sdh.remoteMediaStream);
  }

  private peerConnection(): RTCPeerConnection | undefined {
    const sdh = this.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    return sdh?.peerConnection;
  }
}

type StatsEntry = Record<string, unknown> & { type?: string; id?: string };

/** The call's audio figures out of an RTCStatsReport (plain entries, so it is unit-tested). */
export function readMediaStats(report: { forEach(cb: (entry: StatsEntry) => void): void; get?(id: string): unknown }): MediaFigures {
  const figures: MediaFigures = { bytesSent: 0, bytesReceived: 0, packetsReceived: 0 };
  const entries: StatsEntry[] = [];
  report.forEach((entry) => entries.push(entry));
  const byId = new Map(entries.map((e) => [String(e.id), e]));
  const kindOf = (e: StatsEntry) => e.kind ?? e.mediaType;
  let lost = 0;
  for (const e of entries) {
    if (e.type === 'inbound-rtp' && kindOf(e) === 'audio') {
      figures.bytesReceived += Number(e.bytesReceived ?? 0);
      figures.packetsReceived += Number(e.packetsReceived ?? 0);
      lost += Number(e.packetsLost ?? 0);
      if (typeof e.jitter === 'number') figures.jitterMs = Math.round(e.jitter * 10_000) / 10;
      const codec = e.codecId ? byId.get(String(e.codecId)) : undefined;
      if (codec && typeof codec.mimeType === 'string') {
        figures.codec = codec.mimeType.replace(/^audio\//i, '').toLowerCase();
        if (typeof codec.clockRate === 'number') figures.clockRate = codec.clockRate;
      }
    } else if (e.type === 'outbound-rtp' && kindOf(e) === 'audio') {
      figures.bytesSent += Number(e.bytesSent ?? 0);
    } else if (e.type === 'remote-inbound-rtp' && kindOf(e) === 'audio' && typeof e.roundTripTime === 'number') {
      figures.roundTripMs = Math.round(e.roundTripTime * 1000);
    }
  }
  if (figures.roundTripMs === undefined) {
    const pair = entries.find((e) => e.type === 'candidate-pair' && e.nominated && typeof e.currentRoundTripTime === 'number');
    if (pair) figures.roundTripMs = Math.round(Number(pair.currentRoundTripTime) * 1000);
  }
  figures.packetsLost = Math.max(0, lost);
  const expected = figures.packetsReceived + figures.packetsLost;
  figures.lossPercent = expected > 0 ? Math.round((figures.packetsLost / expected) * 1000) / 10 : 0;
  return figures;
}

/** How long after the answer a number's extension is sent: the far system's greeting starts. */
const TONES_AFTER_ANSWER_MS = 1500;
/** How long to wait for the transferee's NOTIFY before taking the accepted REFER as done. */
const TRANSFER_NOTIFY_WAIT_MS = 8_000;
/** How long the transfer target has to end our consultation leg by itself. */
const CONSULT_LEG_GRACE_MS = 4_000;

/** Whether an offer puts us on hold: every audio stream (or the session) sendonly or inactive. */
export function remoteHoldsUs(sdp: string | undefined): boolean {
  if (!sdp) return false;
  const directions = [...sdp.matchAll(/^a=(sendrecv|sendonly|recvonly|inactive)\s*$/gm)].map((m) => m[1]);
  return directions.length > 0 && directions.every((d) => d === 'sendonly' || d === 'inactive');
}

/** getUserMedia errors, in words the user can act on. */
export function mediaError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return t('callErrorMicrophoneDenied');
  if (name === 'NotFoundError') return t('callErrorMicrophoneNotFound');
  if (name === 'NotReadableError') return t('callErrorMicrophoneInUse');
  return error instanceof Error ? error.message : String(error);
}

export type { Session };
