import { t, type MessageKey } from '../i18n/t';

/** A chosen device, remembered by id and by label: ids can change (another browser
 * profile, a cleared site data, a re-plugged headset) while the label stays. */
export interface DeviceChoice {
  id: string;
  label: string;
}

/** Where sound goes and comes from. `null` is "System default", which follows the system. */
export interface AudioSettings {
  microphone: DeviceChoice | null;
  speaker: DeviceChoice | null;
  ringer: DeviceChoice | null;
  /** Ringtone volume, 0–1. */
  ringVolume: number;
}

export type AudioRole = 'microphone' | 'speaker' | 'ringer';

export const defaultAudioSettings: AudioSettings = { microphone: null, speaker: null, ringer: null, ringVolume: 0.8 };


function readChoice(value: unknown, name: string): DeviceChoice | null {
  if (value === null || value === undefined) return null;
  const v = value as Record<string, unknown>;
  if (typeof v !== 'object' || typeof v.id !== 'string' || typeof v.label !== 'string' || v.id.length > 512 || v.label.length > 512)
    throw new Error(`${name} is not a device`);
  return { id: v.id, label: v.label };
}

/** Checks a stored or received value; throws with the first thing wrong. */
export function validateAudioSettings(value: unknown): AudioSettings {
  if (typeof value !== 'object' || value === null) throw new Error('audio settings are not an object');
  const v = value as Record<string, unknown>;
  if (typeof v.ringVolume !== 'number' || !(v.ringVolume >= 0 && v.ringVolume <= 1)) throw new Error('ringVolume is not between 0 and 1');
  return {
    microphone: readChoice(v.microphone, 'microphone'),
    speaker: readChoice(v.speaker, 'speaker'),
    ringer: readChoice(v.ringer, 'ringer'),
    ringVolume: v.ringVolume,
  };
}

/** Unreadable settings are reported and read as the defaults. */
export function readAudioSettings(value: unknown): AudioSettings {
  try {
    return validateAudioSettings(value ?? defaultAudioSettings);
  } catch (error) {
    console.error('[offhook] audio settings unreadable, using the defaults:', (error as Error).message);
    return { ...defaultAudioSettings };
  }
}

export interface DeviceInfo {
  deviceId: string;
  label: string;
  kind: string;
}

export const KIND_OF: Record<AudioRole, MediaDeviceKind> = { microphone: 'audioinput', speaker: 'audiooutput', ringer: 'audiooutput' };

/** The device to use for a choice: by id, else by label, else the system default ('') with `missing`. */
export function pickDevice(
  choice: DeviceChoice | null,
  devices: readonly DeviceInfo[],
  role: AudioRole,
): { deviceId: string; label: string; missing: boolean } {
  if (!choice) return { deviceId: '', label: '', missing: false };
  const mine = devices.filter((d) => d.kind === KIND_OF[role] && d.deviceId !== 'default' && d.deviceId !== 'communications');
  const found = mine.find((d) => d.deviceId === choice.id) ?? (choice.label ? mine.find((d) => d.label === choice.label) : undefined);
  return found ? { deviceId: found.deviceId, label: found.label, missing: false } : { deviceId: '', label: choice.label, missing: true };
}

const MISSING: Record<AudioRole, MessageKey> = {
  microphone: 'audioMissingMicrophone',
  speaker: 'audioMissingSpeaker',
  ringer: 'audioMissingRinger',
};

/** The sentence shown when a chosen device is not connected. */
export function missingDeviceText(role: AudioRole, label: string): string {
  return t(MISSING[role], label || '?');
}
