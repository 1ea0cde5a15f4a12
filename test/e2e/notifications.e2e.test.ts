import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

// The coordinator's faces outside the popup: a notification that rings until handled, with
// Answer and Decline; a missed-call notification and badge; keyboard commands; the badge.
// Headless Chromium cannot press a notification button or a global shortcut, so the test
// calls the functions those listeners call (exposed by the e2e build only).
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
  const hooks = (w: Worker) => w;

  it('rings with a notification naming the caller; its Answer button answers with audio', async () => {
    await bob.call('alice');
    await expect.poll(notifications).toEqual([expect.stringMatching(/^incoming:/)]);
    const [id] = await notifications();
    await expect.poll(async () => (await badge()).text).toBe('RING');

    await hooks(await sw()).evaluate((id) => (globalThis as unknown as Hooks).__offhookE2E.notificationButton(id, 0), id!);
    await bob.waitForState('established');
    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio(2000);
    await expect.poll(notifications).toEqual([]);
    await expect.poll(async () => (await badge()).text).toBe('CALL');

    // Hang up with the keyboard command.
    await (await sw()).evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.command('hangup'));
    await bob.waitForState('terminated');
    await expect.poll(async () => (await badge()).text).toBe('');
    expect((await badge()).title).toBe('Offhook: Registered as alice@offhook.test');
  });

  it('the Decline button declines, and the notification goes away', async () => {
    await bob.call('alice');
    await expect.poll(notifications).toEqual([expect.stringMatching(/^incoming:/)]);
    const [id] = await notifications();
    await (await sw()).evaluate((id) => (globalThis as unknown as Hooks).__offhookE2E.notificationButton(id, 1), id!);
    await bob.waitForState('terminated');
    expect(await bob.lastFinalResponse()).toBe(486);
    await expect.poll(notifications).toEqual([]);
  });

  it('the answer command picks up a ringing call', async () => {
    await bob.call('alice');
    await expect.poll(notifications).toHaveLength(1);
    await (await sw()).evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.command('answer'));
    await bob.waitForState('established');
    await bob.hangup();
    await expect.poll(notifications).toEqual([]);
  });

  it('a call the caller gives up on clears its ringing and leaves a missed call with a count', async () => {
    await bob.call('alice');
    await expect.poll(notifications).toHaveLength(1);
    await bob.cancel();
    await expect.poll(notifications).toEqual([expect.stringMatching(/^missed:.*\|sip:bob@offhook\.test$/)]);
    await expect.poll(async () => (await badge()).text).toBe('1');
    expect((await badge()).title).toContain('1 missed call');

    // Call back from the notification.
    const [id] = await notifications();
    await (await sw()).evaluate((id) => (globalThis as unknown as Hooks).__offhookE2E.notificationButton(id, 0), id!);
    await bob.waitForState('ringing-in');
    await bob.decline(603);
    await expect.poll(notifications).toEqual([]);

    // Opening the dialer is looking at the calls: the count goes.
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await expect.poll(async () => (await badge()).text).toBe('');
    await popup.close();
  });

  it('the notification survives the service worker being stopped, and still answers', async () => {
    await bob.call('alice');
    await expect.poll(notifications).toHaveLength(1);
    await world.stopServiceWorker();
    const [id] = await notifications();
    await (await sw()).evaluate((id) => (globalThis as unknown as Hooks).__offhookE2E.notificationButton(id, 0), id!);
    await bob.waitForState('established');
    await bob.hangup();
    await expect.poll(notifications).toEqual([]);
  });

  it('"Call “…”" on a selection dials the number in it', async () => {
    await (await sw()).evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.menuClick('Bob: +1 (415) 555-0142 (mobile)'));
    await bob.waitForState('ringing-in');
    await bob.decline(486);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
  });

  it('"call <number>" in the address bar suggests the normalised number and dials it', async () => {
    const worker = await sw();
    const suggestions = await worker.evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.omniboxSuggest('+1 (415) 555-0142'));
    expect(suggestions[0]).toEqual({ content: 'tel:+14155550142', description: 'Call +1 415 555 0142' });
    // Recent calls match by name.
    const byName = await worker.evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.omniboxSuggest('builder'));
    expect(byName[0]).toMatchObject({ content: 'sip:bob@offhook.test', description: expect.stringContaining('Bob Builder') });

    await worker.evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.omnibox('+1 (415) 555-0142'));
    await bob.waitForState('ringing-in');
    await bob.decline(486);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
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
      await expect.poll(notifications).toEqual([expect.stringMatching(/^incoming:/)]);
      await carol.cancel();
      await expect.poll(notifications).toEqual([expect.stringMatching(/^missed:/)]);
      await popup.close();
    } finally {
      await carol.close();
    }
  });

  it('the call-selection command calls the selected number on the page', async () => {
    const page = await world.openFixture('click-to-call.html');
    await world.waitForNumbers(page, (n) => n.length >= 3, 'numbers');
    // Selected by the person (a triple click), not by a script: only that counts.
    await page.locator('#bob-number').click({ clickCount: 3 });
    await (await sw()).evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.command('call-selection'));
    await bob.waitForState('ringing-in');
    await bob.decline(486);
    await page.close();
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
    command(name: string): Promise<void>;
    notificationButton(id: string, index: number): Promise<void>;
    notificationClick(id: string): Promise<void>;
    menuClick(text: string): Promise<void>;
    omnibox(text: string): Promise<void>;
    omniboxSuggest(text: string): Promise<{ content: string; description: string }[]>;
  };
}
