import { describe, expect, it } from 'vitest';
import { isWebRtc, readCallLog, readEndpoint, readLookup, readToken, wazoClient, WazoError } from './wazo-client';

describe('the Wazo client', () => {
  it("reads wazo-auth's token: utc_expires_at is UTC without a zone", () => {
    const token = readToken({ data: { token: 't1', refresh_token: 'r1', utc_expires_at: '2026-12-06T10:00:00.123456', metadata: { uuid: 'u1' } } });
    expect(token).toEqual({ token: 't1', refreshToken: 'r1', expiresAt: Date.UTC(2026, 11, 6, 10, 0, 0, 123), userUuid: 'u1' });
    expect(() => readToken({ data: { token: 't1', metadata: {} } })).toThrow(WazoError);
  });

  it("reads a line's SIP username and secret from confd's merged view, as @wazo/sdk does", () => {
    const endpoint = readEndpoint({
      auth_section_options: [['username', 'abcd'], ['password', 's3cret']],
      endpoint_section_options: [['webrtc', 'yes'], ['media_address', '10.0.0.1']],
    });
    expect(endpoint).toEqual({ username: 'abcd', secret: 's3cret', options: [['webrtc', 'yes'], ['media_address', '10.0.0.1']] });
    expect(isWebRtc(endpoint)).toBe(true);
    expect(isWebRtc(readEndpoint({ auth_section_options: [], endpoint_section_options: [['webrtc', 'no']] }))).toBe(false);
  });

  it("reads dird's lookup table by its column types: the name, and each number labelled by its header", () => {
    const answer = {
      column_headers: ['Nom', 'Prénom', 'Nom de famille', 'Numéro', 'Mobile', 'Boîte vocale', 'Favoris', 'E-mail'],
      column_types: ['name', 'firstname', 'lastname', 'number', 'number', 'voicemail', 'favorite', 'email'],
      results: [
        { column_values: ['Bob Builder', 'Bob', 'Builder', '+14155550142', '+14155550199', null, false, null] },
        { column_values: [null, 'Carol', 'Singer', '1003', null, null, false, null] },
        { column_values: ['No Number', 'No', 'Number', null, null, null, false, null] },
      ],
      term: 'b',
    };
    expect(readLookup(answer)).toEqual([
      { name: 'Bob Builder', number: '+14155550142' },
      { name: 'Bob Builder', number: '+14155550199', label: 'Mobile' },
      { name: 'Carol Singer', number: '1003' },
    ]);
    expect(() => readLookup({ results: [] })).toThrow(WazoError);
  });

  it("reads call-logd's CDRs from the user's side: who the other party was, and what was missed", () => {
    const log = readCallLog(
      {
        items: [
          { id: 7, start: '2026-12-06T10:00:00.000000+00:00', end: '2026-12-06T10:00:20.000000+00:00', answered: false, answer: null, call_direction: 'internal', source_user_uuid: 'dana', source_name: 'Dana Desk', source_extension: '1009', destination_user_uuid: 'me', destination_name: 'Alice Wazo', destination_extension: '1011' },
          { id: 8, start: '2026-12-06T11:00:00.000000+00:00', end: '2026-12-06T11:05:00.000000+00:00', answered: true, answer: '2026-12-06T11:00:05.000000+00:00', call_direction: 'outbound', source_user_uuid: 'me', source_name: 'Alice Wazo', source_extension: '1011', destination_user_uuid: null, destination_name: '', destination_extension: '+14155550142' },
        ],
        filtered: 2,
        total: 2,
      },
      'me',
    );
    expect(log).toEqual([
      { id: 'wazo-cdr:7', direction: 'inbound', target: '1009', number: '1009', name: 'Dana Desk', startedAt: Date.UTC(2026, 11, 6, 10), endedAt: Date.UTC(2026, 11, 6, 10, 0, 20), outcome: 'missed' },
      { id: 'wazo-cdr:8', direction: 'outbound', target: '+14155550142', number: '+14155550142', startedAt: Date.UTC(2026, 11, 6, 11), answeredAt: Date.UTC(2026, 11, 6, 11, 0, 5), endedAt: Date.UTC(2026, 11, 6, 11, 5), outcome: 'answered' },
    ]);
  });

  it('tells a refused login from a lapsed token and from a server it cannot reach', async () => {
    const answer = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status });
    const refused = wazoClient('https://w', answer(401, { reason: ['Authentication Failed'] }));
    await expect(refused.signIn('a', 'b', 60, 'c')).rejects.toMatchObject({ failure: 'login' });
    await expect(refused.refresh('r', 'c', 60)).rejects.toMatchObject({ failure: 'signed-out' });
    const away = wazoClient('https://w', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(away.user({ token: 't', userUuid: 'u', expiresAt: 0 })).rejects.toMatchObject({ failure: 'unreachable' });
    const broken = wazoClient('https://w', answer(503, { message: 'down' }));
    await expect(broken.user({ token: 't', userUuid: 'u', expiresAt: 0 })).rejects.toMatchObject({ failure: 'server', status: 503 });
  });

  it('sends the login as Basic auth and asks for a refresh token only with a client id', async () => {
    const seen: { auth?: string; body: unknown }[] = [];
    const client = wazoClient('https://w', async (_url, init) => {
      seen.push({ auth: (init?.headers as Record<string, string>).Authorization, body: JSON.parse(String(init?.body)) });
      return new Response(JSON.stringify({ data: { token: 't', utc_expires_at: '2030-01-01T00:00:00', metadata: { uuid: 'u' } } }));
    });
    await client.signIn('alice', 'pässword', 60, 'offhook-1');
    await client.signIn('alice', 'pw', 60);
    expect(seen[0]!.auth).toBe(`Basic ${Buffer.from('alice:pässword').toString('base64')}`);
    expect(seen[0]!.body).toEqual({ backend: 'wazo_user', expiration: 60, access_type: 'offline', client_id: 'offhook-1' });
    expect(seen[1]!.body).toEqual({ backend: 'wazo_user', expiration: 60 });
  });
});
