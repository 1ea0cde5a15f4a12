import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';
import { aliceAndBob } from './support/alice-and-bob';

// What a person hears and finds afterwards: the ringtone and ringback, a call answered on
// another phone not counted as missed, and the history with redial.
describe('tones and history', () => {
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

  it('rings while a call waits, plays ringback while the far end rings, and stops', async () => {
    await bob.call('alice');
    await world.waitForSoftphone((s) => s.tone === 'ringtone', 'ringtone');
    await bob.cancel();
    await world.waitForSoftphone((s) => !s.tone && s.calls.length === 0, 'silence');

    const popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await world.waitForSoftphone((s) => s.tone === 'ringback', 'ringback');
    await bob.answer();
    await world.waitForSoftphone((s) => s.calls[0]?.state === 'established' && !s.tone, 'no tone once answered');
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await bob.waitForState('terminated');
    await popup.close();
  });

  it('a call answered on another phone is not a missed call', async () => {
    const worker = await world.worker();
    const notifications = () =>
      worker.evaluate(async () => Object.keys(await (globalThis as unknown as Chrome).chrome.notifications.getAll()));
    const before = (await notifications()).filter((id) => id.startsWith('missed:')).length;
    await bob.call('alice');
    await world.waitForSoftphone((s) => s.calls.length === 1, 'ringing');
    await bob.cancel(true);
    const snap = await world.waitForSoftphone((s) => s.calls.length === 0, 'ended');
    expect(snap.lastEnded?.end?.reason).toBe('answered-elsewhere');
    await new Promise((r) => setTimeout(r, 500));
    expect((await notifications()).filter((id) => id.startsWith('missed:')).length).toBe(before);
  });

  it('keeps every call in the history, filters missed ones, redials and clears', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const rows = popup.locator('.calls li');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain('Answered elsewhere');
    expect(texts[1]).toContain('Outgoing');
    expect(texts[2]).toContain('Missed');
    expect(texts[2]).toContain('Bob Builder (bob)');

    await popup.getByLabel('Missed', { exact: true }).check();
    await expect.poll(() => rows.count()).toBe(1);

    // A SIP name is called back at its full address, which the entry shows.
    expect(await rows.first().locator('.address').textContent()).toBe('sip:bob@offhook.test');
    await rows.first().getByRole('button', { name: 'Call sip:bob@offhook.test again' }).click();
    await bob.waitForState('ringing-in');
    await bob.decline(486);
    await popup.getByLabel('All', { exact: true }).check();
    await expect.poll(async () => (await rows.first().textContent()) ?? '').toContain('Busy');

    // The history survives the popup closing (and the browser: it is in the extension's IndexedDB).
    await popup.close();
    const again = await world.openPopup();
    await expect.poll(() => again.locator('.calls li').count()).toBeGreaterThanOrEqual(4);
    // Not where a content script could read it.
    const local = await (await world.worker()).evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }).chrome.storage.local.get(null),
    );
    expect(Object.keys(local)).not.toContain('callHistory');
    await again.getByRole('button', { name: 'Clear' }).click();
    await again.getByText('No calls yet.').waitFor();
    await again.close();
  });

  it('moves a history an older Offhook kept in storage.local into its own database, once', async () => {
    const old = [
      { id: 'old-1', direction: 'inbound', target: 'sip:carol@offhook.test', number: 'carol', name: 'Carol From Before', startedAt: 1_700_000_000_000, endedAt: 1_700_000_060_000, outcome: 'missed' },
    ];
    const storage = (w: Awaited<ReturnType<World['worker']>>) =>
      w.evaluate(
        (entries) =>
          (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ callHistory: entries }),
        old,
      );
    await storage(await world.worker());
    // The next service worker moves it as it starts.
    await world.stopServiceWorker();
    const popup = await world.openPopup();
    await popup.locator('.calls li').filter({ hasText: 'Carol From Before (carol)' }).waitFor();
    const local = await (await world.worker()).evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }).chrome.storage.local.get(null),
    );
    expect(Object.keys(local)).not.toContain('callHistory');
    await popup.close();
  });
});

interface Chrome {
  chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } };
}

describe('do not disturb', () => {
  let world: World;
  let bob: Party;
  aliceAndBob((w, b) => {
    world = w;
    bob = b;
  });

  it('refuses calls with 486 without ringing, keeps them as one summary, and survives the softphone restarting', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await popup.getByLabel('Do not disturb').check();
    await world.waitForSoftphone((s) => s.dnd === true, 'DND on');
    const notifications = () => world.notificationIds();
    const before = await notifications();

    // Each refusal is counted, not a call of its own: one history entry, one quiet notification.
    for (let i = 1; i <= 3; i++) {
      await bob.call('alice');
      await bob.waitForState('terminated');
      expect(await bob.lastFinalResponse()).toBe(486);
      await world.waitForSoftphone((s) => s.refused?.dnd.count === i, `refusal ${i} counted`);
    }
    const snap = await world.softphone();
    expect(snap.tone ?? null).toBeNull();
    expect(snap.calls).toEqual([]);
    const top = popup.locator('.calls li').first();
    await expect.poll(() => top.textContent()).toContain('(3 calls)');
    expect(await top.textContent()).toContain('Refused (Do Not Disturb)');
    await expect.poll(async () => (await notifications()).filter((id) => !before.includes(id))).toEqual(['refused:dnd']);

    // A new softphone (after a crash) is told the user's choice.
    const worker = await world.worker();
    await worker.evaluate(() => (globalThis as unknown as { chrome: { offscreen: { closeDocument(): Promise<void> } } }).chrome.offscreen.closeDocument());
    await worker.evaluate(() => (globalThis as unknown as { __offhookE2E: { watchdog(): Promise<void> } }).__offhookE2E.watchdog());
    await world.waitForSoftphone((s) => s.registration.state === 'registered' && s.dnd === true, 'DND kept');

    await popup.getByLabel('Do not disturb').uncheck();
    await world.waitForSoftphone((s) => s.dnd === false, 'DND off');
    await bob.call('alice');
    await world.waitForSoftphone((s) => s.tone === 'ringtone', 'ringing again');
    await bob.cancel();
    await popup.close();
  });
});
