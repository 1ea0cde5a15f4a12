import { logError } from '../shared/log';
import { readAudioSettings, type AudioSettings } from '../shared/settings/audio-settings';
import { audioSettings } from '../shared/settings/audio-settings-item';
import type { SoftphoneHost } from './sip/softphone-host';

/**
 * A platform's phone run by Offhook (Webex's, Genesys's) lives in a document without storage:
 * it learns the sound devices from the worker at each start and whenever they change while it
 * runs. The start never waits for them: in Firefox's background page applying them did not
 * complete (most likely enumerateDevices(), which Firefox holds back from a page without
 * focus), and a phone that waited never started.
 */
export function phoneAudioFeed(host: SoftphoneHost, send: (settings: AudioSettings) => Promise<unknown>, what: string): { starting(running: boolean): void } {
  let running = false;
  const push = async () => {
    const settings = readAudioSettings(await audioSettings.getValue().catch(() => null));
    await send(settings).catch((error: unknown) => logError(`${what}: audio settings`, error));
  };
  audioSettings.watch(() => void (running && host.send(push).catch(() => undefined)));
  return {
    starting(on) {
      running = on;
      if (on) void push();
    },
  };
}
