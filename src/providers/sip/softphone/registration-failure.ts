import { t } from '../../../shared/i18n/t';
import type { Registration } from '../../../shared/phone/registration';

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

/**
 * Whether a non-2xx answer to REGISTER is the server's last word on this account: wrong
 * credentials (401/407), refused (403), unknown here (404), or a global failure (6xx).
 * Retrying would not change those. Anything else (408, 480, 500, 503, 504, …) is the server
 * being unable for now, as during a PBX restart: Offhook keeps trying.
 */
export function isFinalRejection(status: number): boolean {
  return status === 401 || status === 403 || status === 404 || status === 407 || status >= 600;
}

/** The longest Retry-After Offhook waits for; "Retry now" is always there. */
export const RETRY_AFTER_MAX_MS = 10 * 60_000;

/** Retry-After as a delay (RFC 3261 §20.33: seconds, maybe a comment and a duration). */
export function retryAfterMs(header: string | undefined): number | undefined {
  const seconds = /^\s*(\d{1,7})/.exec(header ?? '')?.[1];
  return seconds === undefined ? undefined : Math.min(Number(seconds) * 1000, RETRY_AFTER_MAX_MS);
}

/** A temporary answer to REGISTER: the server is there but cannot register us now. */
export function registrationTemporary(aor: string, status: number, phrase: string, retryAt: number): Registration {
  const answer = `${status} ${phrase}`.trim();
  return { state: 'failed', aor, kind: 'temporary', status, phrase, retryAt, message: t('registrationTemporary', answer) };
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
