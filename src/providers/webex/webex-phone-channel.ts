import { listenNotices, request } from '../../shared/messaging/endpoint';
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
  /** The microphone the user chose in the options (the phone's document has no storage). */
  const microphone = async () => readAudioSettings(await audioSettings.getValue().catch(() => null)).microphone?.id ?? '';
  return {
    start: async (config) => host.send(async () => request('webex-phone', 'webex-phone:start', { config, microphone: await microphone() })),
    token: async (token) => void (await host.send(() => request('webex-phone', 'webex-phone:token', { token }))),
    state: () => host.send(() => request('webex-phone', 'webex-phone:state', {})),
    dial: (target, tones) => host.send(() => request('webex-phone', 'webex-phone:dial', { target, ...(tones ? { tones } : {}) })),
    command: (command) => host.send(() => request('webex-phone', 'webex-phone:command', { command })),
    retry: () => host.send(() => request('webex-phone', 'webex-phone:retry', {})),
    onChange: (listener) => void listeners.push(listener),
  };
}
