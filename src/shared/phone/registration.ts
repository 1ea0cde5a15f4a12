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
  /** 403 or another 4xx/5xx/6xx final answer to REGISTER. */
  | 'rejected'
  /** The WebSocket could not be opened or was lost. */
  | 'transport'
  /** The settings themselves are unusable. */
  | 'config';

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
      return t('registrationFailed', reg.message);
  }
}
