import { signal } from '@preact/signals';
import { t } from '../../shared/i18n/t';

export type MicrophoneState = 'unknown' | 'prompt' | 'granted' | 'denied' | 'unavailable';

interface NavigatorLike {
  mediaDevices?: { getUserMedia(c: MediaStreamConstraints): Promise<MediaStream> };
  permissions?: { query(d: { name: PermissionName }): Promise<{ state: string; onchange: unknown }> };
}

/**
 * Microphone permission for the extension. The softphone lives in an offscreen document,
 * which cannot show the browser's prompt; a visible extension page asks once, and the
 * grant then holds for every extension page, the offscreen document included.
 */
export function createMicrophoneModel(nav: NavigatorLike) {
  const state = signal<MicrophoneState>('unknown');
  const detail = signal<string | null>(null);

  return {
    state,
    detail,
    async check(): Promise<void> {
      try {
        const status = await nav.permissions?.query({ name: 'microphone' as PermissionName });
        if (status) state.value = status.state as MicrophoneState;
      } catch {
        state.value = 'unknown';
      }
    },
    async request(): Promise<void> {
      if (!nav.mediaDevices) {
        state.value = 'unavailable';
        detail.value = t('optionsMicrophoneUnavailable');
        return;
      }
      try {
        const stream = await nav.mediaDevices.getUserMedia({ audio: true, video: false });
        stream.getTracks().forEach((t) => t.stop());
        state.value = 'granted';
        detail.value = null;
      } catch (e) {
        const name = (e as { name?: string }).name;
        if (name === 'NotAllowedError' || name === 'SecurityError') state.value = 'denied';
        else state.value = 'unavailable';
        detail.value =
          name === 'NotFoundError' ? t('optionsMicrophoneNotFound') : name === 'NotReadableError' ? t('optionsMicrophoneInUse') : null;
      }
    },
  };
}

export type MicrophoneModel = ReturnType<typeof createMicrophoneModel>;
