import { signInWithPkce, type AuthWindow } from '../../shared/oauth/pkce-sign-in';
import { GenesysError } from './genesys-client';

/** Genesys's sign-in: an access token and when it lapses (epoch ms). PKCE clients get no
 * refresh token (the refresh grant needs a client secret): a lapsed token is renewed by
 * signing in again, silently when Genesys's login session still stands. */
export interface GenesysToken {
  accessToken: string;
  expiresAt: number;
}

export type { AuthWindow } from '../../shared/oauth/pkce-sign-in';

/**
 * Authorization Code with PKCE at https://login.<region> (shared/oauth/pkce-sign-in.ts).
 */
export async function signInWithGenesys(
  opts: { region: string; clientId: string; redirectUri: string; interactive: boolean },
  authWindow: AuthWindow,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
  now = Date.now,
): Promise<GenesysToken> {
  const login = `https://login.${opts.region}`;
  const answer = await signInWithPkce(
    { platform: 'Genesys', authorizeUrl: `${login}/oauth/authorize`, tokenUrl: `${login}/oauth/token`, clientId: opts.clientId, redirectUri: opts.redirectUri, interactive: opts.interactive },
    authWindow,
    (failure, message, status) => new GenesysError(failure, message, status),
    fetchImpl,
  );
  return { accessToken: answer.accessToken, expiresAt: now() + (answer.expiresIn ?? 86_400) * 1000 };
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
