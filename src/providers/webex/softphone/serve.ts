import { browser } from 'wxt/browser';
import { notify, serveRequests } from '../../../shared/messaging/endpoint';
import { readCallCommand } from '../../../shared/phone/call-command';
import { CALLING_SDK_FILE, loadCallingSdk } from './calling-sdk';
import { WebexCallingPhone } from './webex-calling-phone';

/**
 * Offhook as the Webex phone, in the offscreen document beside the SIP softphone: answers the
 * Webex line on the `webex-phone` channel and reports on `webex-phone-events`. Cisco's SDK is
 * imported only when a Webex account starts it.
 */
export function serveWebexPhone(doc: Document): WebexCallingPhone {
  const players = new Map<string, HTMLAudioElement>();
  let microphone: string | undefined;
  const phone = new WebexCallingPhone({
    loadSdk: () => loadCallingSdk(new URL(CALLING_SDK_FILE, browser.runtime.getURL('/')).href),
    audio: {
      play(callId, track) {
        let element = players.get(callId);
        if (!element) {
          element = doc.createElement('audio');
          element.autoplay = true;
          doc.body.append(element);
          players.set(callId, element);
        }
        element.srcObject = new MediaStream([track]);
        void element.play().catch(() => undefined);
      },
      release(callId) {
        const element = players.get(callId);
        players.delete(callId);
        if (!element) return;
        element.srcObject = null;
        element.remove();
      },
    },
    onChange: (state) => void notify('webex-phone-events', 'webex-phone:changed', state),
    microphone: () => microphone,
  });

  serveRequests('webex-phone', {
    'webex-phone:start': {
      shape: { config: 'null|object', microphone: 'string?' },
      run: async ({ config, microphone: chosen }) => {
        microphone = chosen || undefined;
        if (config !== null && (typeof config.token !== 'string' || !config.token || typeof config.aor !== 'string'))
          throw new Error('A Webex phone starts with a token and an address.');
        await phone.start(config && { token: config.token, aor: config.aor });
        return { ...phone.state(), configured: phone.configured };
      },
    },
    'webex-phone:token': {
      shape: { token: 'string' },
      run: ({ token }) => (phone.setToken(token), { ok: true as const }),
    },
    'webex-phone:state': {
      shape: {},
      run: () => ({ ...phone.state(), configured: phone.configured }),
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
