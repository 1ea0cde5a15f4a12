import { browser } from 'wxt/browser';
import { notify, serveRequests } from '../../../shared/messaging/endpoint';
import { readCallCommand } from '../../../shared/phone/call-command';
import { PhoneAudio } from '../../../shared/audio/phone-audio';
import { DomAudioSink } from '../../../shared/audio/audio-sink';
import { TonePlayer } from '../../../shared/audio/tone-player';
import { validateAudioSettings } from '../../../shared/settings/audio-settings';
import { t } from '../../../shared/i18n/t';
import { GenesysWebrtcPhone } from './genesys-webrtc-phone';
import { loadWebrtcSdk, WEBRTC_SDK_FILE } from './webrtc-sdk';

/**
 * Offhook as the Genesys phone, in the offscreen document beside the SIP softphone: answers the
 * Genesys line on the `genesys-phone` channel and reports on `genesys-phone-events`. Genesys's
 * SDK is imported only when a Genesys account starts it.
 */
export function serveGenesysPhone(doc: Document): GenesysWebrtcPhone {
  const audio = new PhoneAudio(new DomAudioSink(doc), new TonePlayer(), async () =>
    (await navigator.mediaDevices.enumerateDevices()).map((d) => ({ deviceId: d.deviceId, label: d.label, kind: d.kind })),
  );
  const view = (withMedia = false) => ({ ...phone.state(), audio: audio.view(withMedia), configured: phone.configured });
  const emit = () => void notify('genesys-phone-events', 'genesys-phone:changed', view());
  const phone: GenesysWebrtcPhone = new GenesysWebrtcPhone({
    loadSdk: () => loadWebrtcSdk(new URL(WEBRTC_SDK_FILE, browser.runtime.getURL('/')).href),
    audio,
    microphone: () => openMicrophone(audio.microphone),
    onChange: emit,
  });
  navigator.mediaDevices?.addEventListener('devicechange', () => void audio.refresh().then(emit));

  serveRequests('genesys-phone', {
    'genesys-phone:start': {
      shape: { config: 'null|object' },
      run: async ({ config }) => {
        if (config !== null && (typeof config.token !== 'string' || !config.token || typeof config.region !== 'string' || !config.region || typeof config.aor !== 'string'))
          throw new Error('A Genesys phone starts with a token, a region and an address.');
        await phone.start(config && { token: config.token, region: config.region, aor: config.aor });
        return view();
      },
    },
    'genesys-phone:audio': {
      shape: { settings: 'object' },
      run: async ({ settings }) => {
        const warnings = await audio.set(validateAudioSettings(settings));
        emit();
        return { ok: true as const, warnings };
      },
    },
    'genesys-phone:test-audio': {
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
    'genesys-phone:token': {
      shape: { token: 'string' },
      run: ({ token }) => (phone.setToken(token), { ok: true as const }),
    },
    'genesys-phone:state': {
      shape: { withMedia: 'boolean?' },
      run: ({ withMedia }) => view(withMedia),
    },
    'genesys-phone:command': {
      shape: { command: 'object' },
      run: ({ command }) => phone.command(readCallCommand(command)),
    },
    'genesys-phone:retry': {
      shape: {},
      run: () => (phone.retry(), { ok: true as const }),
    },
  });
  return phone;
}

/** The chosen microphone ('' : the default); a chosen one that went away gives the default. */
async function openMicrophone(deviceId: string): Promise<MediaStream> {
  if (deviceId) {
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId } } });
    } catch (error) {
      if ((error as DOMException).name !== 'OverconstrainedError' && (error as DOMException).name !== 'NotFoundError') throw error;
    }
  }
  return navigator.mediaDevices.getUserMedia({ audio: true });
}
