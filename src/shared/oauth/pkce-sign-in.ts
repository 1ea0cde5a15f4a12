/**
 * OAuth 2.0 Authorization Code with PKCE (RFC 7636, S256) through the browser's auth window, and
 * the token endpoint's grants, for every platform that signs people in with OAuth (Genesys
 * Cloud, Webex). The verifier never leaves signIn(); the state ties the answer to its request.
 * Each platform turns a failure into its own error through `fail`.
 */

/** Opens the platform's login page in the browser's auth window (identity.launchWebAuthFlow)
 * and resolves with the address it was sent back to; rejects when the person closed it, or,
 * when not `interactive`, when a login page would have to be shown. */
export type AuthWindow = (url: string, interactive: boolean) => Promise<string>;

export type OAuthFailure =
  /** Not signed in: the window was closed, the person said no, or the grant is no longer good. */
  | 'signed-out'
  /** The platform refused the request as made (an unknown client, a wrong redirect address). */
  | 'refused'
  | 'unreachable'
  | 'server';

export type FailWith = (failure: OAuthFailure, message: string, status?: number) => Error;

export interface TokenAnswer {
  accessToken: string;
  /** Seconds, as the token endpoint said (undefined when it did not). */
  expiresIn?: number;
  refreshToken?: string;
  refreshExpiresIn?: number;
  /** The scopes granted, space-separated, when the endpoint says. */
  scope?: string;
}

export interface PkceRequest {
  /** The platform's name in messages ("Genesys", "Webex"). */
  platform: string;
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  /** Sent with the code when the platform's client has one (Webex integrations do). */
  clientSecret?: string;
  redirectUri: string;
  scope?: string;
  interactive: boolean;
}

export async function signInWithPkce(req: PkceRequest, authWindow: AuthWindow, fail: FailWith, fetchImpl: typeof fetch = (...args) => fetch(...args)): Promise<TokenAnswer> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(48)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const authorize = new URL(req.authorizeUrl);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: req.clientId,
    redirect_uri: req.redirectUri,
    ...(req.scope ? { scope: req.scope } : {}),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  };
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
  let back: URL;
  try {
    back = new URL(await authWindow(authorize.toString(), req.interactive));
  } catch (error) {
    throw fail('signed-out', (error as Error).message || 'The sign-in was not completed.');
  }
  if (back.searchParams.get('state') !== state) throw fail('signed-out', 'The sign-in answered another request.');
  const refused = back.searchParams.get('error');
  if (refused) throw fail(refused === 'access_denied' ? 'signed-out' : 'refused', back.searchParams.get('error_description') ?? refused);
  const code = back.searchParams.get('code');
  if (!code) throw fail('signed-out', `${req.platform} sent no sign-in code.`);
  return tokenGrant(
    req.tokenUrl,
    { grant_type: 'authorization_code', code, redirect_uri: req.redirectUri, client_id: req.clientId, ...(req.clientSecret ? { client_secret: req.clientSecret } : {}), code_verifier: verifier },
    fail,
    fetchImpl,
  );
}

/** One request to the token endpoint (a code, a refresh token), its answer checked. A grant the
 * server no longer honours (invalid_grant: revoked, expired) is 'signed-out'. */
export async function tokenGrant(tokenUrl: string, form: Record<string, string>, fail: FailWith, fetchImpl: typeof fetch = (...args) => fetch(...args)): Promise<TokenAnswer> {
  const origin = new URL(tokenUrl).origin;
  let response: Response;
  try {
    response = await fetchImpl(tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      credentials: 'omit',
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw fail('unreachable', `${origin}: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (!response.ok || typeof body?.access_token !== 'string') {
    const why = [body?.error_description, body?.description, body?.message, body?.error].find((v) => typeof v === 'string' && v) as string | undefined;
    const failure = body?.error === 'invalid_grant' ? 'signed-out' : response.status === 400 || response.status === 401 ? 'refused' : 'server';
    throw fail(failure, why ?? `${response.status}`, response.status);
  }
  const seconds = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  const answer: TokenAnswer = { accessToken: body.access_token };
  const expiresIn = seconds(body.expires_in);
  const refreshExpiresIn = seconds(body.refresh_token_expires_in);
  if (expiresIn !== undefined) answer.expiresIn = expiresIn;
  if (typeof body.refresh_token === 'string' && body.refresh_token) answer.refreshToken = body.refresh_token;
  if (refreshExpiresIn !== undefined) answer.refreshExpiresIn = refreshExpiresIn;
  if (typeof body.scope === 'string') answer.scope = body.scope;
  return answer;
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
