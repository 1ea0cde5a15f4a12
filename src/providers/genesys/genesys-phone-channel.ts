import { listenNotices, request } from '../../shared/messaging/endpoint';
import type { GenesysPhoneState } from '../../shared/messaging/protocol';
import type { OffscreenPlatform } from '../../platform/offscreen';
import { SoftphoneHost } from '../sip/softphone-host';
import { phoneAudioFeed } from '../phone-audio-feed';
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
  const audio = phoneAudioFeed(host, (settings) => request('genesys-phone', 'genesys-phone:audio', { settings }), 'genesys phone');
  return {
    start: (config) =>
      host.send(async () => {
        audio.starting(config !== null);
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
