import { GenesysError } from './genesys-client';

/** Genesys's sign-in: an access token and when it lapses (epoch ms). PKCE clients get no
 * refresh token (the refresh grant needs a client secret): a lapsed token is renewed by
 * signing in again, silently when Genesys's login session still stands. */
export interface GenesysToken {
  accessToken: string;
  expiresAt: number;
}

/** Opens Genesys's login page in the browser's auth window (identity.launchWebAuthFlow) and
 * resolves with the address it was sent back to; rejects when the person closed it, or, when
 * not `interactive`, when a login page would have to be shown. */
export type AuthWindow = (url: string, interactive: boolean) => Promise<string>;

/**
 * Authorization Code with PKCE (RFC 7636, S256) at https://login.<region>: the verifier never
 * leaves this function, the state ties the answer to this request.
 */
export async function signInWithGenesys(
  opts: { region: string; clientId: string; redirectUri: string; interactive: boolean },
  authWindow: AuthWindow,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
  now = Date.now,
): Promise<GenesysToken> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(48)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const login = `https://login.${opts.region}`;
  const authorize = new URL(`${login}/oauth/authorize`);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: opts.clientId,
    redirect_uri: opts.redirectUri,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }))
    authorize.searchParams.set(k, v);
  let back: URL;
  try {
    back = new URL(await authWindow(authorize.toString(), opts.interactive));
  } catch (error) {
    throw new GenesysError('signed-out', (error as Error).message || 'The sign-in was not completed.');
  }
  if (back.searchParams.get('state') !== state) throw new GenesysError('signed-out', 'The sign-in answered another request.');
  const refused = back.searchParams.get('error');
  if (refused) throw new GenesysError(refused === 'access_denied' ? 'signed-out' : 'refused', back.searchParams.get('error_description') ?? refused);
  const code = back.searchParams.get('code');
  if (!code) throw new GenesysError('signed-out', 'Genesys sent no sign-in code.');
  let response: Response;
  try {
    response = await fetchImpl(`${login}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: opts.redirectUri, client_id: opts.clientId, code_verifier: verifier }).toString(),
      credentials: 'omit',
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new GenesysError('unreachable', `${login}: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown; error?: unknown; description?: unknown; error_description?: unknown } | null;
  if (!response.ok || typeof body?.access_token !== 'string') {
    const why = [body?.error_description, body?.description, body?.error].find((v) => typeof v === 'string') as string | undefined;
    throw new GenesysError(response.status === 400 || response.status === 401 ? 'refused' : 'server', why ?? `${response.status}`, response.status);
  }
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : 86_400;
  return { accessToken: body.access_token, expiresAt: now() + seconds * 1000 };
}

/** The sign-in as the account keeps it (its refreshToken field): "<expires ms>.<token>". */
export function encodeToken(token: GenesysToken): string {
  return `${token.expiresAt}.${token.accessToken}`;
}

export function decodeToken(kept: string): GenesysToken | undefined {
  const dot = kept.indexOf('.');
  const expiresAt = Number(kept.slice(0, dot));
  const accessToken = kept.slice(dot + 1);
  return dot > 0 && Number.isFinite(expiresAt) && accessToken ? { accessToken, expiresAt } : undefined;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
