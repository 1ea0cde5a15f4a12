import { notify, serveRequests, type RequestHandlers } from '../shared/messaging/endpoint';
import type { NoticeMap } from '../shared/messaging/protocol';
import { readCallCommand, type CallCommand, type CommandResult } from '../shared/phone/call-command';
import { PhoneAudio } from '../shared/audio/phone-audio';
import { DomAudioSink } from '../shared/audio/audio-sink';
import { TonePlayer } from '../shared/audio/tone-player';
import { validateAudioSettings } from '../shared/settings/audio-settings';
import { t } from '../shared/i18n/t';

/** The channels of the platforms' phones that Offhook runs in its offscreen document; each
 * reports on the channel of the same name with `-events`. */
export type PlatformPhoneChannel = 'genesys-phone' | 'webex-phone';

/** The requests that mean the same on every such channel; the rest are the provider's own. */
type SharedRequest = 'audio' | 'test-audio' | 'token' | 'state' | 'command' | 'retry';

/** What those requests need of a platform's phone (Genesys's WebRTC station, Webex's device). */
export interface PlatformPhone {
  readonly configured: boolean;
  state(): { tone: 'ringtone' | null };
  setToken(token: string): void;
  command(command: CallCommand): Promise<CommandResult>;
  retry(): void;
}

/** The phone's state as the worker reads it: with its sound and whether it is configured. */
export type PlatformPhoneView<P extends PlatformPhone> = ReturnType<P['state']> & { audio: ReturnType<PhoneAudio['view']>; configured: boolean };

export interface PlatformPhoneServe<C extends PlatformPhoneChannel, P extends PlatformPhone> {
  audio: Pick<PhoneAudio, 'set' | 'test' | 'follow' | 'view' | 'refresh'>;
  /** Makes the phone; it calls `changed` whenever its state does. */
  phone(changed: () => void): P;
  /** The requests only this provider's phone answers (its start, Webex's dial). */
  requests(phone: P, view: () => PlatformPhoneView<P>): Omit<RequestHandlers<C>, `${C}:${SharedRequest}`>;
  signal?: AbortSignal;
}

/** The sound of a platform's phone in this document: its elements, its tones, its devices. */
export function offscreenPhoneAudio(doc: Document): PhoneAudio {
  return new PhoneAudio(new DomAudioSink(doc), new TonePlayer(), async () =>
    (await navigator.mediaDevices.enumerateDevices()).map((d) => ({ deviceId: d.deviceId, label: d.label, kind: d.kind })),
  );
}

/**
 * Answers a platform's phone channel and reports its changes. The sound devices, the options
 * page's test sounds, the renewed token, the state, the phone's own commands and Retry are
 * served alike for every platform; the sender is checked by serveRequests (sender-policy.ts:
 * only the worker may ask).
 */
export function servePlatformPhone<C extends PlatformPhoneChannel, P extends PlatformPhone>(channel: C, serve: PlatformPhoneServe<C, P>): P {
  const { audio } = serve;
  const view = (withMedia = false): PlatformPhoneView<P> => ({ ...(phone.state() as ReturnType<P['state']>), audio: audio.view(withMedia), configured: phone.configured });
  // TypeScript cannot index the channel maps by a name it knows only as one of a union; each
  // provider's own requests are still checked against protocol.ts where it names its channel.
  const emit = () => void notify(`${channel}-events`, `${channel}:changed` as keyof NoticeMap<`${C}-events`> & string, view() as never);
  const phone = serve.phone(emit);
  // A headset plugged in or pulled out: choose again (by id, by label, or the default).
  navigator.mediaDevices?.addEventListener('devicechange', () => void audio.refresh().then(emit), { signal: serve.signal });

  const shared = {
    [`${channel}:audio`]: {
      shape: { settings: 'object' },
      run: async ({ settings }: { settings: unknown }) => {
        const warnings = await audio.set(validateAudioSettings(settings));
        emit();
        return { ok: true as const, warnings };
      },
    },
    [`${channel}:test-audio`]: {
      shape: { output: 'string' },
      run: ({ output }: { output: string }) => {
        if (output !== 'speaker' && output !== 'ringer') throw new Error(t('audioErrorTestOutput'));
        // When the test sound ends, ring again if a call began to ring meanwhile.
        audio.test(output, () => {
          audio.follow(phone.state());
          emit();
        });
        emit();
        return { ok: true as const };
      },
    },
    [`${channel}:token`]: {
      shape: { token: 'string' },
      run: ({ token }: { token: string }) => (phone.setToken(token), { ok: true as const }),
    },
    [`${channel}:state`]: {
      shape: { withMedia: 'boolean?' },
      run: ({ withMedia }: { withMedia?: boolean }) => view(withMedia),
    },
    [`${channel}:command`]: {
      shape: { command: 'object' },
      run: ({ command }: { command: unknown }) => phone.command(readCallCommand(command)),
    },
    [`${channel}:retry`]: {
      shape: {},
      run: () => (phone.retry(), { ok: true as const }),
    },
  };
  serveRequests(channel, { ...shared, ...serve.requests(phone, view) } as unknown as RequestHandlers<C>, serve.signal);
  return phone;
}
