import { describe, expect, it } from 'vitest';
import type { Party } from '../harness/party';
import { aliceAndBob } from './support/alice-and-bob';
import type { World } from './support/world';

// Scenario 6: Chromium stops idle service workers at will. The call lives in the offscreen
// document, so it must go on, and a popup opened afterwards must find it and end it.
describe('service worker stopped during a call', () => {
  let world: World;
  let bob: Party;
  aliceAndBob((w, b) => {
    world = w;
    bob = b;
  });

  it('keeps the audio going and lets a reopened popup hang up', async () => {
    const popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.answer();
    await popup.locator('.call.active .state').filter({ hasText: /Connected/ }).waitFor();
    await bob.waitForAudio(2000);
    await popup.close();

    await world.stopServiceWorker();
    const stoppedAt = await bob.audio();

    // Audio keeps flowing while no worker runs (nothing here wakes it).
    await new Promise((r) => setTimeout(r, 2000));
    const later = await bob.audio();
    expect(later.bytesReceived).toBeGreaterThan(stoppedAt.bytesReceived + 4000);
    expect(await bob.state()).toBe('established');

    // The reopened popup wakes a fresh worker, which asks the softphone for the call.
    const reopened = await world.openPopup();
    const call = reopened.locator('.call.active');
    await call.locator('.state').filter({ hasText: /Connected/ }).waitFor();
    await expect(call.locator('.who').textContent()).resolves.toBe('bob');
    const media = await world.waitForExtensionAudio(stoppedAt.bytesReceived);
    expect(media.bytesSent).toBeGreaterThan(0);

    await call.getByRole('button', { name: 'Hang up' }).click();
    await bob.waitForState('terminated');
    await reopened.locator('.ended').filter({ hasText: 'You hung up' }).waitFor();
    const snap = await world.softphone();
    expect(snap.calls).toHaveLength(0);
  });
});
