import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

// The coordinator's faces outside the popup: a notification that rings until handled; a
// missed-call notification and badge; the badge through a call; the omnibox's suggestions.
// Pressing the notification's buttons, the shortcuts, the context menu and the omnibox keyword
// with real input is test/e2e-x11/ (headed Chromium, a real notification server); this
// headless file uses the e2e hook only for the omnibox's suggestion list, which has no
// page or event to read it from.
describe('notifications, badge and commands', () => {
  let world: World;
  let bob: Party;
  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob', { displayName: 'Bob Builder' });
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  const sw = () => world.worker();
  const notifications = async () =>
    (await sw()).evaluate(async () => Object.keys(await (globalThis as unknown as ChromeApi).chrome.notifications.getAll()));
  const badge = async () =>
    (await sw()).evaluate(async () => {
      const a = (globalThis as unknown as ChromeApi).chrome.action;
      return { text: await a.getBadgeText({}), title: await a.getTitle({}) };
    });

  it('rings with a notification and RING on the badge; answered it shows CALL, hung up nothing', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await bob.call('alice');
    await expect.poll(notifications).toEqual([expect.stringMatching(/^incoming:/)]);
    await expect.poll(async () => (await badge()).text).toBe('RING');

    await popup.getByRole('button', { name: 'Answer', exact: true }).click();
    await bob.waitForState('established');
    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio(2000);
    await expect.poll(notifications).toEqual([]);
    await expect.poll(async () => (await badge()).text).toBe('CALL');

    await popup.getByRole('button', { name: 'Hang up' }).click();
    await bob.waitForState('terminated');
    await expect.poll(async () => (await badge()).text).toBe('');
    expect((await badge()).title).toBe('Offhook: Registered as alice@offhook.test');
    await popup.close();
  });

  it('a call the caller gives up on clears its ringing and leaves a missed call with a count', async () => {
    await bob.call('alice');
    await expect.poll(notifications).toHaveLength(1);
    await bob.cancel();
    await expect.poll(notifications).toEqual([expect.stringMatching(/^missed:.*\|sip:bob@offhook\.test$/)]);
    await expect.poll(async () => (await badge()).text).toBe('1');
    expect((await badge()).title).toContain('1 missed call');

    // Opening the dialer is looking at the calls: the count goes.
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await expect.poll(async () => (await badge()).text).toBe('');
    await popup.close();
  });

  it('"call <number>" in the address bar suggests the normalised number, and recent calls by name', async () => {
    const worker = await sw();
    const suggestions = await worker.evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.omniboxSuggest('+1 (415) 555-0142'));
    expect(suggestions[0]).toEqual({ content: 'tel:+14155550142', description: 'Call +1 415 555 0142' });
    const byName = await worker.evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.omniboxSuggest('builder'));
    expect(byName[0]).toMatchObject({ content: 'sip:bob@offhook.test', description: expect.stringContaining('Bob Builder') });
  });

  it('shows a hostile caller name as inert text that runs nothing', async () => {
    // HTML, a right-to-left override and 3 KB of text (a raw newline or quote cannot travel
    // in a SIP display name at all; Kamailio would drop the message).
    const hostile = `<img src=x onerror=window.__pwned=1>\u202Eevil ${'A'.repeat(3000)}`;
    const carol = await world.party('carol', { displayName: hostile });
    try {
      const popup = await world.openPopup();
      await popup.locator('.status[data-state="registered"]').waitFor();
      await carol.call('alice');
      const who = popup.locator('.call.incoming .who');
      await who.waitFor();
      const text = (await who.textContent()) ?? '';
      expect(text).toContain('<img src=x onerror=window.__pwned=1>');
      expect(await popup.locator('.call img').count()).toBe(0);
      expect(await popup.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      // (bob's missed call from above is still on screen beside it)
      await expect.poll(notifications).toContainEqual(expect.stringMatching(/^incoming:/));
      await carol.cancel();
      await expect.poll(async () => (await notifications()).filter((id) => id.startsWith('incoming:'))).toEqual([]);
      expect(await notifications()).toContainEqual(expect.stringMatching(/^missed:/));
      await popup.close();
    } finally {
      await carol.close();
    }
  });
});

interface ChromeApi {
  chrome: {
    notifications: { getAll(): Promise<Record<string, boolean>> };
    action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> };
  };
}

interface Hooks {
  __offhookE2E: {
    omniboxSuggest(text: string): Promise<{ content: string; description: string }[]>;
  };
}
