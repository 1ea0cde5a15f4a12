// Proves the streaming stand-in faithful by driving it with Genesys's own WebRTC SDK
// (genesys-cloud-webrtc-sdk, with its genesys-cloud-streaming-client and stanza), bundled as the
// extension bundles it (scripts/genesys-webrtc/bundle.ts) and run in real Chromium on a page
// under the CSP of an MV3 extension page (script-src 'self': no eval, no remote code). The SDK
// starts (REST, then XMPP over WebSocket), rings (pendingSession), hears another client take
// the call (handledPendingSession) and the caller give up (cancelPendingSession), accepts a
// call whose audio flows both ways with a second page (the media far end, Chromium's fake
// microphone), and keeps that call through a socket drop. Every stanza the SDK sent was
// understood, and it answered none with an error.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleGenesysWebrtc, GENESYS_WEBRTC_FILE } from '../../../scripts/genesys-webrtc/bundle';
import { launchChromium, type LaunchedChromium } from '../browser';
import { pollUntil } from '../poll';
import { startStaticServer, type StaticServer } from '../static-server';
import { startGenesysStandIn, type GenesysStandIn } from './stand-in';
import { attachGenesysStreaming, type GenesysStreaming } from './streaming-stand-in';
import { pageMediaPeer, pageMediaBytes } from './page-media-peer';

const EMAIL = 'agent@example.com';
// The CSP Chromium gives an MV3 extension page (manifest V3's default content_security_policy.extension_pages).
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";
const PAGE = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${CSP}"><script type="module" src="./sdk-page.js"></script>`;
// The page's script: the SDK, its events kept for the test.
const PAGE_SCRIPT = `import { GenesysCloudWebrtcSdk } from './${GENESYS_WEBRTC_FILE}';
const events = [];
window.__events = events;
window.__start = async (accessToken) => {
  const t0 = performance.now();
  // As Offhook runs it (genesys-webrtc-phone.ts): each session accepted by the app, not by the SDK.
  const sdk = new GenesysCloudWebrtcSdk({ accessToken, environment: 'mypurecloud.com', allowedSessionTypes: ['softphone'], optOutOfTelemetry: true, logLevel: 'warn', autoConnectSessions: false, useHeadsets: false });
  window.__sdk = sdk;
  for (const name of ['pendingSession', 'handledPendingSession', 'cancelPendingSession', 'sessionStarted', 'sessionEnded', 'connected', 'disconnected', 'sdkError'])
    sdk.on(name, (e) => events.push({ name, conversationId: e?.conversationId, sessionId: e?.sessionId ?? e?.id, reconnect: e?.reconnect, message: e?.message }));
  sdk.on('sessionStarted', (session) => { window.__session = session; });
  await sdk.initialize();
  return { ms: performance.now() - t0, iceServers: sdk._streamingConnection._webrtcSessions.iceServers };
};
window.__bytes = async () => {
  let sent = 0, received = 0;
  (await window.__session.peerConnection.getStats()).forEach((r) => {
    if (r.type === 'outbound-rtp' && r.kind === 'audio') sent += r.bytesSent;
    if (r.type === 'inbound-rtp' && r.kind === 'audio') received += r.bytesReceived;
  });
  return { sent, received };
};
`;

let genesys: GenesysStandIn;
let streaming: GenesysStreaming;
let chromium: LaunchedChromium;
let server: StaticServer;
let dir: string;
let page: Page;
let farEnd: Page;
let bundleBytes = 0;

type SdkEvent = { name: string; conversationId?: string; sessionId?: string; reconnect?: boolean; message?: string };
const events = () => page.evaluate(() => (window as unknown as { __events: SdkEvent[] }).__events);
const waitForEvent = (name: string, conversationId: string, timeoutMs = 5_000) =>
  pollUntil(events, (all) => all.some((e) => e.name === name && e.conversationId === conversationId), () => `no ${name} for ${conversationId} within ${timeoutMs} ms`, timeoutMs);

const sdkBytes = () => page.evaluate(() => (window as unknown as { __bytes(): Promise<{ sent: number; received: number }> }).__bytes());

beforeAll(async () => {
  genesys = await startGenesysStandIn();
  genesys.addUser({ email: EMAIL, password: 'pw', name: 'Ann Agent' });
  streaming = attachGenesysStreaming(genesys, { mediaPeer: () => pageMediaPeer(farEnd), services: [{ type: 'stun', host: '127.0.0.1', port: 3478 }, { type: 'turn', host: '127.0.0.1', port: 3478, username: 'u', password: 'p' }] });
  dir = await mkdtemp(path.join(os.tmpdir(), 'offhook-genesys-sdk-'));
  const bundle = await bundleGenesysWebrtc();
  bundleBytes = Buffer.byteLength(bundle);
  await writeFile(path.join(dir, GENESYS_WEBRTC_FILE), bundle);
  await writeFile(path.join(dir, 'sdk-page.js'), PAGE_SCRIPT);
  await writeFile(path.join(dir, 'index.html'), PAGE);
  server = await startStaticServer({ '/': dir });
  chromium = await launchChromium({ extraArgs: [`--host-resolver-rules=${genesys.hostResolverRules}`, `--ignore-certificate-errors-spki-list=${genesys.spkiHash}`] });
  page = await chromium.context.newPage();
  farEnd = await chromium.context.newPage();
  await farEnd.goto(`${server.origin}/index.html`);
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  if (process.env.GENESYS_DEBUG) page.on('console', (m) => console.log('PAGE', m.type(), m.text().slice(0, 400)));
  await page.goto(`${server.origin}/index.html`);
  await page.waitForFunction(() => typeof (window as unknown as { __start?: unknown }).__start === 'function');
  expect(violations).toEqual([]);
}, 60_000);

afterAll(async () => {
  if (process.env.GENESYS_DEBUG) {
    console.log(genesys.requests.map((r) => `${r.method} ${r.host}${r.path}?${r.query} ${r.status}`).join('\n'));
    console.log(streaming.stanzas.map((s) => `${s.dir} ${s.xml.slice(0, 300)}`).join('\n'));
  }
  await page?.evaluate(() => (window as unknown as { __sdk?: { destroy(): Promise<void> } }).__sdk?.destroy()).catch(() => undefined);
  streaming?.close();
  await chromium?.close();
  await server?.stop();
  await genesys?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('Genesys’s WebRTC SDK against the streaming stand-in', () => {
  it('loads under an MV3 page’s CSP and starts: REST, then XMPP signed in, bound, ICE servers from extdisco', { timeout: 30_000 }, async () => {
    const started = await page.evaluate((token) => (window as unknown as { __start(t: string): Promise<{ ms: number; iceServers: unknown[] }> }).__start(token), genesys.tokenFor(EMAIL));
    console.info(`genesys-webrtc bundle ${bundleBytes} bytes; initialize() to ready in ${Math.round(started.ms)} ms`);
    expect(streaming.bound(EMAIL)).toBe(1);
    expect(started.iceServers).toEqual([
      { type: 'turn', urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'p' },
      { type: 'stun', urls: 'stun:127.0.0.1:3478' },
    ]);
    const paths = genesys.requests.filter((r) => r.host === 'api.mypurecloud.com').map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(paths).toEqual(expect.arrayContaining(['GET /api/v2/organizations/me 200', 'GET /api/v2/users/me 200', 'POST /api/v2/notifications/channels 200', expect.stringMatching(/^GET \/api\/v2\/stations\/.+ 200$/)]));
    // The conversations topic over XMPP pubsub (the station's goes through the REST subscriptions).
    expect([...(streaming.subscriptions.get(EMAIL) ?? [])]).toEqual([expect.stringMatching(/^v2\.users\.[0-9a-f-]+\.conversations$/)]);
    expect((await events()).filter((e) => e.name === 'sdkError')).toEqual([]);
  });

  it('a propose rings (pendingSession); an accept from another client stops it (handledPendingSession)', async () => {
    const { conversationId } = genesys.incomingCall(EMAIL, { number: '+14155550142', name: 'Bob' });
    const proposed = streaming.propose(EMAIL, { conversationId });
    await waitForEvent('pendingSession', conversationId);
    expect((await events()).find((e) => e.name === 'pendingSession' && e.conversationId === conversationId)?.sessionId).toBe(proposed.sessionId);
    streaming.answeredElsewhere(proposed.sessionId);
    genesys.answeredElsewhere(conversationId);
    await waitForEvent('handledPendingSession', conversationId);
  });

  it('a retract stops the ringing (cancelPendingSession)', async () => {
    const { conversationId } = genesys.incomingCall(EMAIL, { number: '+14155550143' });
    const proposed = streaming.propose(EMAIL, { conversationId });
    await waitForEvent('pendingSession', conversationId);
    streaming.retract(proposed.sessionId);
    await waitForEvent('cancelPendingSession', conversationId);
  });

  it('accepting proceeds, the offer becomes a session, and audio flows both ways; a socket drop keeps the session', async () => {
    const { conversationId } = genesys.incomingCall(EMAIL, { number: '+14155550144' });
    const proposed = streaming.propose(EMAIL, { conversationId });
    await waitForEvent('pendingSession', conversationId);
    await page.evaluate((id) => (window as unknown as { __sdk: { acceptPendingSession(p: { conversationId: string }): Promise<void> } }).__sdk.acceptPendingSession({ conversationId: id }), conversationId);
    await waitForEvent('sessionStarted', conversationId);
    expect(streaming.proceeds).toContain(proposed.sessionId);
    await page.evaluate((id) => (window as unknown as { __sdk: { acceptSession(p: { conversationId: string }): Promise<void> } }).__sdk.acceptSession({ conversationId: id }), conversationId);
    await pollUntil(() => Promise.resolve(proposed.answered), Boolean, () => 'no answer from the SDK', 5_000);
    const flowing = async (from: { sent: number; received: number }) => {
      const sdk = await pollUntil(sdkBytes, (b) => b.sent > from.sent + 2_000 && b.received > from.received + 2_000, (b) => `SDK audio: ${JSON.stringify(b)}`, 10_000);
      const far = await pollUntil(() => pageMediaBytes(farEnd), (b) => b.sent > 2_000 && b.received > 2_000, (b) => `far end audio: ${JSON.stringify(b)}`, 10_000);
      return { sdk, far };
    };
    const before = await flowing({ sent: 0, received: 0 });
    console.info(`audio both ways: SDK sent ${before.sdk.sent} received ${before.sdk.received}; far end sent ${before.far.sent} received ${before.far.received}`);

    // The network drops the socket: the SDK reconnects by itself and the call goes on.
    const connectedBefore = (await events()).filter((e) => e.name === 'connected').length;
    streaming.dropSockets();
    await pollUntil(events, (all) => all.filter((e) => e.name === 'connected').length > connectedBefore, () => 'the SDK did not reconnect', 20_000);
    await streaming.waitBound(EMAIL);
    await flowing(before.sdk);
    expect((await events()).some((e) => e.name === 'sessionEnded')).toBe(false);
    expect(streaming.webrtcMethods.filter((m) => m.sessionId === proposed.sessionId).map((m) => m.method)).toEqual(expect.arrayContaining(['answer', 'iceCandidate']));
  }, 60_000);

  it('the SDK sent nothing the stand-in did not understand, and answered nothing with an error', () => {
    expect(streaming.unanswered).toEqual([]);
    expect(streaming.clientErrors).toEqual([]);
  });
});
