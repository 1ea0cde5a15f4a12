import { describe, expect, it } from 'vitest';
import { defaultAudioSettings, type AudioSettings } from '../../shared/settings/audio-settings';
import { createAudioModel, type AudioClient } from './audio-model';

const devices = [
  { deviceId: 'default', label: 'Default', kind: 'audiooutput' },
  { deviceId: 'o1', label: 'Headset', kind: 'audiooutput' },
  { deviceId: 'o2', label: 'Speakers', kind: 'audiooutput' },
  { deviceId: 'm1', label: 'Headset mic', kind: 'audioinput' },
];

function fakeClient(stored: AudioSettings = defaultAudioSettings) {
  const saved: AudioSettings[] = [];
  const pending: (() => void)[] = [];
  const client: AudioClient = {
    listDevices: async () => devices,
    load: async () => stored,
    save: (next) => {
      saved.push(next);
      // Slow storage: the next change arrives before this one is written.
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    test: async () => ({ ok: true }),
    meter: async () => () => undefined,
  };
  return { client, saved, release: () => pending.splice(0).forEach((r) => r()) };
}

describe('audio model', () => {
  it('keeps two quick choices, each built on the one before', async () => {
    const fake = fakeClient();
    const model = createAudioModel(fake.client);
    await model.load();
    const first = model.choose('speaker', 'o1');
    const second = model.choose('ringer', 'o2');
    fake.release();
    await Promise.all([first, second]);
    expect(fake.saved.at(-1)).toMatchObject({ speaker: { id: 'o1', label: 'Headset' }, ringer: { id: 'o2', label: 'Speakers' } });
  });

  it('lists devices per role without the browser’s own default entries', async () => {
    const model = createAudioModel(fakeClient().client);
    await model.load();
    expect(model.options('speaker').map((d) => d.deviceId)).toEqual(['o1', 'o2']);
    expect(model.options('microphone').map((d) => d.deviceId)).toEqual(['m1']);
  });

  it('shows a missing device as the default, with a message', async () => {
    const model = createAudioModel(fakeClient({ ...defaultAudioSettings, ringer: { id: 'x', label: 'USB Phone' } }).client);
    await model.load();
    expect(model.selected.value.ringer).toBe('');
    expect(model.warnings.value).toEqual(['The ringer “USB Phone” is not connected; Offhook uses the system default until it is back.']);
  });

  it('clamps the ringtone volume', async () => {
    const fake = fakeClient();
    const model = createAudioModel(fake.client);
    await model.load();
    const saving = model.setVolume(150);
    fake.release();
    await saving;
    expect(fake.saved.at(-1)?.ringVolume).toBe(1);
  });
});
