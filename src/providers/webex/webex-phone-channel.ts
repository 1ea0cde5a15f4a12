import { listenNotices, request } from '../../shared/messaging/endpoint';
import { logError } from '../../shared/log';
import type { WebexPhoneState } from '../../shared/messaging/protocol';
import { readAudioSettings } from '../../shared/settings/audio-settings';
import { audioSettings } from '../../shared/settings/audio-settings-item';
import type { OffscreenPlatform } from '../../platform/offscreen';
import { SoftphoneHost } from '../sip/softphone-host';
import type { WebexPhoneChannel } from './webex-line';

/**
 * The service worker's side of Offhook as the Webex phone: the phone runs in the offscreen
 * document (in Firefox, the background page), created when needed; requests go to it on the
 * `webex-phone` channel and its changes come back on `webex-phone-events`. The document's SIP
 * softphone stays unconfigured meanwhile (its account is a SIP or Wazo one, none here).
 */
export function webexPhoneChannel(platform: OffscreenPlatform): WebexPhoneChannel {
  const host = new SoftphoneHost(platform, async () => null);
  const listeners: ((state: WebexPhoneState) => void)[] = [];
  listenNotices('webex-phone-events', {
    'webex-phone:changed': (state) => {
      for (const listener of listeners) listener(state);
    },
  });
  /** The phone's document has no storage: it learns the sound devices from here, before
   * each start (a new document starts unconfigured) and whenever they change. */
  const sendAudio = async () => {
    const settings = readAudioSettings(await audioSettings.getValue().catch(() => null));
    await request('webex-phone', 'webex-phone:audio', { settings }).catch((error: unknown) => logError('webex phone: audio settings', error));
  };
  /** Whether a phone runs: only then is a change of devices worth a document. */
  let running = false;
  audioSettings.watch(() => void (running && host.send(sendAudio).catch(() => undefined)));
  return {
    start: (config) =>
      host.send(async () => {
        running = config !== null;
        // Not awaited: the phone starts without its devices known. In Firefox's background page
        // applying them did not complete (most likely enumerateDevices(), which Firefox holds
        // back from a page without focus), and the phone never started while it waited.
        if (running) void sendAudio();
        return request('webex-phone', 'webex-phone:start', { config });
      }),
    token: async (token) => void (await host.send(() => request('webex-phone', 'webex-phone:token', { token }))),
    state: () => host.send(() => request('webex-phone', 'webex-phone:state', {})),
    dial: (target, tones) => host.send(() => request('webex-phone', 'webex-phone:dial', { target, ...(tones ? { tones } : {}) })),
    command: (command) => host.send(() => request('webex-phone', 'webex-phone:command', { command })),
    retry: () => host.send(() => request('webex-phone', 'webex-phone:retry', {})),
    testAudio: (output) => host.send(() => request('webex-phone', 'webex-phone:test-audio', { output })),
    onChange: (listener) => void listeners.push(listener),
  };
}
