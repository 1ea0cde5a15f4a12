import { t } from '../../../shared/i18n/t';

/** getUserMedia errors, in words the user can act on. */
export function mediaError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return t('callErrorMicrophoneDenied');
  if (name === 'NotFoundError') return t('callErrorMicrophoneNotFound');
  if (name === 'NotReadableError') return t('callErrorMicrophoneInUse');
  return error instanceof Error ? error.message : String(error);
}
