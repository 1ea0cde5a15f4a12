import { afterEach, describe, expect, it, vi } from 'vitest';
import { AudioRouting, LIST_DEVICES_WAIT_MS, type ResolvedAudio } from './audio-routing';
import type { AudioSettings, DeviceInfo } from '../settings/audio-settings';

const SETTINGS: AudioSettings = {
  microphone: { id: 'mic-1', label: 'Desk microphone' },
  speaker: { id: 'spk-old', label: 'Headset' },
  ringer: { id: 'spk-2', label: 'Loudspeaker' },
  ringVolume: 0.5,
};
const DEVICES: DeviceInfo[] = [
  { deviceId: 'mic-1', label: 'Desk microphone', kind: 'audioinput' },
  { deviceId: 'spk-1', label: 'Headset', kind: 'audiooutput' },
];

afterEach(() => vi.useRealTimers());

describe('AudioRouting', () => {
  it('resolves each choice against the devices there: by id, else by label, else the default with a warning', async () => {
    const applied: ResolvedAudio[] = [];
    const routing = new AudioRouting(async () => DEVICES, (r) => void applied.push(r));
    const resolved = await routing.set(SETTINGS);
    expect(resolved).toMatchObject({ microphone: 'mic-1', speaker: 'spk-1', ringer: '', ringVolume: 0.5 });
    expect(resolved.warnings).toHaveLength(1);
    expect(applied).toEqual([resolved]);
  });

  it('without a device list in time (Firefox’s background page, which has no focus), applies the choices by their ids', async () => {
    vi.useFakeTimers();
    const applied: ResolvedAudio[] = [];
    const routing = new AudioRouting(() => new Promise<DeviceInfo[]>(() => undefined), (r) => void applied.push(r));
    const resolving = routing.set(SETTINGS);
    await vi.advanceTimersByTimeAsync(LIST_DEVICES_WAIT_MS);
    expect(await resolving).toEqual({ microphone: 'mic-1', speaker: 'spk-old', ringer: 'spk-2', ringVolume: 0.5, warnings: [] });
    expect(applied).toHaveLength(1);
    expect(routing.microphoneConstraints()).toEqual({ audio: { deviceId: { exact: 'mic-1' } }, video: false });
  });
});
