import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { PhoneSnapshot } from '../../src/shared/phone/snapshot';
import { loudest } from './support/loudest';
import { World } from './support/world';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Audio = NonNullable<PhoneSnapshot['audio']>;

// The options page's Audio section with Chromium's fake devices, and what the softphone in
// the offscreen document does with the choice (the device its sounds play on, and their level).
describe('audio devices', () => {
  let world: World;
  let options: Page;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
  });
  afterAll(async () => {
    await world?.close();
  });

  async function openOptions(): Promise<Page> {
    options = await world.context.newPage();
    await options.goto(world.url('options.html'));
    await options.bringToFront();
    await options.getByRole('heading', { name: 'Audio' }).waitFor();
    return options;
  }

  /** The fake devices listed in a select, without "System default". */
  async function choices(label: string): Promise<{ value: string; text: string }[]> {
    if (!options || options.isClosed()) await openOptions();
    await expect.poll(() => options.locator('.audio').getByLabel(label, { exact: true }).locator('option').count()).toBeGreaterThan(1);
    return (
      await options.locator('.audio').getByLabel(label, { exact: true })
        .locator('option')
        .evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, text: e.textContent ?? '' })))
    ).filter((o) => o.value !== '');
  }

  async function audio(): Promise<Audio> {
    return (await world.softphone(true)).audio!;
  }

  async function storeAudio(settings: unknown): Promise<void> {
    await options.evaluate(async (s) => {
      await (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ audioSettings: s });
    }, settings);
  }

  it('chooses devices, keeps them after a reload, and the test buttons sound on them', async () => {
    await openOptions();
    const mics = await choices('Microphone');
    const outputs = await choices('Speaker');
    expect(outputs.length).toBeGreaterThanOrEqual(2);
    const speaker = outputs[0]!;
    const ringer = outputs[1]!;
    await options.locator('.audio').getByLabel('Microphone', { exact: true }).selectOption(mics[mics.length - 1]!.value);
    await options.locator('.audio').getByLabel('Speaker', { exact: true }).selectOption(speaker.value);
    await options.locator('.audio').getByLabel('Ringer', { exact: true }).selectOption(ringer.value);
    await options.locator('.audio').getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    await options.reload();
    await options.getByRole('heading', { name: 'Audio' }).waitFor();
    await expect.poll(() => options.locator('.audio').getByLabel('Speaker', { exact: true }).inputValue()).toBe(speaker.value);
    await expect.poll(() => options.locator('.audio').getByLabel('Ringer', { exact: true }).inputValue()).toBe(ringer.value);
    await expect.poll(() => options.locator('.audio').getByLabel('Microphone', { exact: true }).inputValue()).toBe(mics[mics.length - 1]!.value);

    // The meter follows the (fake, beeping) microphone.
    await expect
      .poll(() => options.locator('#audio-mic-level').evaluate((m) => (m as HTMLMeterElement).value), { timeout: 8000 })
      .toBeGreaterThan(0.01);

    await options.getByRole('button', { name: 'Test ringer' }).click();
    await expect.poll(async () => (await audio()).testing).toBe('ringer');
    const ring = await loudest(audio, 1200);
    expect(ring.level).toBeGreaterThan(0.01);
    expect(ring.sinkId).toBe(ringer.value);
    await expect.poll(async () => (await audio()).testing, { timeout: 5000 }).toBe(null);

    await options.getByRole('button', { name: 'Test speaker' }).click();
    await expect.poll(async () => (await audio()).testing).toBe('speaker');
    const beep = await loudest(audio, 1200);
    expect(beep.level).toBeGreaterThan(0.01);
    expect(beep.sinkId).toBe(speaker.value);
    await expect.poll(async () => (await audio()).testing, { timeout: 5000 }).toBe(null);
  });

  it('finds a device by its label when its id changed, and falls back to the default with a message when it is gone', async () => {
    const outputs = await choices('Speaker');
    const device = outputs[1]!;
    await storeAudio({ microphone: null, ringer: null, ringVolume: 0.8, speaker: { id: 'an-old-id', label: device.text } });
    await options.reload();
    await expect.poll(() => options.locator('.audio').getByLabel('Speaker', { exact: true }).inputValue()).toBe(device.value);
    await options.getByRole('button', { name: 'Test speaker' }).click();
    expect((await loudest(audio, 800)).sinkId).toBe(device.value);
    await expect.poll(async () => (await audio()).testing, { timeout: 5000 }).toBe(null);

    await storeAudio({ microphone: null, ringer: null, ringVolume: 0.8, speaker: { id: 'gone', label: 'USB Headset' } });
    await options.reload();
    const text = 'The speaker “USB Headset” is not connected; Offhook uses the system default until it is back.';
    await options.getByRole('alert').filter({ hasText: text }).waitFor();
    await expect.poll(() => options.locator('.audio').getByLabel('Speaker', { exact: true }).inputValue()).toBe('');
    await expect.poll(async () => (await audio()).warnings).toEqual([text]);
    await options.getByRole('button', { name: 'Test speaker' }).click();
    const fallback = await loudest(audio, 800);
    expect(fallback.level).toBeGreaterThan(0.01);
    expect(fallback.sinkId).toBe('');
    await expect.poll(async () => (await audio()).testing, { timeout: 5000 }).toBe(null);

    // A new softphone document (after a crash) gets the stored choices too.
    const worker = await world.worker();
    await worker.evaluate(() => (globalThis as unknown as { chrome: { offscreen: { closeDocument(): Promise<void> } } }).chrome.offscreen.closeDocument());
    await worker.evaluate(() => (globalThis as unknown as { __offhookE2E: { watchdog(): Promise<void> } }).__offhookE2E.watchdog());
    await world.waitForSoftphone((s) => s.registration.state === 'registered', 'a new softphone');
    await expect.poll(async () => (await audio()).warnings, { timeout: 10_000 }).toEqual([text]);
  });

  it('rings through the chosen ringer at the chosen volume, and the call plays on the speaker', async () => {
    const outputs = await choices('Speaker');
    const [speaker, ringer] = [outputs[0]!, outputs[1]!];
    const mics = await choices('Microphone');
    const mic = mics[mics.length - 1]!;
    const bob = await world.party('bob');
    try {
      const ringAt = async (volume: number) => {
        await storeAudio({ microphone: { id: mic.value, label: mic.text }, speaker: { id: speaker.value, label: speaker.text }, ringer: { id: ringer.value, label: ringer.text }, ringVolume: volume });
        await expect.poll(async () => (await audio()).warnings).toEqual([]);
        await pause(300);
        await bob.call('alice');
        await world.waitForSoftphone((s) => s.tone === 'ringtone', 'ringing');
        const ring = await loudest(audio, 2500);
        return ring;
      };
      const loud = await ringAt(1);
      expect(loud.sinkId).toBe(ringer.value);
      await bob.cancel();
      await world.waitForSoftphone((s) => s.calls.length === 0, 'the ringing stopped');
      const quiet = await ringAt(0.25);
      expect(quiet.sinkId).toBe(ringer.value);
      expect(quiet.level).toBeGreaterThan(0);
      // A quarter of the volume: clearly quieter (RMS scales with the gain).
      expect(quiet.level).toBeLessThan(loud.level * 0.5);

      // Answered, the call's audio plays on the speaker.
      const popup = await world.openPopup();
      await popup.getByRole('button', { name: 'Answer', exact: true }).click();
      await bob.waitForState('established');
      await expect.poll(async () => (await audio()).callSinks).toEqual([speaker.value]);
      // …and our voice comes from the chosen microphone.
      await expect.poll(async () => (await audio()).callMicrophones).toEqual([mic.text]);
      await bob.waitForAudio(2000);
      await bob.hangup();
      await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
      await popup.close();
    } finally {
      await bob.close();
    }
  });
});
