import { browser } from 'wxt/browser';
import { notify, serveRequests } from '../../../shared/messaging/endpoint';
import { readCallCommand } from '../../../shared/phone/call-command';
import { CALLING_SDK_FILE, loadCallingSdk } from './calling-sdk';
import { WebexCallingPhone } from './webex-calling-phone';
import { PhoneAudio } from '../../../shared/audio/phone-audio';
import { DomAudioSink } from '../../../shared/audio/audio-sink';
import { TonePlayer } from '../../../shared/audio/tone-player';
import { validateAudioSettings } from '../../../shared/settings/audio-settings';
import { t } from '../../../shared/i18n/t';

/**
 * Offhook as the Webex phone, in the offscreen document beside the SIP softphone: answers the
 * Webex line on the `webex-phone` channel and reports on `webex-phone-events`. Cisco's SDK is
 * imported only when a Webex account starts it.
 */
export function serveWebexPhone(doc: Document): WebexCallingPhone {
  const audio = new PhoneAudio(new DomAudioSink(doc), new TonePlayer(), async () =>
    (await navigator.mediaDevices.enumerateDevices()).map((d) => ({ deviceId: d.deviceId, label: d.label, kind: d.kind })),
  );
  const view = (withMedia = false) => ({ ...phone.state(), audio: audio.view(withMedia), configured: phone.configured });
  const emit = () => void notify('webex-phone-events', 'webex-phone:changed', view());
  const phone: WebexCallingPhone = new WebexCallingPhone({
    loadSdk: () => loadCallingSdk(new URL(CALLING_SDK_FILE, browser.runtime.getURL('/')).href),
    audio,
    onChange: (state) => {
      audio.follow(state);
      emit();
    },
    microphone: () => audio.microphone || undefined,
  });
  // A headset plugged in or pulled out: choose again (by id, by label, or the default).
  navigator.mediaDevices?.addEventListener('devicechange', () => void audio.refresh().then(emit));

  serveRequests('webex-phone', {
    'webex-phone:start': {
      shape: { config: 'null|object' },
      run: async ({ config }) => {
        if (config !== null && (typeof config.token !== 'string' || !config.token || typeof config.aor !== 'string'))
          throw new Error('A Webex phone starts with a token and an address.');
        await phone.start(config && { token: config.token, aor: config.aor });
        return view();
      },
    },
    'webex-phone:audio': {
      shape: { settings: 'object' },
      run: async ({ settings }) => {
        const warnings = await audio.set(validateAudioSettings(settings));
        emit();
        return { ok: true as const, warnings };
      },
    },
    'webex-phone:test-audio': {
      shape: { output: 'string' },
      run: ({ output }) => {
        if (output !== 'speaker' && output !== 'ringer') throw new Error(t('audioErrorTestOutput'));
        audio.test(output, () => {
          audio.follow(phone.state());
          emit();
        });
        emit();
        return { ok: true as const };
      },
    },
    'webex-phone:token': {
      shape: { token: 'string' },
      run: ({ token }) => (phone.setToken(token), { ok: true as const }),
    },
    'webex-phone:state': {
      shape: { withMedia: 'boolean?' },
      run: ({ withMedia }) => view(withMedia),
    },
    'webex-phone:dial': {
      shape: { target: 'string', tones: 'string?' },
      run: async ({ target, tones }) => {
        if (tones !== undefined && !/^[0-9*#]{1,32}$/.test(tones)) throw new Error('Only 0–9, * and # are sent after answer.');
        try {
          return { ok: true as const, callId: await phone.dial(target, tones) };
        } catch (error) {
          return { ok: false as const, error: (error as Error).message };
        }
      },
    },
    'webex-phone:command': {
      shape: { command: 'object' },
      run: ({ command }) => phone.command(readCallCommand(command)),
    },
    'webex-phone:retry': {
      shape: {},
      run: () => (phone.retry(), { ok: true as const }),
    },
  });
  return phone;
}
