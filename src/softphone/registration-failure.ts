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
      message: `Wrong username or password (the server answered ${answer}).`,
    };
  if (status === 403)
    return { state: 'failed', aor, kind: 'rejected', status, phrase, message: `The server refused this account (${answer}).` };
  return { state: 'failed', aor, kind: 'rejected', status, phrase, message: `The server answered ${answer}.` };
}

export function transportFailed(aor: string, server: string, detail?: string, retryAt?: number): Registration {
  return {
    state: 'failed',
    aor,
    kind: 'transport',
    ...(retryAt ? { retryAt } : {}),
    message:
      `Cannot reach the server at ${server}` +
      (detail ? ` (${detail})` : '') +
      '. Check the address and port, and for wss:// that the certificate is valid.',
  };
}
