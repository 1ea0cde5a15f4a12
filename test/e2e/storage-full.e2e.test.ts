import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

type ChromeApi = {
  chrome: {
    notifications: { getAll(): Promise<Record<string, boolean>> };
    action: { getBadgeText(d: object): Promise<string> };
    storage: { local: { set(v: object): Promise<void> }; session: { set(v: object): Promise<void> } };
  };
};

// The browser's storage full (a page's content script can fill storage.local, which it shares;
// storage.session is filled too) and a caller whose display name is 8,000 characters (what Kamailio's 16 KB read buffer lets through): calls, notifications and the
// badge go on, the name is cut to what a person reads, and the user is told once.
describe('storage full, and an oversized caller name', () => {
  let world: World;
  let bob: Party;
  const longName = `Bob ${'B'.repeat(8_000)}`;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob', { displayName: longName });
    // storage.local and storage.session: filled to their quota.
    await (await world.worker()).evaluate(async () => {
      const { storage } = (globalThis as unknown as ChromeApi).chrome;
      for (const area of [storage.local, storage.session]) {
        let n = 0;
        // Big pieces first, then smaller ones, until not even 50 bytes fit.
        for (const size of [500_000, 50_000, 5_000, 500, 50])
          for (;;) {
            try {
              await area.set({ [`filler${n++}`]: 'x'.repeat(size) });
            } catch {
              break;
            }
          }
      }
    });
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  const worker = () => world.worker();
  const notifications = () => world.notificationIds();
  const badge = async () => (await worker()).evaluate(() => (globalThis as unknown as ChromeApi).chrome.action.getBadgeText({}));

  it('rings with the name cut short, answers with audio, counts a missed call, and tells the user once', async () => {
    const popup = await world.openPopup();
    await bob.call('alice');
    const who = popup.locator('.call.incoming .who');
    await who.waitFor();
    const shown = (await who.textContent()) ?? '';
    expect(shown.length).toBeLessThan(200);
    expect(shown).toMatch(/^Bob B+… \(bob\)$/);
    await expect.poll(notifications).toContainEqual(expect.stringMatching(/^incoming:/));
    const snap = await world.softphone();
    expect(JSON.stringify(snap).length).toBeLessThan(4000);

    await popup.getByRole('button', { name: 'Answer', exact: true }).click();
    await bob.waitForState('established');
    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio(2000);
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
    await popup.close();

    // A missed call: its notification and the badge, though neither can be stored.
    await bob.call('alice');
    await world.waitForSoftphone((s) => s.calls[0]?.state === 'incoming', 'ringing');
    await bob.cancel();
    await expect.poll(notifications).toContainEqual(expect.stringMatching(/^missed:1:/));
    await expect.poll(badge).toBe('1');
    // Told once, whatever else failed to be saved.
    expect((await notifications()).filter((id) => id === 'storage-trouble')).toHaveLength(1);
    await bob.call('alice');
    await world.waitForSoftphone((s) => s.calls[0]?.state === 'incoming', 'ringing again');
    await bob.cancel();
    await expect.poll(badge).toBe('2');
    await expect.poll(notifications).toContainEqual(expect.stringMatching(/^missed:2:/));
    expect((await notifications()).filter((id) => id === 'storage-trouble')).toHaveLength(1);
  });
});
