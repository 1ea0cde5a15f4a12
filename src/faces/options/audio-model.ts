import { computed, signal } from '@preact/signals';
import type { Outcome } from '../../shared/messaging/protocol';
import { t } from '../../shared/i18n/t';
import {
  missingDeviceText,
  pickDevice,
  KIND_OF,
  type AudioRole,
  type AudioSettings,
  type DeviceInfo,
} from '../../shared/settings/audio-settings';

export interface AudioClient {
  listDevices(): Promise<DeviceInfo[]>;
  load(): Promise<AudioSettings>;
  save(next: AudioSettings): Promise<void>;
  test(output: 'speaker' | 'ringer'): Promise<Outcome>;
  /** Opens a microphone and calls back with its level (0–1) until the returned stop. */
  meter(deviceId: string, onLevel: (level: number) => void): Promise<() => void>;
}

export const AUDIO_ROLES: readonly AudioRole[] = ['microphone', 'speaker', 'ringer'];

/**
 * The options page's Audio section: microphone, speaker and ringer, remembered by id and
 * label; a chosen device that is missing is shown as such while the default is used.
 */
export function createAudioModel(client: AudioClient) {
  const devices = signal<DeviceInfo[]>([]);
  const settings = signal<AudioSettings | null>(null);
  const level = signal(0);
  const message = signal<{ kind: 'ok' | 'error'; text: string } | null>(null);
  let stopMeter: (() => void) | undefined;

  /** What each select shows: the device in use ('' = System default). */
  const selected = computed(() => {
    const s = settings.value;
    const out = { microphone: '', speaker: '', ringer: '' } as Record<AudioRole, string>;
    if (!s) return out;
    for (const role of AUDIO_ROLES) out[role] = pickDevice(s[role], devices.value, role).deviceId;
    return out;
  });
  const warnings = computed(() => {
    const s = settings.value;
    if (!s) return [];
    return AUDIO_ROLES.flatMap((role) => {
      const picked = pickDevice(s[role], devices.value, role);
      return picked.missing ? [missingDeviceText(role, picked.label)] : [];
    });
  });
  const options = (role: AudioRole) =>
    devices.value.filter((d) => d.kind === KIND_OF[role] && d.deviceId !== 'default' && d.deviceId !== 'communications');

  async function restartMeter() {
    stopMeter?.();
    stopMeter = undefined;
    try {
      stopMeter = await client.meter(selected.value.microphone, (v) => (level.value = v));
    } catch (e) {
      level.value = 0;
      message.value = { kind: 'error', text: t('optionsAudioMicUnavailable', (e as Error).message) };
    }
  }

  async function save(next: AudioSettings) {
    // Shown (and built upon by the next change) at once; two quick changes both count.
    const before = settings.value;
    settings.value = next;
    try {
      await client.save(next);
      message.value = { kind: 'ok', text: t('optionsSaved') };
    } catch (e) {
      if (settings.value === next) settings.value = before;
      message.value = { kind: 'error', text: t('optionsNotSaved', (e as Error).message) };
    }
  }

  return {
    devices,
    settings,
    selected,
    warnings,
    level,
    message,
    options,
    async load() {
      const [list, stored] = await Promise.all([client.listDevices().catch(() => []), client.load()]);
      devices.value = list;
      settings.value = stored;
    },
    async refreshDevices() {
      devices.value = await client.listDevices().catch(() => devices.value);
    },
    startMeter: () => restartMeter(),
    stopMeter() {
      stopMeter?.();
      stopMeter = undefined;
    },
    async choose(role: AudioRole, deviceId: string) {
      const s = settings.value;
      if (!s) return;
      const device = options(role).find((d) => d.deviceId === deviceId);
      await save({ ...s, [role]: device ? { id: device.deviceId, label: device.label } : null });
      if (role === 'microphone' && stopMeter) await restartMeter();
    },
    async setVolume(percent: number) {
      const s = settings.value;
      if (!s || !Number.isFinite(percent)) return;
      await save({ ...s, ringVolume: Math.min(1, Math.max(0, percent / 100)) });
    },
    async test(output: 'speaker' | 'ringer') {
      const result = await client.test(output).catch((e: unknown) => ({ ok: false as const, error: (e as Error).message }));
      message.value = result.ok
        ? { kind: 'ok', text: output === 'speaker' ? t('optionsAudioTestingSpeaker') : t('optionsAudioTestingRinger') }
        : { kind: 'error', text: result.error };
    },
  };
}

export type AudioModel = ReturnType<typeof createAudioModel>;

/** The level meter on a real microphone: RMS of the signal, about ten times a second. */
export async function openMeter(deviceId: string, onLevel: (level: number) => void): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true, video: false });
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  ctx.createMediaStreamSource(stream).connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (const v of data) sum += v * v;
    onLevel(Math.min(1, Math.sqrt(sum / data.length) * 4));
  }, 100);
  return () => {
    clearInterval(timer);
    stream.getTracks().forEach((t) => t.stop());
    void ctx.close();
  };
}
