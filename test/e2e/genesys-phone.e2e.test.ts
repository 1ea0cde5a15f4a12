import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, inject, onTestFailed } from 'vitest';
import { startGenesysStandIn, type GenesysStandIn } from '../harness/genesys/stand-in';
import { attachGenesysStreaming, type GenesysStreaming } from '../harness/genesys/streaming-stand-in';
import { pageMediaBytes, pageMediaPeer } from '../harness/genesys/page-media-peer';
import { linkWebrtcStation, type WebrtcStation } from '../harness/genesys/webrtc-station';
import { pollUntil } from '../harness/poll';
import type { GenesysPhoneState } from '../../src/shared/messaging/protocol';
import type { MediaFigures } from '../../src/shared/call/call-info';
import type { PhoneSnapshot } from '../../src/shared/phone/snapshot';
import { loudest } from './support/loudest';
import { onlineInNetworkNamespace } from './support/online-in-netns';
import { World } from './support/world';

// "Offhook: this browser is my Genesys WebRTC phone": the agent signs in as for the API-driven
// mode and chooses it; Genesys's WebRTC SDK, as the build ships it (/genesys-webrtc.js), starts
// in the extension's real offscreen document under the extension's CSP and becomes the agent's
// WebRTC station on the streaming stand-in (streaming-stand-in.ts, proven with the same SDK).
// Calls for the station ring in the popup and play here; Genesys's media is a page of the same
// Chromium (page-media-peer.ts), so every "audio" below is RTP bytes counted at both ends.
describe('Offhook as the Genesys phone', () => {
  const CLIENT_ID = '7de3af06-5b0e-4a3c-9d1f-2c8e4b6a9f10';
  const EMAIL = 'agent@example.com';
  let genesys: GenesysStandIn;
  let streaming: GenesysStreaming;
  let station: WebrtcStation;
  let world: World;
  let farEnd: Page;

  beforeAll(async () => {
    onlineInNetworkNamespace();
    genesys = await startGenesysStandIn({ heartbeatS: 5 });
    streaming = attachGenesysStreaming(genesys, { mediaPeer: () => pageMediaPeer(farEnd) });
    station = linkWebrtcStation(genesys, streaming);
    world = await World.start(inject('extensionDir'), {
      chromiumArgs: [`--host-resolver-rules=${genesys.hostResolverRules}`, `--ignore-certificate-errors-spki-list=${genesys.spkiHash}`],
    });
    genesys.addClient({ clientId: CLIENT_ID, redirectUris: [`https://${world.extensionId}.chromiumapp.org/`] });
    genesys.addUser({ email: EMAIL, password: 'genesys-pw', name: 'Ann Agent' });
    farEnd = await world.openFixture('no-numbers.html');
  });
  afterAll(async () => {
    streaming?.close();
    await world?.close();
    await genesys?.close();
  });

  beforeEach(() =>
    onTestFailed(() => {
      console.info(`requests: ${genesys.requests.slice(-40).map((r) => `${r.method} ${r.host}${r.path} ${r.status}`).join('\n')}`);
      console.info(`stanzas: ${streaming.stanzas.slice(-40).map((s) => `${s.dir} ${s.xml.slice(0, 300)}`).join('\n')}`);
    }),
  );

  const line = async (): Promise<PhoneSnapshot> =>
    (await world.worker()).evaluate(() => (globalThis as unknown as { __offhookE2E: { softphone(m: boolean): Promise<PhoneSnapshot> } }).__offhookE2E.softphone(false));
  /** A request to the phone in the offscreen document, sent as the worker sends it. */
  const ask = async <T,>(type: string, payload: object): Promise<T> =>
    (await world.worker()).evaluate(
      async ([t, p]) => {
        const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ ok: boolean; value: unknown; error?: string }> } } };
        const reply = await chrome.runtime.sendMessage({ offhook: 1, channel: 'genesys-phone', kind: 'request', type: t, payload: p });
        if (!reply.ok) throw new Error(reply.error);
        return reply.value as never;
      },
      [type, payload] as const,
    );
  const phone = () => ask<GenesysPhoneState & { audio?: { level?: number; sinkId?: string } }>('genesys-phone:state', { withMedia: true });
  const offhookBytes = async (conversationId: string) =>
    ((await ask<{ ok: boolean; media?: MediaFigures | null }>('genesys-phone:command', { command: { action: 'stats', callId: conversationId } })).media ?? { bytesSent: 0, bytesReceived: 0 }) as MediaFigures;
  /** Audio both ways, more of it than at `from`: counted by Offhook's peer connection and by Genesys's media. */
  const audioFlows = async (conversationId: string, from = { bytesSent: 0, bytesReceived: 0 }) => {
    const here = await pollUntil(() => offhookBytes(conversationId), (b) => b.bytesSent > from.bytesSent + 2_000 && b.bytesReceived > from.bytesReceived + 2_000, (b) => `Offhook's audio: ${JSON.stringify(b)}`, 15_000);
    await pollUntil(() => pageMediaBytes(farEnd), (b) => b.sent > 2_000 && b.received > 2_000, (b) => `Genesys's media: ${JSON.stringify(b)}`, 15_000);
    return here;
  };

  it('signs in as the Genesys phone: the SDK starts in the offscreen document, this browser is the station, the popup says registered', { timeout: 60_000 }, async () => {
    const options = world.takeWelcomePage() ?? (await world.context.newPage());
    if (!options.url().includes('options.html')) await options.goto(world.url('options.html'));
    await options.getByLabel('Phone system').selectOption({ label: 'Genesys Cloud (sign in with Genesys)' });
    await options.getByLabel('Region').selectOption('mypurecloud.com');
    await options.getByLabel('OAuth client id').fill(CLIENT_ID);
    await options.getByLabel('Your phone').selectOption({ label: 'Offhook: this browser is my Genesys WebRTC phone' });
    const loginPage = world.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(genesys.loginOrigin), timeout: 15_000 });
    await options.getByRole('button', { name: 'Save' }).click();
    const login = await loginPage;
    await login.getByLabel('Email').fill(EMAIL);
    await login.getByLabel('Password').fill('genesys-pw');
    const t0 = Date.now();
    await login.getByRole('button', { name: 'Log In' }).click();
    await options.getByText(/Saved\./).waitFor({ timeout: 15_000 });
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 30_000 });
    console.info(`Genesys phone: from the login to registered as the station in ${Date.now() - t0} ms (sign-in, notifications channel, SDK import and start)`);
    expect(streaming.bound(EMAIL)).toBe(1);
    expect((await phone()).registration).toEqual({ state: 'registered', aor: 'agent@example.com@mypurecloud.com' });
    // The SDK asked for the station and its ICE servers (extdisco), as Genesys's own client does.
    expect(genesys.requests.some((r) => /^\/api\/v2\/stations\/.+/.test(r.path) && r.status === 200)).toBe(true);
    expect(streaming.stanzas.some((s) => s.dir === 'in' && s.xml.includes('urn:xmpp:extdisco:1'))).toBe(true);
    const doc = await world.attachSoftphone();
    expect(doc.errors.filter((e) => /Content Security Policy|EvalError|unsafe-eval/i.test(e))).toEqual([]);
    await doc.detach();
    await popup.close();
    await options.close();
  });

  it('a call for the station rings here with the ringtone; Answer takes it, audio both ways; Hang up ends the session', { timeout: 60_000 }, async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const { conversationId, sessionId } = station.ring(EMAIL, { number: '+14155550143', name: 'Carol Customer' });
    const incoming = popup.locator('.call.incoming');
    await incoming.waitFor();
    expect(await incoming.locator('.who').textContent()).toContain('Carol Customer');
    await expect.poll(async () => (await phone()).ringing).toEqual([conversationId]);
    expect((await phone()).tone).toBe('ringtone');
    // The ringtone sounds in the offscreen document.
    await expect.poll(async () => (await phone()).audio?.level ?? 0).toBeGreaterThan(0);

    await popup.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect.poll(() => streaming.proceeds).toContain(sessionId);
    await popup.locator('.call.active[data-call-state="established"]').waitFor({ timeout: 10_000 });
    // Answered through the station (the SDK), not by a PATCH of the participant.
    expect(genesys.participantRequests.filter((r) => r.conversationId === conversationId)).toEqual([]);
    const bytes = await audioFlows(conversationId);
    console.info(`Genesys phone call: Offhook sent ${bytes.bytesSent} and received ${bytes.bytesReceived} bytes of audio`);
    expect((await phone()).tone).toBeNull();

    await popup.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(async () => (await line()).calls.length, { timeout: 10_000 }).toBe(0);
    await expect.poll(async () => (await phone()).media).toEqual([]);
    expect(genesys.participantRequests.find((r) => r.conversationId === conversationId)?.body).toEqual({ state: 'disconnected' });
    await popup.close();
  });

  it('a ringing call answered on another device stops ringing here within a second', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const { conversationId } = station.ring(EMAIL, { number: '+14155550144', name: 'Dan' });
    await popup.locator('.call.incoming').waitFor();
    await expect.poll(async () => (await phone()).ringing).toEqual([conversationId]);
    const t = Date.now();
    station.answeredElsewhere(conversationId);
    await popup.locator('.call.incoming').waitFor({ state: 'detached', timeout: 1_000 });
    await pollUntil(phone, (s) => s.ringing.length === 0 && s.tone === null, (s) => `still ringing: ${JSON.stringify(s)}`, 1_000);
    expect(Date.now() - t).toBeLessThan(1_000);
    await popup.close();
  });

  it('Decline rejects the call as Genesys’s SDK does (to the agent’s voicemail); it stops ringing and ends here', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const { conversationId } = station.ring(EMAIL, { number: '+14155550145' });
    await popup.locator('.call.incoming').waitFor();
    await expect.poll(async () => (await phone()).ringing).toEqual([conversationId]);
    await popup.getByRole('button', { name: 'Decline' }).click();
    await expect.poll(async () => (await line()).calls.length).toBe(0);
    // The SDK's rejectPendingSession for a user's call: POST …/replace {voicemail: true}.
    expect(genesys.participantRequests.filter((r) => r.conversationId === conversationId).map((r) => [r.method, r.path.split('/').pop(), r.body])).toEqual([['POST', 'replace', { voicemail: true }]]);
    await expect.poll(async () => (await phone()).ringing).toEqual([]);
    await popup.close();
  });

  it('a number clicked on a page rings out from this browser: audio both ways, and the call outlives a dropped streaming socket', { timeout: 90_000 }, async () => {
    const page = await world.callFromCard('#bob-number');
    await expect.poll(() => genesys.dials.length).toBe(1);
    expect(genesys.dials[0]!.body).toEqual({ phoneNumber: '+14155550142' });
    const popup = await world.openPopup();
    const conversationId = (await pollUntil(line, (s) => s.calls.length === 1, () => 'no call in the line', 10_000)).calls[0]!.id;
    // Genesys reaches the station first (autoAnswer): the SDK takes it without ringing.
    await expect.poll(async () => (await phone()).media, { timeout: 10_000 }).toEqual([conversationId]);
    expect((await phone()).ringing).toEqual([]);
    genesys.farEndAnswers(conversationId);
    await popup.locator('.call.active[data-call-state="established"]').waitFor();
    const before = await audioFlows(conversationId);

    const connections = streaming.bound(EMAIL);
    streaming.dropSockets();
    await streaming.waitBound(EMAIL, connections, 30_000);
    await expect.poll(async () => (await line()).registration.state, { timeout: 15_000 }).toBe('registered');
    await audioFlows(conversationId, before);
    expect((await line()).calls.map((c) => c.state)).toEqual(['established']);

    await popup.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(async () => (await line()).calls.length, { timeout: 10_000 }).toBe(0);
    await expect.poll(async () => (await phone()).media).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('the speaker chosen in the options plays the call; Test ringer sounds through the Genesys phone on the ringer chosen', { timeout: 60_000 }, async () => {
    const options = await world.context.newPage();
    await options.goto(world.url('options.html'));
    const select = (label: string) => options.locator('.audio').getByLabel(label, { exact: true });
    await expect.poll(() => select('Speaker').locator('option').count()).toBeGreaterThan(2);
    const outputs = (await select('Speaker').locator('option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value))).filter(Boolean);
    const [speaker, ringer] = outputs as [string, string];
    await select('Speaker').selectOption(speaker);
    await select('Ringer').selectOption(ringer);
    await options.locator('.audio').getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await options.getByRole('button', { name: 'Test ringer' }).click();
    await expect.poll(async () => (await phone()).audio?.testing).toBe('ringer');
    const ring = await loudest(async () => (await phone()).audio, 1_200);
    expect(ring.level).toBeGreaterThan(0.01);
    expect(ring.sinkId).toBe(ringer);
    await expect.poll(async () => (await phone()).audio?.testing, { timeout: 5_000 }).toBe(null);

    const popup = await world.openPopup();
    const { conversationId } = station.ring(EMAIL, { number: '+14155550146' });
    await popup.locator('.call.incoming').waitFor();
    await popup.getByRole('button', { name: 'Answer', exact: true }).click();
    await popup.locator('.call.active[data-call-state="established"]').waitFor({ timeout: 10_000 });
    await audioFlows(conversationId);
    const doc = await world.attachSoftphone();
    const elements = (await doc.evaluate(
      `JSON.stringify([...document.querySelectorAll('audio')].filter((a) => a.srcObject).map((a) => ({ sinkId: a.sinkId, tracks: a.srcObject.getAudioTracks().filter((t) => t.readyState === 'live').length })))`,
    )) as string;
    expect(JSON.parse(elements)).toEqual([{ sinkId: speaker, tracks: 1 }]);
    await doc.detach();
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(async () => (await phone()).media, { timeout: 10_000 }).toEqual([]);
    await popup.close();
    await options.close();
  });

  it('the SDK sent nothing the stand-in did not understand, and answered nothing with an error', () => {
    expect(streaming.unanswered).toEqual([]);
    expect(streaming.clientErrors).toEqual([]);
  });
});
