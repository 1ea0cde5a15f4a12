import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, refreshWebexToken, signInWithWebex } from './webex-auth';

describe('the Webex sign-in (Authorization Code with PKCE, the integration’s secret)', () => {
  it('asks for the calling scopes with an S256 challenge and trades the code with the verifier and the secret', async () => {
    let asked: URL | undefined;
    let traded: URLSearchParams | undefined;
    const token = await signInWithWebex(
      { clientId: 'Cabc', clientSecret: 's3cret', redirectUri: 'https://ext.chromiumapp.org/', interactive: true },
      async (url) => {
        asked = new URL(url);
        return `https://ext.chromiumapp.org/?code=the-code&state=${asked.searchParams.get('state')}`;
      },
      async (url, init) => {
        expect(String(url)).toBe('https://webexapis.com/v1/access_token');
        traded = new URLSearchParams(String(init?.body));
        return new Response(JSON.stringify({ access_token: 'tok', expires_in: 1_209_599, refresh_token: 'ref', refresh_token_expires_in: 7_776_000, token_type: 'Bearer' }));
      },
      () => 1000,
    );
    expect(asked!.origin + asked!.pathname).toBe('https://webexapis.com/v1/authorize');
    expect(asked!.searchParams.get('scope')).toBe('spark:people_read spark:calls_read spark:calls_write');
    expect(createHash('sha256').update(traded!.get('code_verifier')!).digest('base64url')).toBe(asked!.searchParams.get('code_challenge'));
    expect(traded!.get('client_secret')).toBe('s3cret');
    expect(token).toEqual({ accessToken: 'tok', expiresAt: 1000 + 1_209_599_000, refreshToken: 'ref', refreshExpiresAt: 1000 + 7_776_000_000 });
  });

  it('a refresh Webex refuses (invalid_grant) is a sign-in that ended', async () => {
    const before = { accessToken: 'a', expiresAt: 1, refreshToken: 'r', refreshExpiresAt: 2 };
    await expect(
      refreshWebexToken({ clientId: 'Cabc', clientSecret: 's' }, before, async () => new Response(JSON.stringify({ error: 'invalid_grant', error_description: 'expired' }), { status: 400 })),
    ).rejects.toMatchObject({ failure: 'signed-out', message: 'expired' });
  });

  it('keeps both tokens and their expiries in one field, and reads them back', () => {
    const token = { accessToken: 'a.b', expiresAt: 42, refreshToken: 'r', refreshExpiresAt: 43 };
    expect(decodeToken(encodeToken(token))).toEqual(token);
    expect(decodeToken('')).toBeUndefined();
    expect(decodeToken('42.genesys-style')).toBeUndefined();
  });
});
