import { browser } from 'wxt/browser';
import { offscreenPhoneAudio, servePlatformPhone } from '../../platform-phone-serve';
import { CALLING_SDK_FILE, loadCallingSdk } from './calling-sdk';
import { WebexCallingPhone } from './webex-calling-phone';

/**
 * Offhook as the Webex phone, in the offscreen document beside the SIP softphone: answers the
 * Webex line on the `webex-phone` channel and reports on `webex-phone-events`. Cisco's SDK is
 * imported only when a Webex account starts it.
 */
export function serveWebexPhone(doc: Document): WebexCallingPhone {
  const audio = offscreenPhoneAudio(doc);
  return servePlatformPhone('webex-phone', {
    audio,
    phone: (changed) =>
      new WebexCallingPhone({
        loadSdk: () => loadCallingSdk(new URL(CALLING_SDK_FILE, browser.runtime.getURL('/')).href),
        audio,
        // This phone leaves its ringtone to its owner (Genesys's sounds its own): ring while a call rings.
        onChange: (state) => {
          audio.follow(state);
          changed();
        },
        microphone: () => audio.microphone || undefined,
      }),
    requests: (phone, view) => ({
      'webex-phone:start': {
        shape: { config: 'null|object' },
        run: async ({ config }) => {
          if (config !== null && (typeof config.token !== 'string' || !config.token || typeof config.aor !== 'string'))
            throw new Error('A Webex phone starts with a token and an address.');
          await phone.start(config && { token: config.token, aor: config.aor });
          return view();
        },
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
    }),
  });
}
