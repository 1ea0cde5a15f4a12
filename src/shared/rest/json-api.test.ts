import { describe, expect, it } from 'vitest';
import { jsonApi } from './json-api';

describe('a platform’s JSON API', () => {
  const failed = (status: number, message: string) => Object.assign(new Error(message), { status });

  it('sends the bearer token and waits out a 429 as Retry-After asks, then answers', async () => {
    const waits: number[] = [];
    const seen: string[] = [];
    let n = 0;
    const call = jsonApi({
      base: 'https://api.example',
      token: () => 'tok',
      failed,
      sleep: async (ms) => void waits.push(ms),
      fetchImpl: (async (url: string, init?: RequestInit) => {
        seen.push(`${url} ${(init?.headers as Record<string, string>).Authorization}`);
        return ++n < 3 ? new Response('{}', { status: 429, headers: { 'Retry-After': '2' } }) : new Response(JSON.stringify({ ok: 1 }));
      }) as typeof fetch,
    });
    expect(await call('/x')).toEqual({ ok: 1 });
    expect(waits).toEqual([2000, 2000]);
    expect(seen[0]).toBe('https://api.example/x Bearer tok');
  });

  it('gives up on a 429 after two waits, and reads each platform’s error body', async () => {
    const answer = (status: number, body: unknown) => jsonApi({ base: '', token: () => '', failed, sleep: async () => undefined, fetchImpl: (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch });
    await expect(answer(429, { message: 'slow down' })('/')).rejects.toMatchObject({ status: 429, message: 'slow down' });
    await expect(answer(400, { errors: [{ description: 'Invalid destination' }], trackingId: 't' })('/')).rejects.toMatchObject({ message: 'Invalid destination' });
    await expect(answer(401, { error: 'invalid_token', error_description: 'expired' })('/')).rejects.toMatchObject({ status: 401, message: 'expired' });
  });

  it('an unreachable server is status 0 with the network’s words', async () => {
    const call = jsonApi({ base: 'https://down.example', token: () => '', failed, fetchImpl: (async () => Promise.reject(new Error('fetch failed'))) as unknown as typeof fetch });
    await expect(call('/')).rejects.toMatchObject({ status: 0, message: 'https://down.example: fetch failed' });
  });
});
