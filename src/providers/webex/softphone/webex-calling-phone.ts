import { TimeoutError, within } from '../../../shared/async/within';
import type { LocalMicrophoneStream, TransferType } from '@webex/calling';
import type { CallEndReason, CallInfo } from '../../../shared/call/call-info';
import { CallState } from '../../../shared/call/call-state';
import { t } from '../../../shared/i18n/t';
import type { WebexPhoneState } from '../../../shared/messaging/protocol';
import type { CallCommand, CommandResult } from '../../../shared/phone/call-command';
import type { Registration } from '../../../shared/phone/registration';
import type { CallingCall, CallingInstance, CallingLine, CallingSdk } from './calling-sdk';

/** How long the SDK may take to start and register this browser before Offhook says so (its
 * own wait for Webex's service catalogue is a minute). */
export const START_TIMEOUT_MS = 20_000;
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;

export type { WebexPhoneState };

/** Where a call's far-end audio plays (the offscreen document's audio elements). */
export interface CallAudio {
  play(callId: string, track: MediaStreamTrack): void;
  release(callId: string): void;
}

export interface WebexCallingPhoneOptions {
  loadSdk(): Promise<CallingSdk>;
  audio: CallAudio;
  onChange(state: WebexPhoneState): void;
  now?: () => number;
  /** The microphone to use (a device id), if the user chose one. */
  microphone?: () => string | undefined;
}

interface LiveCall {
  call: CallingCall;
  info: CallInfo;
  mic?: LocalMicrophoneStream;
  asked?: 'hangup' | 'decline' | 'transfer';
  error?: string;
  tones?: string;
}

/**
 * Offhook as the user's Webex phone: Cisco's Calling SDK runs in the offscreen document and
 * registers this browser as one of the user's Webex Calling devices (Calling.init, register,
 * the CallingClient's line). Calls are the SDK's: `line.makeCall` and `line:incoming_call`,
 * then answer, end, mute, hold/resume, sendDigit and completeTransfer; their events
 * (progress, connect, established, held, resumed, remote_media, disconnect, call_error) become
 * Offhook's call model, the same the popup, notifications and history show for any call.
 *
 * Cisco's wire under the SDK (device registration, Mercury, Mobius) is internal to Cisco; this
 * connector is verified against the SDK's object interface (fakes of its types), and needs a
 * Webex sandbox for a live call.
 */
export class WebexCallingPhone {
  private readonly now: () => number;
  private registration: Registration = { state: 'unconfigured' };
  private calls = new Map<string, LiveCall>();
  private lastEnded?: CallInfo;
  private calling?: CallingInstance;
  private line?: CallingLine;
  private sdk?: CallingSdk;
  private session = 0;
  private aor = '';
  private token = '';
  private retryMs = RETRY_FIRST_MS;
  private retryTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly opts: WebexCallingPhoneOptions) {
    this.now = opts.now ?? Date.now;
  }

  get configured(): boolean {
    return this.registration.state !== 'unconfigured';
  }

  state(): WebexPhoneState {
    const calls = [...this.calls.values()].map((c) => c.info);
    return {
      registration: this.registration,
      calls,
      ...(this.lastEnded ? { lastEnded: this.lastEnded } : {}),
      tone: calls.some((c) => c.state === CallState.Incoming) ? 'ringtone' : null,
    };
  }

  /** Registers this browser as the user's Webex phone with `token` (under way when this
   * returns: the state says how it goes), or stops (null). */
  async start(config: { token: string; aor: string } | null): Promise<void> {
    await this.stop();
    if (!config) {
      this.setRegistration({ state: 'unconfigured' });
      return;
    }
    this.aor = config.aor;
    this.token = config.token;
    this.retryMs = RETRY_FIRST_MS;
    void this.connect();
  }

  /** A renewed access token (the service worker renews it before it lapses). */
  setToken(token: string): void {
    this.token = token;
    this.calling?.webex.credentials.set({ supertoken: { access_token: token, token_type: 'Bearer' } });
  }

  /** "Retry now". */
  retry(): void {
    if (this.registration.state !== 'failed' || !this.token) return;
    clearTimeout(this.retryTimer);
    void this.connect();
  }

  private async connect(): Promise<void> {
    const session = ++this.session;
    this.setRegistration({ state: 'connecting', aor: this.aor });
    try {
      this.sdk ??= await this.opts.loadSdk();
      const calling = await this.sdk.init({
        webexConfig: { config: { logger: { level: 'warn' } }, credentials: { access_token: this.token } },
        callingConfig: {
          clientConfig: { calling: true, contact: false, callHistory: false, callSettings: false, voicemail: false },
          callingClientConfig: { logger: { level: 'warn' }, serviceData: { indicator: 'calling', domain: '' } },
          logger: { level: 'warn' },
        },
      });
      if (session !== this.session) return;
      this.calling = calling;
      await within(new Promise<void>((resolve) => calling.once('ready', resolve)), START_TIMEOUT_MS);
      this.setRegistration({ state: 'registering', aor: this.aor });
      await within(calling.register(), START_TIMEOUT_MS);
      if (session !== this.session) return;
      const line = calling.registered ? Object.values(calling.callingClient?.getLines() ?? {})[0] : undefined;
      if (!calling.registered) throw new Error(t('webexPhoneUnreachable'));
      if (!line) {
        this.setRegistration({ state: 'failed', aor: this.aor, kind: 'config', message: t('webexPhoneNoLine') });
        return;
      }
      this.line = line;
      this.listenTo(line, session);
      line.register();
    } catch (error) {
      if (session !== this.session) return;
      this.failed(error instanceof TimeoutError ? t('webexPhoneUnreachable') : (error as Error).message || String(error));
    }
  }

  private listenTo(line: CallingLine, session: number): void {
    const mine = () => session === this.session;
    line.on('registered' as never, (() => {
      if (!mine()) return;
      this.retryMs = RETRY_FIRST_MS;
      this.setRegistration({ state: 'registered', aor: this.aor });
    }) as never);
    line.on('reconnecting' as never, (() => mine() && this.setRegistration({ state: 'connecting', aor: this.aor })) as never);
    line.on('reconnected' as never, (() => mine() && this.setRegistration({ state: 'registered', aor: this.aor })) as never);
    line.on('unregistered' as never, (() => mine() && this.setRegistration({ state: 'unregistered', aor: this.aor })) as never);
    line.on('error' as never, ((error: { message?: string } | undefined) => {
      if (!mine()) return;
      this.failed(t('webexPhoneRefused', error?.message ?? String(error)));
    }) as never);
    line.on('line:incoming_call' as never, ((call: CallingCall) => {
      if (!mine()) return;
      const caller = call.getCallerInfo();
      const number = caller?.num ?? '';
      const info: CallInfo = {
        id: call.getCorrelationId(),
        direction: 'inbound',
        state: CallState.Incoming,
        remote: { uri: number, number: number || caller?.name || '', ...(caller?.name && caller.name !== number ? { displayName: caller.name } : {}) },
        earlyMedia: false,
        muted: false,
        held: false,
        remoteHeld: false,
        startedAt: this.now(),
      };
      this.follow({ call, info });
    }) as never);
  }

  private failed(message: string): void {
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.setRegistration({ state: 'failed', aor: this.aor, kind: 'temporary', message, retryAt: this.now() + wait });
    clearTimeout(this.retryTimer);
    const session = this.session;
    this.retryTimer = setTimeout(() => session === this.session && void this.connect(), wait);
  }

  /** Calls `target` (already in the dial plan's form); the call's id. */
  async dial(target: string, tones?: string): Promise<string> {
    const line = this.line;
    if (!line || this.registration.state !== 'registered') throw new Error(t('callErrorNotRegistered', this.registration.state));
    const mic = await this.microphone();
    const call = line.makeCall({ type: 'uri' as never, address: target });
    if (!call) {
      mic.stop?.();
      throw new Error(t('webexPhoneRefused', target));
    }
    const info: CallInfo = {
      id: call.getCorrelationId(),
      direction: 'outbound',
      state: CallState.Dialing,
      remote: { uri: target, number: target },
      earlyMedia: false,
      muted: false,
      held: false,
      remoteHeld: false,
      startedAt: this.now(),
      ...(tones ? { tonesAfterAnswer: tones } : {}),
    };
    this.follow({ call, info, mic, ...(tones ? { tones } : {}) });
    call.dial(mic);
    return info.id;
  }

  async command(command: CallCommand): Promise<CommandResult> {
    if (command.action === 'merge') return { ok: false, error: t('webexUnsupported') };
    const live = this.calls.get(command.callId);
    if (!live) return { ok: false, error: t('callErrorUnknownCall') };
    const { call } = live;
    switch (command.action) {
      case 'answer': {
        if (live.info.state !== CallState.Incoming) return { ok: false, error: t('callErrorUnknownCall') };
        live.mic = await this.microphone();
        this.update(live, { state: CallState.Answering });
        call.answer(live.mic);
        return { ok: true };
      }
      case 'decline':
        live.asked = 'decline';
        call.end();
        return { ok: true };
      case 'hangup':
        live.asked = 'hangup';
        call.end();
        return { ok: true };
      case 'mute':
        if (!live.mic) return { ok: false, error: t('webexCannotMute') };
        // The SDK's mute toggles.
        if (call.isMuted() !== command.muted) call.mute(live.mic);
        this.update(live, { muted: call.isMuted() });
        return { ok: true };
      case 'hold':
        if (call.isHeld() !== command.held) call.doHoldResume();
        return { ok: true };
      case 'dtmf':
        for (const digit of command.digits) call.sendDigit(digit);
        return { ok: true };
      case 'transfer':
        live.asked = 'transfer';
        call.completeTransfer('BLIND' as TransferType, undefined, command.target);
        return { ok: true };
      case 'stats':
        return { ok: true, media: null };
      default:
        return { ok: false, error: t('webexUnsupported') };
    }
  }

  /** Ends every call and takes this browser off the user's Webex devices. */
  async stop(): Promise<void> {
    this.session++;
    clearTimeout(this.retryTimer);
    for (const live of this.calls.values()) {
      live.asked ??= 'hangup';
      try {
        live.call.end();
      } catch {
        // The SDK had let it go already.
      }
      this.ended(live);
    }
    const { calling, line } = this;
    this.calling = undefined;
    this.line = undefined;
    try {
      line?.deregister();
    } catch {
      // Not registered.
    }
    await calling?.deregister().catch(() => undefined);
  }

  private async microphone(): Promise<LocalMicrophoneStream> {
    const sdk = this.sdk;
    if (!sdk) throw new Error(t('callErrorNotRegistered', this.registration.state));
    const deviceId = this.opts.microphone?.();
    try {
      return await sdk.createMicrophoneStream(deviceId ? { deviceId } : {});
    } catch (error) {
      throw new Error(t('callErrorMicrophoneDenied'), { cause: error });
    }
  }

  private follow(live: LiveCall): void {
    const { call, info } = live;
    this.calls.set(info.id, live);
    const on = (event: string, listener: (...args: never[]) => void) =>
      call.on(event as never, ((...args: never[]) => {
        if (this.calls.get(info.id) === live) listener(...args);
      }) as never);
    on('progress', () => live.info.state === CallState.Dialing && this.update(live, { state: CallState.Ringing }));
    on('alerting', () => live.info.state === CallState.Dialing && this.update(live, { state: CallState.Ringing }));
    const connected = () => {
      if (live.info.state === CallState.Established) return;
      this.update(live, { state: CallState.Established, answeredAt: this.now() });
      if (live.tones) for (const digit of live.tones) call.sendDigit(digit);
    };
    on('connect', connected);
    on('established', connected);
    on('held', () => this.update(live, { held: true }));
    on('resumed', () => this.update(live, { held: false }));
    on('caller_id', ((display: { callerId?: { name?: string; num?: string } }) => {
      const name = display?.callerId?.name;
      const num = display?.callerId?.num;
      if (!name && !num) return;
      const number = num ?? live.info.remote.number;
      this.update(live, { remote: { ...live.info.remote, number, ...(name && name !== number ? { displayName: name } : {}) } });
    }) as never);
    on('remote_media', ((track: MediaStreamTrack) => this.opts.audio.play(info.id, track)) as never);
    on('call_error', ((error: { message?: string; getError?: () => { message?: string } }) => {
      live.error = error?.getError?.()?.message ?? error?.message ?? String(error);
    }) as never);
    on('disconnect', () => this.ended(live));
    this.emit();
  }

  private update(live: LiveCall, change: Partial<CallInfo>): void {
    live.info = { ...live.info, ...change };
    this.emit();
  }

  private ended(live: LiveCall): void {
    if (this.calls.get(live.info.id) !== live) return;
    this.calls.delete(live.info.id);
    this.opts.audio.release(live.info.id);
    live.mic?.stop?.();
    const last = live.info;
    const talked = last.answeredAt !== undefined;
    let reason: CallEndReason;
    let phrase = live.error;
    if (live.asked === 'transfer') reason = 'transferred';
    else if (live.asked === 'decline') reason = 'declined';
    else if (live.asked === 'hangup') reason = talked ? 'hangup-local' : 'cancelled';
    else if (live.error) reason = 'failed';
    else if (last.direction === 'inbound') reason = talked ? 'hangup-remote' : 'caller-cancelled';
    else if (talked) reason = 'hangup-remote';
    else {
      reason = 'rejected';
      phrase = safeDisconnectCause(live.call);
    }
    this.lastEnded = { ...last, state: CallState.Ended, endedAt: this.now(), end: { reason, ...(phrase ? { phrase } : {}) } };
    this.emit();
  }

  private setRegistration(next: Registration): void {
    if (JSON.stringify(next) === JSON.stringify(this.registration)) return;
    this.registration = next;
    this.emit();
  }

  private emit(): void {
    this.opts.onChange(this.state());
  }
}

/** Webex's words for why a call it ended was refused ("User Busy."), when it gives any. */
function safeDisconnectCause(call: CallingCall): string | undefined {
  try {
    const cause = call.getDisconnectReason()?.cause;
    return cause && cause !== 'Normal Disconnect.' ? cause : undefined;
  } catch {
    return undefined;
  }
}
