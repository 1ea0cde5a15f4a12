import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeToken, encodeToken, signInWithGenesys } from './genesys-auth';

describe('the Genesys sign-in (Authorization Code with PKCE)', () => {
  it('asks with an S256 challenge, checks the state, and trades the code with the verifier', async () => {
    let asked: URL | undefined;
    let traded: URLSearchParams | undefined;
    const token = await signInWithGenesys(
      { region: 'mypurecloud.ie', clientId: 'c1', redirectUri: 'https://ext.chromiumapp.org/', interactive: true },
      async (url) => {
        asked = new URL(url);
        return `https://ext.chromiumapp.org/?code=the-code&state=${asked.searchParams.get('state')}`;
      },
      async (_url, init) => {
        traded = new URLSearchParams(String(init?.body));
        return new Response(JSON.stringify({ access_token: 'tok', token_type: 'bearer', expires_in: 86400 }));
      },
      () => 1000,
    );
    expect(asked!.origin + asked!.pathname).toBe('https://login.mypurecloud.ie/oauth/authorize');
    expect(asked!.searchParams.get('code_challenge_method')).toBe('S256');
    const verifier = traded!.get('code_verifier')!;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(asked!.searchParams.get('code_challenge'));
    expect(traded!.get('code')).toBe('the-code');
    expect(token).toEqual({ accessToken: 'tok', expiresAt: 1000 + 86_400_000 });
  });

  it('refuses an answer to another request (state), and says why a sign-in was refused', async () => {
    const back = (query: string) => async () => `https://ext.chromiumapp.org/?${query}`;
    const opts = { region: 'mypurecloud.com', clientId: 'c1', redirectUri: 'https://ext.chromiumapp.org/', interactive: true };
    await expect(signInWithGenesys(opts, back('code=x&state=forged'))).rejects.toMatchObject({ failure: 'signed-out' });
    await expect(
      signInWithGenesys(opts, async (url) => `https://ext.chromiumapp.org/?error=invalid_request&error_description=bad&state=${new URL(url).searchParams.get('state')}`),
    ).rejects.toMatchObject({ failure: 'refused', message: 'bad' });
  });

  it('keeps the token with its expiry in one field, and reads it back', () => {
    expect(decodeToken(encodeToken({ accessToken: 'a.b.c', expiresAt: 42 }))).toEqual({ accessToken: 'a.b.c', expiresAt: 42 });
    expect(decodeToken('')).toBeUndefined();
  });
});
