import { describe, expect, it, vi } from 'vitest';
import { createMicrophoneModel } from './microphone-model';

function fakeStream() {
  const track = { stop: vi.fn() };
  return { track, stream: { getTracks: () => [track] } as unknown as MediaStream };
}

function refusing(name: string) {
  return { getUserMedia: vi.fn(() => Promise.reject(Object.assign(new Error(name), { name }))) };
}

describe('asking for the microphone', () => {
  it('granted: records it and releases the microphone at once', async () => {
    const { track, stream } = fakeStream();
    const getUserMedia = vi.fn(() => Promise.resolve(stream));
    const mic = createMicrophoneModel({ mediaDevices: { getUserMedia } });
    await mic.request();
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: false });
    expect(mic.state.value).toBe('granted');
    expect(mic.detail.value).toBeNull();
    // Left running, the browser would show the page as recording.
    expect(track.stop).toHaveBeenCalledOnce();
  });

  it.each(['NotAllowedError', 'SecurityError'])('%s: denied', async (name) => {
    const mic = createMicrophoneModel({ mediaDevices: refusing(name) });
    await mic.request();
    expect(mic.state.value).toBe('denied');
  });

  it('no microphone connected: unavailable, and says so', async () => {
    const mic = createMicrophoneModel({ mediaDevices: refusing('NotFoundError') });
    await mic.request();
    expect(mic.state.value).toBe('unavailable');
    expect(mic.detail.value).toBe('No microphone is connected.');
  });

  it('microphone busy or broken: unavailable, and says so', async () => {
    const mic = createMicrophoneModel({ mediaDevices: refusing('NotReadableError') });
    await mic.request();
    expect(mic.state.value).toBe('unavailable');
    expect(mic.detail.value).toBe('The microphone is in use or failed.');
  });

  it('no mediaDevices at all: unavailable, and says so', async () => {
    const mic = createMicrophoneModel({});
    await mic.request();
    expect(mic.state.value).toBe('unavailable');
    expect(mic.detail.value).toBe('This browser offers no microphone to extensions.');
  });

  it('a grant after a failure clears the old explanation', async () => {
    const { stream } = fakeStream();
    const getUserMedia = vi
      .fn<(c: MediaStreamConstraints) => Promise<MediaStream>>()
      .mockRejectedValueOnce(Object.assign(new Error('x'), { name: 'NotFoundError' }))
      .mockResolvedValueOnce(stream);
    const mic = createMicrophoneModel({ mediaDevices: { getUserMedia } });
    await mic.request();
    await mic.request();
    expect(mic.state.value).toBe('granted');
    expect(mic.detail.value).toBeNull();
  });
});

describe('checking the permission without asking', () => {
  it.each(['granted', 'denied', 'prompt'])('reports %s', async (state) => {
    const getUserMedia = vi.fn();
    const mic = createMicrophoneModel({
      mediaDevices: { getUserMedia },
      permissions: { query: async () => ({ state, onchange: null }) },
    });
    await mic.check();
    expect(mic.state.value).toBe(state);
    // Checking must never raise the browser's prompt.
    expect(getUserMedia).not.toHaveBeenCalled();
  });

  it('stays unknown when the browser cannot say', async () => {
    const mic = createMicrophoneModel({ permissions: { query: () => Promise.reject(new TypeError('microphone is not a valid permission')) } });
    await mic.check();
    expect(mic.state.value).toBe('unknown');
    const without = createMicrophoneModel({});
    await without.check();
    expect(without.state.value).toBe('unknown');
  });
});
