import { t } from '../shared/i18n/t';
import type { Registration } from '../shared/phone/registration';

/** The user-facing failure for a final non-2xx answer to REGISTER. */
export function registrationRejected(aor: string, status: number, phrase: string): Registration {
  const answer = `${status} ${phrase}`.trim();
  if (status === 401 || status === 407)
    return {
      state: 'failed',
      aor,
      kind: 'auth',
      status,
      phrase,
      message: t('registrationWrongCredentials', answer),
    };
  if (status === 403)
    return { state: 'failed', aor, kind: 'rejected', status, phrase, message: t('registrationRefused', answer) };
  return { state: 'failed', aor, kind: 'rejected', status, phrase, message: t('registrationServerAnswered', answer) };
}

export function transportFailed(aor: string, server: string, detail?: string, retryAt?: number): Registration {
  return {
    state: 'failed',
    aor,
    kind: 'transport',
    ...(retryAt ? { retryAt } : {}),
    message: detail ? t('registrationUnreachableDetail', server, detail) : t('registrationUnreachable', server),
  };
}
