import {
  defaultAudioSettings,
  missingDeviceText,
  pickDevice,
  type AudioRole,
  type AudioSettings,
  type DeviceInfo,
} from '../settings/audio-settings';
import { within } from '../async/within';

/** How long the device list may take. Firefox's background page has no focus, and Firefox
 * holds enumerateDevices() back from a page without focus: there it never comes. */
export const LIST_DEVICES_WAIT_MS = 1_000;

export interface ResolvedAudio {
  /** '' = the system default (which follows the system when it changes). */
  microphone: string;
  speaker: string;
  ringer: string;
  ringVolume: number;
  /** One sentence per chosen device that is not connected. */
  warnings: string[];
}

/**
 * Which devices the softphone uses: the user's choices resolved against the devices that
 * exist now (by id, else by label, else the system default), again on every devicechange.
 */
export class AudioRouting {
  private settings: AudioSettings = { ...defaultAudioSettings };
  private resolved: ResolvedAudio = { microphone: '', speaker: '', ringer: '', ringVolume: defaultAudioSettings.ringVolume, warnings: [] };

  constructor(
    private readonly listDevices: () => Promise<DeviceInfo[]>,
    private readonly apply: (resolved: ResolvedAudio) => void,
  ) {}

  get current(): ResolvedAudio {
    return this.resolved;
  }

  async set(settings: AudioSettings): Promise<ResolvedAudio> {
    this.settings = settings;
    return this.refresh();
  }

  /** Re-reads the devices (after a change of settings or of the devices plugged in); without a
   * list in LIST_DEVICES_WAIT_MS, the choices apply by their ids. */
  async refresh(): Promise<ResolvedAudio> {
    const devices = await within(this.listDevices().catch(() => [] as DeviceInfo[]), LIST_DEVICES_WAIT_MS).catch(() => null);
    const warnings: string[] = [];
    const pick = (role: AudioRole) => {
      // No list to check the choice against: the chosen device as it is (its id is this
      // extension's, the same in every page of it); one that is gone falls back where it is used.
      if (devices === null) return this.settings[role]?.id ?? '';
      const device = pickDevice(this.settings[role], devices, role);
      if (device.missing) warnings.push(missingDeviceText(role, device.label));
      return device.deviceId;
    };
    this.resolved = {
      microphone: pick('microphone'),
      speaker: pick('speaker'),
      ringer: pick('ringer'),
      ringVolume: this.settings.ringVolume,
      warnings,
    };
    this.apply(this.resolved);
    return this.resolved;
  }

  /** What getUserMedia should ask for: the chosen microphone, or whatever the system uses. */
  microphoneConstraints(): MediaStreamConstraints {
    const id = this.resolved.microphone;
    return { audio: id ? { deviceId: { exact: id } } : true, video: false };
  }
}
