import { signInWithPkce, tokenGrant, type AuthWindow, type FailWith, type TokenAnswer } from '../../shared/oauth/pkce-sign-in';
import { WEBEX_API_HOST } from './webex-account';
import { WebexError } from './webex-client';

export type { AuthWindow } from '../../shared/oauth/pkce-sign-in';

/**
 * The scopes Offhook asks of Webex: who the user is and the people directory, and the user's
 * calls (read: the calls up now, the call history, voicemail; write: dial, answer, hold…).
 */
export const WEBEX_SCOPES = ['spark:people_read', 'spark:calls_read', 'spark:calls_write'] as const;

/** With Offhook as the Webex phone, what Cisco's Calling SDK needs besides: WebRTC calling,
 * XSI, and KMS (without which the SDK's start narrows the token to KMS alone). */
export const WEBEX_PHONE_SCOPES = [...WEBEX_SCOPES, 'spark:webrtc_calling', 'spark:xsi', 'spark:kms'] as const;

/** Webex's sign-in: an access token (14 days) and the refresh token that renews it (90 days,
 * itself renewed with every use). Times are epoch ms. */
export interface WebexToken {
  accessToken: string;
  expiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}

interface Integration {
  clientId: string;
  clientSecret: string;
}

const fail: FailWith = (failure, message, status) => new WebexError(failure, message, status);
const tokenUrl = `https://${WEBEX_API_HOST}/v1/access_token`;

/** Authorization Code with PKCE at https://webexapis.com/v1/authorize, the code traded with the
 * integration's secret and the verifier. */
export async function signInWithWebex(
  opts: Integration & { redirectUri: string; interactive: boolean; scopes?: readonly string[] },
  authWindow: AuthWindow,
  fetchImpl: typeof fetch = (...args) => fetch(...args),
  now = Date.now,
): Promise<WebexToken> {
  const answer = await signInWithPkce(
    { platform: 'Webex', authorizeUrl: `https://${WEBEX_API_HOST}/v1/authorize`, tokenUrl, clientId: opts.clientId, clientSecret: opts.clientSecret, redirectUri: opts.redirectUri, scope: (opts.scopes ?? WEBEX_SCOPES).join(' '), interactive: opts.interactive },
    authWindow,
    fail,
    fetchImpl,
  );
  return tokenFrom(answer, undefined, now());
}

/** A new access token for the refresh token; 'signed-out' when Webex no longer honours it. */
export async function refreshWebexToken(integration: Integration, token: WebexToken, fetchImpl: typeof fetch = (...args) => fetch(...args), now = Date.now): Promise<WebexToken> {
  const answer = await tokenGrant(
    tokenUrl,
    { grant_type: 'refresh_token', client_id: integration.clientId, client_secret: integration.clientSecret, refresh_token: token.refreshToken },
    fail,
    fetchImpl,
  );
  return tokenFrom(answer, token, now());
}

function tokenFrom(answer: TokenAnswer, before: WebexToken | undefined, at: number): WebexToken {
  const refreshToken = answer.refreshToken ?? before?.refreshToken;
  if (!refreshToken) throw new WebexError('server', 'Webex signed in without a refresh token.');
  return {
    accessToken: answer.accessToken,
    expiresAt: at + (answer.expiresIn ?? 14 * 86_400) * 1000,
    refreshToken,
    refreshExpiresAt: answer.refreshExpiresIn ? at + answer.refreshExpiresIn * 1000 : (before?.refreshExpiresAt ?? at + 90 * 86_400_000),
  };
}

/** The sign-in as the account keeps it (its refreshToken field). */
export function encodeToken(token: WebexToken): string {
  return JSON.stringify([token.expiresAt, token.accessToken, token.refreshExpiresAt, token.refreshToken]);
}

export function decodeToken(kept: string): WebexToken | undefined {
  try {
    const [expiresAt, accessToken, refreshExpiresAt, refreshToken] = JSON.parse(kept) as unknown[];
    if (typeof expiresAt === 'number' && typeof accessToken === 'string' && typeof refreshExpiresAt === 'number' && typeof refreshToken === 'string' && accessToken && refreshToken)
      return { accessToken, expiresAt, refreshToken, refreshExpiresAt };
  } catch {
    // Not a Webex sign-in.
  }
  return undefined;
}
