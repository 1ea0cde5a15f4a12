// Proves the end-to-end harness on its own, without the extension: two party pages call
// each other through Kamailio in one Chromium, with real audio both ways.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extensionId, launchChromium, type LaunchedChromium } from '../harness/browser.js';
import { CleanupStack } from '../harness/cleanup-stack.js';
import { startKamailio, type SipServer } from '../harness/kamailio.js';
import { Party, PARTY_ROUTES } from '../harness/party.js';
import { startStaticServer, type StaticServer } from '../harness/static-server.js';

describe('e2e harness', () => {
  let sip: SipServer;
  let web: StaticServer;
  let browser: LaunchedChromium;
  let bob: Party;
  let carol: Party;
  const cleanup = new CleanupStack();

  beforeAll(async () => {
    sip = cleanup.defer(await startKamailio(), (s) => s.stop());
    web = cleanup.defer(await startStaticServer({ ...PARTY_ROUTES }), (w) => w.stop());
    browser = cleanup.defer(await launchChromium({ headless: true }), (b) => b.close());
    bob = cleanup.defer(
      await Party.open(browser.context, web.origin, sip, 'bob', { displayName: 'Bob Builder' }),
      (p) => p.close(),
    );
    carol = cleanup.defer(await Party.open(browser.context, web.origin, sip, 'carol'), (p) => p.close());
  });

  afterAll(() => cleanup.run());

  beforeEach(({ onTestFailed }) => {
    onTestFailed(() => {
      const lines = sip?.log().split('\n').filter((l) => l.includes('OFFHOOK-')) ?? [];
      console.log(`--- last SIP traffic seen by Kamailio ---\n${lines.slice(-60).join('\n')}`);
    });
  });

  it('registers both parties through digest auth', () => {
    const registers = sip.requests('REGISTER');
    expect(registers.filter((r) => r.from === 'bob').length).toBeGreaterThanOrEqual(2); // challenge + credentials
    expect(registers.filter((r) => r.from === 'carol').length).toBeGreaterThanOrEqual(2);
    expect(sip.replies()).toContainEqual(expect.objectContaining({ code: 401, method: 'REGISTER' }));
  });

  it('bob calls carol, both hear each other, bob hangs up', async () => {
    await bob.call('carol');
    await carol.waitForState('ringing-in');
    expect(await bob.state()).toBe('calling');
    expect(await carol.lastInvite()).toMatchObject({ fromUser: 'bob', fromDisplayName: 'Bob Builder' });

    await carol.answer();
    await Promise.all([bob.waitForState('established'), carol.waitForState('established')]);
    expect(await bob.lastFinalResponse()).toBe(200);

    // Established alone proves nothing about media: assert RTP bytes on both sides.
    await Promise.all([bob.waitForAudio(1000, 10_000), carol.waitForAudio(1000, 10_000)]);
    expect((await bob.audio()).bytesSent).toBeGreaterThan(0);
    expect((await carol.audio()).packetsReceived).toBeGreaterThan(0);

    // In-dialog re-INVITEs from the callee's side travel on the caller's Contact alias.
    expect(await carol.hold(true)).toBe(200);
    expect(await carol.hold(false)).toBe(200);
    expect(await bob.events()).toContainEqual(expect.stringContaining('reinvite-received 200'));
    expect(await bob.state()).toBe('established');

    await bob.hangup();
    await Promise.all([bob.waitForState('terminated'), carol.waitForState('terminated')]);
    expect(await carol.events()).toContainEqual(expect.stringContaining('bye-received'));

    const invite = sip.requests('INVITE').find((r) => r.from === 'bob' && r.to === 'carol');
    expect(invite?.ruri).toBe('sip:carol@offhook.test');
    const byes = sip.requests('BYE').filter((r) => r.callId === invite?.callId);
    expect(byes).toHaveLength(1);
    // Carol is terminated as soon as she gets the BYE; her 200 reaches the log a moment later.
    await expect
      .poll(() => sip.replies())
      .toContainEqual(expect.objectContaining({ code: 200, method: 'BYE', callId: invite?.callId, source: 'relay' }));
  });

  it.each([486, 603] as const)('carol declines with %i and bob gets it as the final response', async (code) => {
    await bob.call('sip:carol@offhook.test');
    await carol.waitForState('ringing-in');
    await carol.decline(code);
    await Promise.all([bob.waitForState('terminated'), carol.waitForState('terminated')]);
    expect(await bob.lastFinalResponse()).toBe(code);
    await expect
      .poll(() => sip.replies())
      .toContainEqual(expect.objectContaining({ code, method: 'INVITE', source: 'relay' }));
  });

  it('bob cancels while carol is ringing', async () => {
    await bob.call('carol');
    await carol.waitForState('ringing-in');
    await bob.cancel();
    await Promise.all([bob.waitForState('terminated'), carol.waitForState('terminated')]);
    expect(await bob.lastFinalResponse()).toBe(487);
    expect(await carol.events()).toContainEqual(expect.stringContaining('cancel-received'));
  });

  it('a call to a user who is not registered fails with 404', async () => {
    await bob.call('alice');
    await bob.waitForState('terminated');
    expect(await bob.lastFinalResponse()).toBe(404);
  });

  it('a wrong password fails registration clearly, after a bounded number of REGISTERs', async () => {
    const before = sip.requests('REGISTER').filter((r) => r.from === 'alice').length;
    const opening = Party.open(browser.context, web.origin, sip, 'alice', { password: 'not-her-password' });
    await expect(opening).rejects.toThrow(/REGISTER for sip:alice@offhook\.test rejected: 401/);

    // Give a looping client or server time to show itself before counting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const attempts = sip.requests('REGISTER').filter((r) => r.from === 'alice').length - before;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(3);
  });

  it('an auto-answering party picks up; once its tab is gone, calls to it fail fast', async () => {
    const alice = await Party.open(browser.context, web.origin, sip, 'alice', { autoAnswer: true });
    try {
      await bob.call('alice');
      await Promise.all([bob.waitForState('established'), alice.waitForState('established')]);
      await bob.waitForAudio(1000);
      await bob.hangup();
      await alice.waitForState('terminated');

      // No un-REGISTER: like a crashed tab or a reloaded extension.
      await alice.page.close();
      await bob.call('alice');
      await bob.waitForState('terminated', 5000);
      expect([404, 480]).toContain(await bob.lastFinalResponse());
    } finally {
      await alice.close();
    }
  });

  it('loads an unpacked MV3 extension in headless Chromium', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'offhook-test-ext-'));
    let withExtension: LaunchedChromium | undefined;
    try {
      await writeFile(
        path.join(dir, 'manifest.json'),
        JSON.stringify({ manifest_version: 3, name: 'harness probe', version: '1.0', background: { service_worker: 'sw.js' } }),
      );
      await writeFile(path.join(dir, 'sw.js'), 'self.addEventListener("install", () => self.skipWaiting());\n');
      withExtension = await launchChromium({ extensionDir: dir, headless: true });
      expect(await extensionId(withExtension.context)).toMatch(/^[a-p]{32}$/);
    } finally {
      await withExtension?.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
