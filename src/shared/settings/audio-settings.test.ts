import { describe, expect, it } from 'vitest';
import { pickDevice, readAudioSettings, validateAudioSettings, defaultAudioSettings } from './audio-settings';

const devices = [
  { deviceId: 'default', label: 'Default - Headset', kind: 'audiooutput' },
  { deviceId: 'a1', label: 'Headset', kind: 'audiooutput' },
  { deviceId: 'a2', label: 'Speakers', kind: 'audiooutput' },
  { deviceId: 'm1', label: 'Headset', kind: 'audioinput' },
];

describe('pickDevice', () => {
  it('is the system default for no choice', () => {
    expect(pickDevice(null, devices, 'speaker')).toEqual({ deviceId: '', label: '', missing: false });
  });
  it('finds the device by id, of the right kind', () => {
    expect(pickDevice({ id: 'a2', label: 'Speakers' }, devices, 'ringer').deviceId).toBe('a2');
    expect(pickDevice({ id: 'm1', label: 'x' }, devices, 'speaker').missing).toBe(true);
  });
  it('finds a device whose id changed by its label', () => {
    expect(pickDevice({ id: 'old-id', label: 'Headset' }, devices, 'microphone')).toEqual({ deviceId: 'm1', label: 'Headset', missing: false });
  });
  it('falls back to the default, flagged missing, when the device is gone', () => {
    expect(pickDevice({ id: 'gone', label: 'USB Phone' }, devices, 'speaker')).toEqual({ deviceId: '', label: 'USB Phone', missing: true });
  });
});

describe('audio settings', () => {
  it('accepts a valid value and rejects a bad one', () => {
    expect(validateAudioSettings({ ...defaultAudioSettings, speaker: { id: 'a', label: 'b' } }).speaker).toEqual({ id: 'a', label: 'b' });
    expect(() => validateAudioSettings({ ...defaultAudioSettings, ringVolume: 2 })).toThrow(/ringVolume/);
    expect(() => validateAudioSettings({ ...defaultAudioSettings, microphone: 'x' })).toThrow(/microphone/);
  });
  it('reads garbage as the defaults', () => {
    expect(readAudioSettings('nope')).toEqual(defaultAudioSettings);
    expect(readAudioSettings(undefined)).toEqual(defaultAudioSettings);
  });
});
