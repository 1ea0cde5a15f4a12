import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, inject, onTestFailed } from 'vitest';
import { startGenesysStandIn, type GenesysStandIn } from '../harness/genesys/stand-in';
import { attachGenesysStreaming, type GenesysStreaming } from '../harness/genesys/streaming-stand-in';
import { World } from './support/world';

// "Offhook as the Genesys phone", first step: Genesys's WebRTC SDK as the build ships it
// (/genesys-webrtc.js, scripts/genesys-webrtc/bundle.ts) loads in the extension's real MV3
// offscreen document, under the extension's CSP, and starts against the Genesys stand-in (REST,
// then the streaming service's XMPP socket, streaming-stand-in.ts) with a user's token.
// The connector that makes it the user's phone (src/providers/genesys/softphone/) is still to
// come; this measures what it will cost.
describe('Genesys’s WebRTC SDK in the offscreen document', () => {
  const EMAIL = 'agent@example.com';
  let genesys: GenesysStandIn;
  let streaming: GenesysStreaming;
  let world: World;

  beforeAll(async () => {
    // Genesys's streaming client will not connect while navigator.onLine is false ("Browser is
    // offline, skipping connection attempt"), and Chromium says offline in scripts/e2e.sh's
    // loopback-only network namespace. An interface that leads nowhere makes it say online.
    // Only in that namespace (loopback its only interface), never on a host's own network.
    const links = () => execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).trim().split('\n');
    if (process.getuid?.() === 0 && links().length === 1 && links()[0]!.includes(' lo:')) {
      try {
        // A veth pair with both ends here: up and addressed, it carries nothing anywhere.
        execFileSync('ip', ['link', 'add', 'offhook0', 'type', 'veth', 'peer', 'name', 'offhook1'], { stdio: 'ignore' });
        execFileSync('ip', ['addr', 'add', '198.51.100.1/24', 'dev', 'offhook0'], { stdio: 'ignore' });
        execFileSync('ip', ['link', 'set', 'offhook1', 'up'], { stdio: 'ignore' });
        execFileSync('ip', ['link', 'set', 'offhook0', 'up'], { stdio: 'ignore' });
      } catch {
        // No veth in this kernel: the test then says why it cannot connect.
      }
    }
    genesys = await startGenesysStandIn();
    streaming = attachGenesysStreaming(genesys);
    genesys.addUser({ email: EMAIL, password: 'genesys-pw', name: 'Ann Agent' });
    world = await World.start(inject('extensionDir'), {
      chromiumArgs: [`--host-resolver-rules=${genesys.hostResolverRules}`, `--ignore-certificate-errors-spki-list=${genesys.spkiHash}`],
    });
  });
  afterAll(async () => {
    streaming?.close();
    await world?.close();
    await genesys?.close();
  });

  it('loads under the extension’s CSP and starts: connected to the stand-in, a call proposed rings', { timeout: 40_000 }, async () => {
    // The document the SIP softphone and Webex's SDK live in, made as the extension makes it.
    const worker = await world.worker();
    await worker.evaluate(async () => {
      const offscreen = (globalThis as unknown as { chrome: { offscreen: { hasDocument(): Promise<boolean>; createDocument(p: object): Promise<void> } } }).chrome.offscreen;
      if (!(await offscreen.hasDocument())) await offscreen.createDocument({ url: 'offscreen.html', reasons: ['WEB_RTC', 'USER_MEDIA'], justification: 'e2e' });
    });
    const doc = await world.attachSoftphone();
    onTestFailed(() => console.info(`offscreen console:\n${doc.console.slice(-40).join('\n')}\nerrors: ${doc.errors.join('\n')}\nstanzas: ${streaming.stanzas.length}, requests: ${genesys.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(', ')}`));
    console.info(`navigator.onLine in the offscreen document: ${String(await doc.evaluate('navigator.onLine'))}`);
    const token = genesys.tokenFor(EMAIL);
    const started = (await doc.evaluate(`(async () => {
      const t0 = performance.now();
      const { GenesysCloudWebrtcSdk } = await import(chrome.runtime.getURL('/genesys-webrtc.js'));
      const loaded = performance.now() - t0;
      const sdk = new GenesysCloudWebrtcSdk({ accessToken: ${JSON.stringify(token)}, environment: 'mypurecloud.com', allowedSessionTypes: ['softphone'], optOutOfTelemetry: true, logLevel: 'warn' });
      globalThis.__genesysPending = [];
      sdk.on('pendingSession', (p) => globalThis.__genesysPending.push(p.conversationId));
      await sdk.initialize();
      globalThis.__genesysSdk = sdk;
      return JSON.stringify({ loaded, ready: performance.now() - t0 });
    })()`)) as string;
    const { loaded, ready } = JSON.parse(started) as { loaded: number; ready: number };
    console.info(`genesys-webrtc.js in the offscreen document: imported in ${Math.round(loaded)} ms, initialize() connected and ready ${Math.round(ready)} ms after the import began`);
    expect(streaming.bound(EMAIL)).toBe(1);
    expect(doc.errors.filter((e) => /Content Security Policy|EvalError|unsafe-eval/i.test(e))).toEqual([]);
    expect(doc.console.filter((c) => /Content Security Policy|unsafe-eval/i.test(c))).toEqual([]);

    const { conversationId } = genesys.incomingCall(EMAIL, { number: '+14155550142', name: 'Bob' });
    streaming.propose(EMAIL, { conversationId });
    await expect.poll(async () => (await doc.evaluate('JSON.stringify(globalThis.__genesysPending)')) as string, { timeout: 5_000 }).toContain(conversationId);
    expect(streaming.unanswered).toEqual([]);
    expect(streaming.clientErrors).toEqual([]);
    await doc.evaluate('globalThis.__genesysSdk.destroy()');
    await doc.detach();
  });
});
