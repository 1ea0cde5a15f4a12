import {
  defaultAudioSettings,
  missingDeviceText,
  pickDevice,
  type AudioRole,
  type AudioSettings,
  type DeviceInfo,
} from '../settings/audio-settings';

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

  /** Re-reads the devices (after a change of settings or of the devices plugged in). */
  async refresh(): Promise<ResolvedAudio> {
    const devices = await this.listDevices().catch(() => [] as DeviceInfo[]);
    const warnings: string[] = [];
    const pick = (role: AudioRole) => {
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
