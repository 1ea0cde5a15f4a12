import { listenNotices, request } from '../../shared/messaging/endpoint';
import type { WebexPhoneState } from '../../shared/messaging/protocol';
import type { OffscreenPlatform } from '../../platform/offscreen';
import { SoftphoneHost } from '../sip/softphone-host';
import { phoneAudioFeed } from '../phone-audio-feed';
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
  const audio = phoneAudioFeed(host, (settings) => request('webex-phone', 'webex-phone:audio', { settings }), 'webex phone');
  return {
    start: (config) =>
      host.send(async () => {
        audio.starting(config !== null);
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
