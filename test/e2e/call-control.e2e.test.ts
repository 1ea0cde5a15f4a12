import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// In-call controls from the popup, each checked where it matters: what the far end hears
// (audio energy, bytes), what it received (re-INVITE direction, INFO), and what the popup says.
describe('call control', () => {
  let world: World;
  let bob: Party;
  let popup: Page;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob', { traceSip: false });
  });
  afterEach(async () => {
    const hangUp = popup?.getByRole('button', { name: 'Hang up' });
    if (hangUp && (await hangUp.isVisible().catch(() => false))) await hangUp.click();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
    await popup?.close().catch(() => undefined);
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  async function connected() {
    popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.answer();
    await popup.locator('.call.active .state').filter({ hasText: /Connected/ }).waitFor();
    await bob.waitForAudio(2000);
  }

  /** How much sound bob hears over `ms`. */
  async function energyOver(ms: number): Promise<number> {
    const before = (await bob.audio()).totalAudioEnergy;
    await pause(ms);
    return (await bob.audio()).totalAudioEnergy - before;
  }

  it('mutes the microphone locally: the far end hears silence, then sound again', async () => {
    await connected();
    const speaking = await energyOver(1500);
    expect(speaking).toBeGreaterThan(0);

    const reinvites = (await bob.events()).filter((e) => e.includes('reinvite-received')).length;
    await popup.getByRole('button', { name: 'Mute' }).click();
    await popup.locator('.call.active .state').filter({ hasText: '(muted)' }).waitFor();
    await pause(600);
    const muted = await energyOver(1500);
    expect(muted).toBeLessThan(speaking / 20);
    // Mute is local: no re-INVITE.
    expect((await bob.events()).filter((e) => e.includes('reinvite-received')).length).toBe(reinvites);

    await popup.getByRole('button', { name: 'Unmute' }).click();
    await pause(600);
    expect(await energyOver(1500)).toBeGreaterThan(speaking / 4);
  });

  it('holds with a re-INVITE that stops the far end’s audio to us, and resumes', async () => {
    await connected();
    await popup.getByRole('button', { name: 'Hold' }).click();
    await popup.locator('.call.active .state').filter({ hasText: 'On hold' }).waitFor();
    await expect.poll(async () => (await bob.events()).some((e) => /reinvite-received .*direction=sendonly/.test(e))).toBe(true);

    await pause(800);
    const before = (await world.softphone(true)).calls[0]!.media!.bytesReceived;
    await pause(1500);
    const held = (await world.softphone(true)).calls[0]!.media!.bytesReceived - before;
    expect(held).toBeLessThan(500);

    await popup.getByRole('button', { name: 'Resume' }).click();
    await popup.locator('.call.active .state').filter({ hasText: 'Connected' }).waitFor();
    await expect.poll(async () => (await bob.events()).some((e) => /reinvite-received .*direction=sendrecv/.test(e))).toBe(true);
    const resumed = (await world.softphone(true)).calls[0]!.media!.bytesReceived;
    await pause(2000);
    // About 1.5 KB/s of Opus flows on a live call; held, it was under 500 B over 1.5 s.
    expect((await world.softphone(true)).calls[0]!.media!.bytesReceived - resumed).toBeGreaterThan(2000);
  });

  it('shows when the far end puts us on hold', async () => {
    await connected();
    expect(await bob.hold(true)).toBe(200);
    await popup.locator('.call.active .state').filter({ hasText: 'The other side put you on hold' }).waitFor();
    expect(await bob.hold(false)).toBe(200);
    await popup.locator('.call.active .state').filter({ hasText: /^Connected/ }).waitFor();
  });

  it('transfers blind: the far end gets a REFER, calls the new party, and our leg ends', async () => {
    const carol = await world.party('carol');
    try {
      await connected();
      await popup.getByText('Transfer', { exact: true }).click();
      await popup.getByLabel('Transfer to').fill('carol');
      await popup.getByRole('button', { name: 'Transfer call' }).click();
      await expect.poll(async () => (await bob.events()).some((e) => e.includes('refer-received to=sip:carol@offhook.test'))).toBe(true);
      await carol.waitForState('ringing-in');
      await popup.locator('.ended').filter({ hasText: 'Transferred' }).waitFor();
      await carol.answer();
      await carol.waitForAudio(2000);
      await bob.hangup();
      await carol.waitForState('terminated');
      expect(world.server.requests('REFER').some((r) => r.from === 'alice')).toBe(true);
    } finally {
      await carol.close();
    }
  });

  it('rings a second call as call waiting: Answer & hold, swap, and Answer & end', async () => {
    const carol = await world.party('carol', { displayName: 'Carol' });
    try {
      await connected();
      await carol.call('alice');
      await world.waitForSoftphone((s) => s.tone === 'call-waiting', 'call-waiting tone');
      await popup.getByRole('button', { name: 'Answer & hold' }).click();
      await carol.waitForState('established');
      await expect.poll(async () => (await bob.events()).some((e) => /reinvite-received .*direction=sendonly/.test(e))).toBe(true);
      await carol.waitForAudio(2000);
      const calls = popup.locator('.call.active');
      await expect.poll(() => calls.count()).toBe(2);
      await calls.filter({ hasText: 'bob' }).locator('.state').filter({ hasText: 'On hold' }).waitFor();

      // Swap: resuming bob puts carol on hold.
      await calls.filter({ hasText: 'bob' }).getByRole('button', { name: 'Resume' }).click();
      await calls.filter({ hasText: 'Carol' }).locator('.state').filter({ hasText: 'On hold' }).waitFor();
      await calls.filter({ hasText: 'bob' }).locator('.state').filter({ hasText: /^Connected/ }).waitFor();
      await carol.hangup();
      await expect.poll(() => calls.count()).toBe(1);

      // Answer & end: the current call ends, the new one is answered.
      await carol.call('alice');
      await popup.getByRole('button', { name: 'Answer & end' }).click();
      await carol.waitForState('established');
      await bob.waitForState('terminated');
      await carol.hangup();
    } finally {
      await carol.close();
    }
  });

  it('sends keypad tones in the audio stream (RFC 4733) by default', async () => {
    await connected();
    await popup.getByText('Keypad').click();
    const infos = world.server.requests('INFO').length;
    for (const key of ['1', '2', '#']) await popup.getByRole('button', { name: `Tone ${key}` }).click();
    await pause(800);
    // Not as SIP: the tones travel as RTP telephone-events, so no INFO crossed Kamailio.
    expect(world.server.requests('INFO').length).toBe(infos);
    await expect(popup.locator('.error').count()).resolves.toBe(0);
  });

  it('sends keypad tones as SIP INFO when the account says so', async () => {
    const options = await world.configureAccount('alice');
    await options.getByLabel('Keypad tones').selectOption('info');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    await options.close();

    await connected();
    await popup.getByText('Keypad').click();
    for (const key of ['4', '2']) await popup.getByRole('button', { name: `Tone ${key}` }).click();
    await expect
      .poll(async () => (await bob.events()).filter((e) => e.includes('info-received application/dtmf-relay')).map((e) => e.slice(-1)))
      .toEqual(['4', '2']);
  });
});
