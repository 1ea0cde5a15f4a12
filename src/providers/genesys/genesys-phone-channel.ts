import { listenNotices, request } from '../../shared/messaging/endpoint';
import { logError } from '../../shared/log';
import type { GenesysPhoneState } from '../../shared/messaging/protocol';
import { readAudioSettings } from '../../shared/settings/audio-settings';
import { audioSettings } from '../../shared/settings/audio-settings-item';
import type { OffscreenPlatform } from '../../platform/offscreen';
import { SoftphoneHost } from '../sip/softphone-host';
import type { GenesysPhoneChannel } from './genesys-line';

/**
 * The service worker's side of Offhook as the Genesys phone: the phone runs in the offscreen
 * document (in Firefox, the background page), created when needed; requests go to it on the
 * `genesys-phone` channel and its changes come back on `genesys-phone-events`.
 */
export function genesysPhoneChannel(platform: OffscreenPlatform): GenesysPhoneChannel {
  const host = new SoftphoneHost(platform, async () => null);
  const listeners: ((state: GenesysPhoneState) => void)[] = [];
  listenNotices('genesys-phone-events', {
    'genesys-phone:changed': (state) => {
      for (const listener of listeners) listener(state);
    },
  });
  /** The phone's document has no storage: it learns the sound devices from here, before each
   * start and whenever they change. */
  const sendAudio = async () => {
    const settings = readAudioSettings(await audioSettings.getValue().catch(() => null));
    await request('genesys-phone', 'genesys-phone:audio', { settings }).catch((error: unknown) => logError('genesys phone: audio settings', error));
  };
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
        return request('genesys-phone', 'genesys-phone:start', { config });
      }),
    token: async (token) => void (await host.send(() => request('genesys-phone', 'genesys-phone:token', { token }))),
    state: () => host.send(() => request('genesys-phone', 'genesys-phone:state', {})),
    command: (command) => host.send(() => request('genesys-phone', 'genesys-phone:command', { command })),
    retry: () => host.send(() => request('genesys-phone', 'genesys-phone:retry', {})),
    testAudio: (output) => host.send(() => request('genesys-phone', 'genesys-phone:test-audio', { output })),
    onChange: (listener) => void listeners.push(listener),
  };
}
