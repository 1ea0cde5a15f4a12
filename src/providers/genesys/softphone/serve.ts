import { browser } from 'wxt/browser';
import { offscreenPhoneAudio, servePlatformPhone } from '../../platform-phone-serve';
import { GenesysWebrtcPhone } from './genesys-webrtc-phone';
import { loadWebrtcSdk, WEBRTC_SDK_FILE } from './webrtc-sdk';

/**
 * Offhook as the Genesys phone, in the offscreen document beside the SIP softphone: answers the
 * Genesys line on the `genesys-phone` channel and reports on `genesys-phone-events`. Genesys's
 * SDK is imported only when a Genesys account starts it.
 */
export function serveGenesysPhone(doc: Document): GenesysWebrtcPhone {
  const audio = offscreenPhoneAudio(doc);
  return servePlatformPhone('genesys-phone', {
    audio,
    phone: (changed) =>
      new GenesysWebrtcPhone({
        loadSdk: () => loadWebrtcSdk(new URL(WEBRTC_SDK_FILE, browser.runtime.getURL('/')).href),
        audio,
        microphone: () => openMicrophone(audio.microphone),
        onChange: changed,
      }),
    requests: (phone, view) => ({
      'genesys-phone:start': {
        shape: { config: 'null|object' },
        run: async ({ config }) => {
          if (config !== null && (typeof config.token !== 'string' || !config.token || typeof config.region !== 'string' || !config.region || typeof config.aor !== 'string'))
            throw new Error('A Genesys phone starts with a token, a region and an address.');
          await phone.start(config && { token: config.token, region: config.region, aor: config.aor });
          return view();
        },
      },
    }),
  });
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
