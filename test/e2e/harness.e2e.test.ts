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
import { startSipFlood } from '../harness/sip-flood.js';
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

  it('answerRegisters refuses REGISTERs before auth, for everyone or one user, until switched back', async () => {
    try {
      await sip.answerRegisters(503, { retryAfter: 2 });
      await expect(Party.open(browser.context, web.origin, sip, 'alice')).rejects.toThrow(
        /REGISTER for sip:alice@offhook\.test rejected: 503 Service Unavailable \(Retry-After 2\)/,
      );
      const refused = sip.replies().filter((r) => r.code === 503 && r.method === 'REGISTER');
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused[0]?.source).toBe('local');
      // Before auth: that registration never saw a challenge.
      expect(sip.replies().filter((r) => r.callId === refused[0]?.callId).map((r) => r.code)).not.toContain(401);

      // Only carol's REGISTERs: alice registers as usual, a second carol is refused.
      await sip.answerRegisters(403, { user: 'carol' });
      const alice = await Party.open(browser.context, web.origin, sip, 'alice');
      expect(await alice.registration()).toBe('registered');
      await alice.close();
      await expect(Party.open(browser.context, web.origin, sip, 'carol')).rejects.toThrow(/rejected: 403 Forbidden/);

      await sip.answerRegisters(null);
      const again = await Party.open(browser.context, web.origin, sip, 'alice');
      expect(await again.registration()).toBe('registered');
      await again.close();
    } finally {
      await sip.answerRegisters(null);
    }
  });

  it('a flood of INVITEs at one phone: the first rings, the rest are busy, CANCEL frees it', async () => {
    const flood = await startSipFlood(sip, { target: 'bob', count: 20, overMs: 2000 });
    try {
      const { invites } = await flood.settled;
      expect(invites).toHaveLength(20);
      const [first, ...rest] = invites;
      expect(first?.statuses).toEqual([100, 180]);
      expect(first?.final).toBeUndefined();
      // sip.js sends 180 before its onInvite can refuse the call, so each busy one rings first.
      expect(rest.map((i) => i.statuses)).toEqual(rest.map(() => [100, 180, 486]));
      expect(await bob.state()).toBe('ringing-in');
      const busy = (await bob.events()).filter((e) => e.includes('busy: rejecting second call'));
      expect(busy).toHaveLength(19);

      await flood.cancelRinging();
      expect(flood.result().invites[0]).toMatchObject({ final: 487, cancelStatus: 200 });
      expect((await flood.done).invites.every((i) => i.final !== undefined)).toBe(true);
      await bob.waitForState('terminated');
      expect(await bob.events()).toContainEqual(expect.stringContaining('cancel-received'));
    } finally {
      await flood.stop();
      await bob.leaveNoCall();
    }

    // Still a working phone.
    await carol.call('bob');
    await bob.waitForState('ringing-in');
    expect(await bob.lastInvite()).toMatchObject({ fromUser: 'carol' });
    await bob.answer();
    await Promise.all([bob.waitForState('established'), carol.waitForState('established')]);
    await bob.waitForAudio(1000);
    await carol.hangup();
    await Promise.all([bob.waitForState('terminated'), carol.waitForState('terminated')]);
  });

  it('a flood INVITE that is answered is ACKed, then hung up', async () => {
    const alice = await Party.open(browser.context, web.origin, sip, 'alice', { autoAnswer: true, traceSip: true });
    const flood = await startSipFlood(sip, { target: 'alice', count: 1, overMs: 0 });
    try {
      const [invite] = (await flood.done).invites;
      expect(invite?.final).toBe(200);
      await alice.waitForState('terminated');
      expect(await alice.events()).toEqual(
        expect.arrayContaining([expect.stringContaining('state established'), expect.stringContaining('bye-received')]),
      );
      // The end-to-end ACK went along the route set and reached her, before the BYE.
      const received = (await alice.events()).filter((e) => e.includes('Received WebSocket text message'));
      const ackAt = received.findIndex((e) => /message:\s+ACK sip:/.test(e) && e.includes(invite?.callId ?? '?'));
      const byeAt = received.findIndex((e) => /message:\s+BYE sip:/.test(e) && e.includes(invite?.callId ?? '?'));
      expect(ackAt).toBeGreaterThanOrEqual(0);
      expect(byeAt).toBeGreaterThan(ackAt);
      await expect.poll(() => flood.result().invites[0]?.byeStatus).toBe(200);
    } finally {
      await flood.stop();
      await alice.close();
    }
  });

  it('bob refers carol to an unregistered user: 202, then a NOTIFY with her call failing', async () => {
    await bob.call('carol');
    await carol.waitForState('ringing-in');
    await carol.answer();
    await Promise.all([bob.waitForState('established'), carol.waitForState('established')]);
    try {
      expect(await bob.refer('sip:alice@offhook.test')).toBe(202);
      expect(await carol.events()).toContainEqual(expect.stringContaining('refer-received to=sip:alice@offhook.test'));
      await carol.waitForState('terminated');
      expect(await carol.lastFinalResponse()).toBe(404);
      await expect.poll(() => bob.referNotifies()).toEqual(['SIP/2.0 404 Not Found']);
      expect(await bob.events()).toEqual(
        expect.arrayContaining([
          expect.stringContaining('refer-sent to=sip:alice@offhook.test'),
          expect.stringContaining('refer-response 202'),
          expect.stringContaining('refer-notify SIP/2.0 404 Not Found'),
        ]),
      );
      // A failed transfer leaves the transferor's call up; ending it is his to do.
      expect(await bob.state()).toBe('established');
      await bob.hangup();
      await bob.waitForState('terminated');
    } finally {
      await bob.leaveNoCall();
      await carol.leaveNoCall();
    }
  });

  it('a caller from another domain, never registered, reaches a local user without auth', async () => {
    const mallory = await Party.open(browser.context, web.origin, sip, 'mallory', {
      register: false,
      domain: 'evil.example',
    });
    try {
      expect(mallory.uri).toBe('sip:mallory@evil.example');
      expect(await mallory.registration()).toBe('unregistered');
      await mallory.call('carol');
      await carol.waitForState('ringing-in');
      expect(await carol.lastInvite()).toMatchObject({ fromUser: 'mallory', fromUri: 'sip:mallory@evil.example' });
      await carol.answer();
      await Promise.all([mallory.waitForState('established'), carol.waitForState('established')]);
      await Promise.all([mallory.waitForAudio(1000), carol.waitForAudio(1000)]);
      await mallory.hangup();
      await Promise.all([mallory.waitForState('terminated'), carol.waitForState('terminated')]);

      expect(sip.requests('REGISTER').filter((r) => r.from === 'mallory')).toEqual([]);
      const invites = sip.requests('INVITE').filter((r) => r.from === 'mallory');
      expect(invites).toHaveLength(1); // no challenge, so no second INVITE with credentials
      expect(sip.replies().filter((r) => r.callId === invites[0]?.callId).map((r) => r.code)).not.toContain(407);
    } finally {
      await carol.leaveNoCall();
      await mallory.close();
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
