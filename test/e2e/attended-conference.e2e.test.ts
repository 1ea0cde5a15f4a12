import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import type { CallEndReason } from '../../src/shared/call/call-info';
import { World } from './support/world';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Attended transfer and the local three-way conference, with two real remote parties:
// what each of them hears (audio bytes and energy) and whom they end up talking to.
describe('attended transfer and conference', () => {
  let world: World;
  let bob: Party;
  let carol: Party;
  let popup: Page;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
  });
  afterEach(async () => {
    for (const name of ['Hang up', 'Hang up', 'Cancel']) {
      const button = popup?.getByRole('button', { name, exact: true }).first();
      if (button && (await button.isVisible().catch(() => false))) await button.click().catch(() => undefined);
    }
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
    await popup?.close().catch(() => undefined);
    await bob?.close();
    await carol?.close();
  });
  afterAll(async () => {
    await world?.close();
  });

  /** alice ↔ bob connected, audio flowing. Each party's microphone is its own tone. */
  async function talkingToBob() {
    bob = await world.party('bob', { tone: 440 });
    carol = await world.party('carol', { tone: 880 });
    popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.answer();
    await popup.locator('.call.active .state').filter({ hasText: /Connected/ }).waitFor();
    await bob.waitForAudio(2000);
  }

  /** Transfer → "Talk first" to carol, who answers. */
  async function consultCarol() {
    await popup.getByText('Transfer', { exact: true }).click();
    await popup.getByLabel('Transfer to').fill('carol');
    await popup.getByRole('button', { name: 'Talk first' }).click();
    await expect.poll(async () => (await bob.events()).some((e) => /reinvite-received .*direction=sendonly/.test(e))).toBe(true);
    await carol.waitForState('ringing-in');
    await carol.answer();
    await carol.waitForAudio(2000);
    const calls = popup.locator('.call.active');
    await expect.poll(() => calls.count()).toBe(2);
    await calls.filter({ hasText: 'bob' }).locator('.state').filter({ hasText: 'On hold' }).waitFor();
  }

  /** Collects why each of our calls ended, from every snapshot the softphone sends the worker. */
  async function watchEnds(): Promise<{ stop: () => Promise<Map<string, CallEndReason>> }> {
    const worker = await world.worker();
    await worker.evaluate(() => {
      const g = globalThis as unknown as { __ends?: Record<string, string> };
      g.__ends = {};
      const runtime = (globalThis as unknown as { chrome: { runtime: { onMessage: { addListener(f: (m: never) => void): void } } } }).chrome.runtime;
      runtime.onMessage.addListener((message: { type?: string; payload?: { lastEnded?: { id: string; end?: { reason: string } } } }) => {
        const last = message?.type === 'softphone:changed' ? message.payload?.lastEnded : undefined;
        if (last?.end) g.__ends![last.id] = last.end.reason;
      });
    });
    return {
      stop: async () =>
        new Map(
          Object.entries(
            await worker.evaluate(() => (globalThis as unknown as { __ends: Record<string, CallEndReason> }).__ends),
          ),
        ),
    };
  }

  it('attended transfer: talks to carol while bob holds, then Complete connects bob and carol', async () => {
    await talkingToBob();
    await consultCarol();

    const ends = await watchEnds();
    await popup.getByRole('button', { name: 'Complete transfer' }).click();
    await expect.poll(async () => (await bob.events()).some((e) => /refer-received to=sip:carol@offhook\.test.* with-replaces/.test(e))).toBe(true);
    await expect.poll(async () => (await carol.events()).some((e) => e.includes('replaces-accepted')), { timeout: 10_000 }).toBe(true);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'both of our calls ended');
    await popup.locator('.ended').filter({ hasText: 'Transferred' }).waitFor();
    const reasons = await ends.stop();
    expect([...reasons.values()]).toEqual(['transferred', 'transferred']);

    // bob and carol now talk to each other: carol's call came from bob, audio both ways.
    expect(await bob.state()).toBe('established');
    expect(await carol.state()).toBe('established');
    expect((await carol.lastInvite())?.fromUser).toBe('bob');
    await bob.waitForAudio(2000);
    await carol.waitForAudio(2000);
    const before = [(await bob.audio()).totalAudioEnergy, (await carol.audio()).totalAudioEnergy];
    await pause(1500);
    expect((await bob.audio()).totalAudioEnergy).toBeGreaterThan(before[0]!);
    expect((await carol.audio()).totalAudioEnergy).toBeGreaterThan(before[1]!);
    await bob.hangup();
    await carol.waitForState('terminated');
  });

  it('attended transfer: Cancel hangs up carol and resumes bob with audio', async () => {
    await talkingToBob();
    await consultCarol();

    await popup.getByRole('button', { name: 'Cancel transfer' }).click();
    await carol.waitForState('terminated');
    await expect.poll(async () => (await bob.events()).some((e) => /reinvite-received .*direction=sendrecv/.test(e))).toBe(true);
    const calls = popup.locator('.call.active');
    await expect.poll(() => calls.count()).toBe(1);
    await calls.locator('.state').filter({ hasText: /^Connected/ }).waitFor();
    const snap = await world.softphone(true);
    const received = snap.calls[0]!.media!.bytesReceived;
    const bobEnergy = (await bob.audio()).totalAudioEnergy;
    await pause(2000);
    expect((await world.softphone(true)).calls[0]!.media!.bytesReceived - received).toBeGreaterThan(2000);
    expect((await bob.audio()).totalAudioEnergy).toBeGreaterThan(bobEnergy);
    expect(await bob.state()).toBe('established');
  });

  /** alice talks to bob, then calls carol (bob waits on hold), then merges the two. */
  async function conference() {
    await talkingToBob();
    await popup.getByLabel('Number').fill('carol');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await carol.waitForState('ringing-in');
    await carol.answer();
    await carol.waitForAudio(2000);
    const calls = popup.locator('.call.active');
    await calls.filter({ hasText: 'bob' }).locator('.state').filter({ hasText: 'On hold' }).waitFor();
    await popup.getByRole('button', { name: 'Merge calls' }).click();
    await expect.poll(() => calls.locator('.state').filter({ hasText: 'In conference' }).count()).toBe(2);
    await expect.poll(async () => (await bob.events()).some((e) => /reinvite-received .*direction=sendrecv/.test(e))).toBe(true);
    // The user falls silent, so what each party hears now can only come from the other.
    await calls.first().getByRole('button', { name: 'Mute' }).click();
    await expect.poll(() => calls.locator('.state').filter({ hasText: '(muted)' }).count()).toBe(2);
    await pause(800);
    return calls;
  }

  it('conference: Merge mixes the calls so bob hears carol and carol hears bob; one hangs up, the other goes on', async () => {
    const calls = await conference();
    const bobHears = await bob.energyOver(1500);
    const carolHears = await carol.energyOver(1500);
    expect(bobHears).toBeGreaterThan(0.01);
    expect(carolHears).toBeGreaterThan(0.01);

    // The sound bob hears is carol's: when she falls silent, so does his line.
    // (Polled over 1 s windows: on a loaded machine the audio path can lag by a second.)
    await carol.silence(true);
    await expect.poll(() => bob.energyOver(1000), { timeout: 10_000 }).toBeLessThan(bobHears / 15);
    await carol.silence(false);
    await bob.silence(true);
    await expect.poll(() => carol.energyOver(1000), { timeout: 10_000 }).toBeLessThan(carolHears / 15);
    await bob.silence(false);

    // carol hangs up: the conference is over, bob's call goes on and hears the user again.
    await carol.hangup();
    await expect.poll(() => calls.count()).toBe(1);
    await calls.locator('.state').filter({ hasText: /^Connected .*\(muted\)/ }).waitFor();
    await calls.getByRole('button', { name: 'Unmute' }).click();
    await pause(800);
    expect(await bob.energyOver(1500)).toBeGreaterThan(0.01);
    const received = (await world.softphone(true)).calls[0]!.media!.bytesReceived;
    await pause(1500);
    expect((await world.softphone(true)).calls[0]!.media!.bytesReceived - received).toBeGreaterThan(1500);
  });

  it('conference: Split puts one leg on hold, and the other no longer hears it', async () => {
    const calls = await conference();
    expect(await bob.energyOver(1500)).toBeGreaterThan(0.01);
    await calls.filter({ hasText: 'carol' }).getByRole('button', { name: 'Split' }).click();
    await expect.poll(async () => (await carol.events()).some((e) => /reinvite-received .*direction=sendonly/.test(e))).toBe(true);
    await calls.filter({ hasText: 'carol' }).locator('.state').filter({ hasText: 'On hold' }).waitFor();
    await calls.filter({ hasText: 'bob' }).locator('.state').filter({ hasText: /^Connected .*\(muted\)/ }).waitFor();
    await pause(800);
    // Still muted and carol no longer mixed in: bob hears nothing.
    expect(await bob.energyOver(1500)).toBeLessThan(0.005);
    await calls.filter({ hasText: 'bob' }).getByRole('button', { name: 'Unmute' }).click();
    await pause(800);
    expect(await bob.energyOver(1500)).toBeGreaterThan(0.01);
  });

  it('call details: shows the negotiated codec and live quality figures', async () => {
    await talkingToBob();
    const call = popup.locator('.call.active');
    await call.getByText('Details', { exact: true }).click();
    const figure = (name: string) => call.locator(`[data-figure="${name}"] dd`);
    await expect.poll(() => figure('codec').textContent()).toMatch(/^opus \(48 kHz\)$/);
    await expect.poll(() => figure('bitrate').textContent(), { timeout: 10_000 }).toMatch(/^\d+(\.\d)? \/ \d+(\.\d)? kbit\/s$/);
    await expect.poll(() => figure('jitter').textContent()).toMatch(/^\d+(\.\d)? ms$/);
    await expect.poll(() => figure('rtt').textContent(), { timeout: 10_000 }).toMatch(/^\d+ ms$/);
    await expect.poll(() => figure('loss').textContent()).toMatch(/^\d+(\.\d)? % \(\d+ packets\)$/);
    const inKbps = Number((await figure('bitrate').textContent())!.split(' ')[0]);
    expect(inKbps).toBeGreaterThan(5);
    // Refreshed live: the figures change while the view is open.
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      seen.add((await call.locator('.figures').textContent()) ?? '');
      await pause(500);
    }
    expect(seen.size).toBeGreaterThan(1);
  });
});
