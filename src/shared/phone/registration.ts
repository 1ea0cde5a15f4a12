import { t } from '../i18n/t';

/**
 * Registration of the account at the PBX, as the user sees it.
 *
 *   unconfigured ──► connecting ──► registering ──► registered
 *        ▲               │               │              │
 *        │               ▼               ▼              ▼
 *        └────────── failed ◄────────────┘        unregistered
 *
 * `failed` carries the server's answer (status and phrase) or the transport error, so the
 * faces can say why instead of "something went wrong".
 */
export type FailureKind =
  /** 401/407 after credentials were sent: the password (or HA1) is wrong. */
  | 'auth'
  /** 403, 404 or 6xx: the server refused this account for good. */
  | 'rejected'
  /** 408, 480, 5xx and the like: the server cannot register us now; retried with backoff. */
  | 'temporary'
  /** The WebSocket could not be opened or was lost. */
  | 'transport'
  /** The settings themselves are unusable. */
  | 'config'
  /** A platform's sign-in has ended (revoked, expired): the user must sign in again. */
  | 'signin';

export type Registration =
  | { state: 'unconfigured' }
  | { state: 'connecting'; aor: string }
  | { state: 'registering'; aor: string }
  | { state: 'registered'; aor: string }
  | { state: 'unregistered'; aor: string }
  | {
      state: 'failed';
      aor: string;
      kind: FailureKind;
      /** One sentence for the user. */
      message: string;
      status?: number;
      phrase?: string;
      /** When the next attempt is due (epoch ms), for failures Offhook retries by itself. */
      retryAt?: number;
    };

export type RegistrationState = Registration['state'];

export function describeRegistration(reg: Registration): string {
  switch (reg.state) {
    case 'unconfigured':
      return t('registrationUnconfigured');
    case 'connecting':
      return t('registrationConnecting', reg.aor);
    case 'registering':
      return t('registrationRegistering', reg.aor);
    case 'registered':
      return t('registrationRegistered', reg.aor);
    case 'unregistered':
      return t('registrationUnregistered', reg.aor);
    case 'failed':
      // Offhook is on it: say what the server said, without "Not registered".
      return reg.kind === 'temporary' ? reg.message : t('registrationFailed', reg.message);
  }
}
