import { TimeoutError, within } from '../../../shared/async/within';
import type { IExtendedMediaSession } from 'genesys-cloud-webrtc-sdk';
import { readMediaStats } from '../../../shared/call/media-stats';
import { t } from '../../../shared/i18n/t';
import type { GenesysPhoneState } from '../../../shared/messaging/protocol';
import type { CallCommand, CommandResult } from '../../../shared/phone/call-command';
import type { Registration } from '../../../shared/phone/registration';
import type { MakeWebrtcSdk, WebrtcSdk } from './webrtc-sdk';

/** How long the SDK may take to start (REST, then its streaming socket) before Offhook says so. */
export const START_TIMEOUT_MS = 20_000;
/** A click on Answer may come before Genesys's propose reaches this browser (the conversation
 * event travels on another socket): it waits this long for it. */
export const ANSWER_WAIT_MS = 4_000;
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;
/** The station type of Genesys's WebRTC phone (the SDK's IStation.type). */
const WEBRTC_STATION = 'inin_webrtc_softphone';

export type { GenesysPhoneState };

/** Where a conversation's far end plays, the ringtone, and the microphone to send. */
export interface GenesysPhoneAudio {
  element(conversationId: string): HTMLAudioElement;
  /** The SDK sets the element's device to its own default on accept: back to the chosen one. */
  reroute(conversationId: string): void;
  release(conversationId: string): void;
  follow(state: { tone: 'ringtone' | null }): void;
}

export interface GenesysWebrtcPhoneOptions {
  loadSdk(): Promise<MakeWebrtcSdk>;
  audio: GenesysPhoneAudio;
  /** The chosen microphone, opened for a call. */
  microphone(): Promise<MediaStream>;
  onChange(state: GenesysPhoneState): void;
  now?: () => number;
}

interface Media {
  session: IExtendedMediaSession;
  mic?: MediaStream;
}

/**
 * Offhook as the user's Genesys phone: Genesys's WebRTC SDK runs in the offscreen document and
 * is the user's WebRTC station. A call for the station is proposed to it (pendingSession): it
 * rings here until Offhook accepts or rejects it, another client takes it
 * (handledPendingSession) or the caller gives up (cancelPendingSession). An accepted session
 * (and the session of a call the user dialled, which Genesys proposes with autoAnswer) is
 * accepted with the chosen microphone, and plays on the chosen speaker. The SDK keeps its
 * session through a drop of its socket (it reconnects by itself).
 *
 * Who is on the call and in what state is not this phone's to say: the Genesys line reads that
 * from the conversations topic and places, holds, transfers and hangs up through the API.
 */
export class GenesysWebrtcPhone {
  private readonly now: () => number;
  private registration: Registration = { state: 'unconfigured' };
  private readonly pending = new Map<string, { autoAnswer: boolean }>();
  private readonly media = new Map<string, Media>();
  private readonly waiters = new Set<() => void>();
  private sdk?: WebrtcSdk;
  private make?: MakeWebrtcSdk;
  private session = 0;
  private config?: { token: string; region: string; aor: string };
  private retryMs = RETRY_FIRST_MS;
  private retryTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly opts: GenesysWebrtcPhoneOptions) {
    this.now = opts.now ?? Date.now;
  }

  get configured(): boolean {
    return this.registration.state !== 'unconfigured';
  }

  state(): GenesysPhoneState {
    const ringing = [...this.pending].filter(([, p]) => !p.autoAnswer).map(([id]) => id);
    return { registration: this.registration, ringing, media: [...this.media.keys()], tone: ringing.length ? 'ringtone' : null };
  }

  /** Becomes the user's WebRTC station (under way when this returns), or stops (null). */
  async start(config: { token: string; region: string; aor: string } | null): Promise<void> {
    await this.stop();
    this.config = config ?? undefined;
    if (!config) return this.setRegistration({ state: 'unconfigured' });
    this.retryMs = RETRY_FIRST_MS;
    void this.connect();
  }

  /** A renewed access token (the line renews it before it lapses). */
  setToken(token: string): void {
    if (this.config) this.config = { ...this.config, token };
    this.sdk?.setAccessToken(token);
  }

  /** "Retry now". */
  retry(): void {
    if (this.registration.state !== 'failed' || !this.config) return;
    clearTimeout(this.retryTimer);
    void this.connect();
  }

  private async connect(): Promise<void> {
    const config = this.config;
    if (!config) return;
    const session = ++this.session;
    await this.drop();
    this.setRegistration({ state: 'connecting', aor: config.aor });
    try {
      this.make ??= await this.opts.loadSdk();
      if (session !== this.session) return;
      const sdk = this.make({
        accessToken: config.token,
        environment: config.region,
        allowedSessionTypes: ['softphone' as never],
        optOutOfTelemetry: true,
        logLevel: 'warn',
        // Offhook accepts each session itself, with the microphone and speaker chosen.
        autoConnectSessions: false,
        useHeadsets: false,
      });
      this.sdk = sdk;
      this.listenTo(sdk, session);
      await within(sdk.initialize(), START_TIMEOUT_MS);
      if (session !== this.session) return;
      this.retryMs = RETRY_FIRST_MS;
      this.stationChanged();
    } catch (error) {
      if (session !== this.session) return;
      await this.drop();
      this.failed(error instanceof TimeoutError ? t('genesysPhoneUnreachable') : t('genesysPhoneFailed', messageOf(error)));
    }
  }

  /** Registered while the user's station is a WebRTC phone; a desk phone cannot ring here. */
  private stationChanged(): void {
    const config = this.config;
    if (!config || !this.sdk) return;
    if (this.sdk.station?.type === WEBRTC_STATION) this.setRegistration({ state: 'registered', aor: config.aor });
    else this.setRegistration({ state: 'failed', aor: config.aor, kind: 'config', message: t('genesysPhoneNoStation') });
  }

  private listenTo(sdk: WebrtcSdk, session: number): void {
    const mine = () => session === this.session && this.sdk === sdk;
    sdk.on('pendingSession', (p) => {
      if (!mine() || (p.sessionType && p.sessionType !== 'softphone')) return;
      this.pending.set(p.conversationId, { autoAnswer: Boolean(p.autoAnswer) });
      this.changed();
    });
    const gone = (e: { conversationId?: string }) => {
      if (!mine() || !e.conversationId || !this.pending.delete(e.conversationId)) return;
      this.changed();
    };
    sdk.on('handledPendingSession', gone);
    sdk.on('cancelPendingSession', gone);
    sdk.on('sessionStarted', (s) => {
      if (!mine() || s.sessionType !== 'softphone') return;
      this.pending.delete(s.conversationId);
      void this.accept(sdk, s);
    });
    sdk.on('sessionEnded', (s) => {
      if (!mine()) return;
      this.pending.delete(s.conversationId);
      this.release(s.conversationId);
      this.changed();
    });
    sdk.on('station', () => mine() && this.stationChanged());
    // The SDK reconnects its socket by itself, and its sessions live on meanwhile.
    sdk.on('disconnected', () => mine() && this.config && this.setRegistration({ state: 'connecting', aor: this.config.aor }));
    sdk.on('connected', () => mine() && this.registration.state === 'connecting' && this.stationChanged());
    sdk.on('sdkError', (error) => mine() && console.error('[offhook] genesys phone:', error?.type ?? '', error?.message ?? ''));
  }

  /** A session for a conversation of this station: with the chosen microphone and speaker. */
  private async accept(sdk: WebrtcSdk, session: IExtendedMediaSession): Promise<void> {
    const id = session.conversationId;
    const media: Media = { session };
    this.media.set(id, media);
    this.changed();
    try {
      media.mic = await this.opts.microphone();
      if (this.media.get(id) !== media) return void stopTracks(media.mic);
      await sdk.acceptSession({ conversationId: id, mediaStream: media.mic, audioElement: this.opts.audio.element(id) });
      this.opts.audio.reroute(id);
    } catch (error) {
      console.error('[offhook] genesys phone: cannot take the call’s sound', messageOf(error));
    }
  }

  private release(conversationId: string): void {
    const media = this.media.get(conversationId);
    if (!media) return;
    this.media.delete(conversationId);
    stopTracks(media.mic);
    this.opts.audio.release(conversationId);
  }

  /** What the phone itself does to conversation `command.callId` (mute, hold and the rest go
   * through the API, as the SDK's own mute does). */
  async command(command: CallCommand): Promise<CommandResult> {
    const sdk = this.sdk;
    if (!sdk || this.registration.state === 'unconfigured') return { ok: false, error: t('callErrorNotRegistered', this.registration.state) };
    if (command.action === 'merge') return { ok: false, error: t('genesysUnsupported') };
    const id = command.callId;
    try {
      switch (command.action) {
        case 'answer':
          if (!(await this.ringing(id))) return { ok: false, error: t('genesysPhoneNotRinging') };
          await sdk.acceptPendingSession({ conversationId: id });
          return { ok: true };
        case 'decline':
          if (!this.pending.has(id)) return { ok: false, error: t('genesysPhoneNotRinging') };
          await sdk.rejectPendingSession({ conversationId: id });
          this.pending.delete(id);
          this.changed();
          return { ok: true };
        case 'stats': {
          const pc = this.media.get(id)?.session.peerConnection;
          return { ok: true, media: pc ? readMediaStats(await pc.getStats()) : null };
        }
        default:
          return { ok: false, error: t('genesysUnsupported') };
      }
    } catch (error) {
      return { ok: false, error: t('genesysRefused', messageOf(error)) };
    }
  }

  /** Whether conversation `id` rings here, waiting a moment for its propose. */
  private ringing(id: string): Promise<boolean> {
    if (this.pending.has(id)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (!this.pending.has(id)) return;
        done(true);
      };
      const timer = setTimeout(() => done(false), ANSWER_WAIT_MS);
      const done = (found: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found);
      };
      this.waiters.add(check);
    });
  }

  private failed(message: string): void {
    const aor = this.config?.aor ?? '';
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.setRegistration({ state: 'failed', aor, kind: 'temporary', message, retryAt: this.now() + wait });
    clearTimeout(this.retryTimer);
    const session = this.session;
    this.retryTimer = setTimeout(() => session === this.session && void this.connect(), wait);
  }

  /** Ends the SDK (its sessions with it) and this browser's part as the station. */
  async stop(): Promise<void> {
    this.session++;
    clearTimeout(this.retryTimer);
    await this.drop();
  }

  private async drop(): Promise<void> {
    const sdk = this.sdk;
    this.sdk = undefined;
    for (const id of [...this.media.keys()]) this.release(id);
    const hadPending = this.pending.size > 0;
    this.pending.clear();
    if (hadPending) this.changed();
    await sdk?.destroy().catch(() => undefined);
  }

  private setRegistration(next: Registration): void {
    if (JSON.stringify(next) === JSON.stringify(this.registration)) return;
    this.registration = next;
    this.changed();
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter();
    const state = this.state();
    this.opts.audio.follow(state);
    this.opts.onChange(state);
  }
}

function stopTracks(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

function messageOf(error: unknown): string {
  return (error as { message?: string } | undefined)?.message || String(error);
}
