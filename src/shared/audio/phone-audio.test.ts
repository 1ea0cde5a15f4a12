import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AudioSink } from './audio-sink';
import type { DeviceInfo } from '../settings/audio-settings';
import { PhoneAudio } from './phone-audio';

const DEVICES: DeviceInfo[] = [
  { deviceId: 'mic-1', label: 'Desk microphone', kind: 'audioinput' },
  { deviceId: 'spk-1', label: 'Headset', kind: 'audiooutput' },
  { deviceId: 'spk-2', label: 'Loudspeaker', kind: 'audiooutput' },
];

function fakes(devices = DEVICES) {
  const sinkCalls: unknown[][] = [];
  const sink: AudioSink = {
    play: (id, stream) => void sinkCalls.push(['play', id, stream]),
    release: (id) => void sinkCalls.push(['release', id]),
    setOutput: (id) => void sinkCalls.push(['output', id]),
  };
  const toneCalls: unknown[][] = [];
  let testing: 'speaker' | 'ringer' | null = null;
  let playing: string | null = null;
  let testDone: (() => void) | undefined;
  const tones = {
    play: (tone: never) => void (toneCalls.push(['play', tone]), (playing = tone)),
    stop: () => void (toneCalls.push(['stop']), (playing = null)),
    get playing() {
      return playing as never;
    },
    get testing() {
      return testing;
    },
    test: (output: 'speaker' | 'ringer', done: () => void) => {
      toneCalls.push(['test', output]);
      testing = output;
      testDone = () => ((testing = null), done());
    },
    setOutputs: (o: object) => void toneCalls.push(['outputs', o]),
    level: () => ({ level: 0.2, sinkId: 'spk-2' }),
  };
  const audio = new PhoneAudio(sink, tones, async () => devices);
  return { audio, sinkCalls, toneCalls, endTest: () => testDone!() };
}

describe('the Webex phone’s sound', () => {
  beforeEach(() => {
    vi.stubGlobal('MediaStream', class {
      constructor(readonly tracks: unknown[]) {}
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('routes the far end to the chosen speaker, the ringtone to the chosen ringer at its volume, and the next call to the chosen microphone', async () => {
    const { audio, sinkCalls, toneCalls } = fakes();
    const warnings = await audio.set({
      microphone: { id: 'mic-1', label: 'Desk microphone' },
      speaker: { id: 'spk-1', label: 'Headset' },
      ringer: { id: 'spk-2', label: 'Loudspeaker' },
      ringVolume: 0.3,
    });
    expect(warnings).toEqual([]);
    expect(sinkCalls).toContainEqual(['output', 'spk-1']);
    expect(toneCalls).toContainEqual(['outputs', expect.objectContaining({ speaker: 'spk-1', ringer: 'spk-2', ringVolume: 0.3 })]);
    expect(audio.microphone).toBe('mic-1');

    const track = { kind: 'audio' };
    audio.play('call-1', track as never);
    expect(sinkCalls.at(-1)).toEqual(['play', 'call-1', { tracks: [track] }]);
    audio.release('call-1');
    expect(sinkCalls.at(-1)).toEqual(['release', 'call-1']);
  });

  it('says which chosen device is missing and uses the system default for it', async () => {
    const { audio, sinkCalls } = fakes(DEVICES.filter((d) => d.deviceId !== 'spk-1'));
    const warnings = await audio.set({ microphone: null, speaker: { id: 'spk-1', label: 'Headset' }, ringer: null, ringVolume: 0.8 });
    expect(warnings).toEqual([expect.stringContaining('Headset')]);
    expect(sinkCalls).toContainEqual(['output', '']);
    expect(audio.view().warnings).toEqual(warnings);
  });

  it('rings while a call rings and stops when it stops ringing', () => {
    const { audio, toneCalls } = fakes();
    audio.follow({ tone: 'ringtone' });
    expect(toneCalls.at(-1)).toEqual(['play', 'ringtone']);
    audio.follow({ tone: null });
    expect(toneCalls.at(-1)).toEqual(['stop']);
  });

  it('lets a test sound play to its end, then follows the phone again', () => {
    const { audio, toneCalls, endTest } = fakes();
    const done = vi.fn(() => audio.follow({ tone: 'ringtone' }));
    audio.test('ringer', done);
    expect(audio.view()).toEqual({ warnings: [], testing: 'ringer' });
    audio.follow({ tone: null });
    expect(toneCalls.at(-1)).toEqual(['test', 'ringer']);
    endTest();
    expect(done).toHaveBeenCalledOnce();
    expect(toneCalls.at(-1)).toEqual(['play', 'ringtone']);
    expect(audio.view(true)).toEqual({ warnings: [], testing: null, level: 0.2, sinkId: 'spk-2' });
  });
});
