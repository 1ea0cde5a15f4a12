import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World, type SoftphoneDebug } from './support/world';

// A network change during a call (another Wi-Fi, a VPN, a cable): the softphone offers an
// ICE restart in a re-INVITE, the far end takes the new credentials, and audio goes on.
describe('network change during a call', () => {
  let world: World;
  let bob: Party;
  let softphone: SoftphoneDebug;
  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    softphone = await world.attachSoftphone();
  });
  afterAll(async () => {
    await softphone?.detach();
    await bob?.close();
    await world?.close();
  });

  const invitesFromAlice = () => world.server.requests('INVITE').filter((r) => r.from === 'alice').length;

  /** Both sides' received bytes go up by more than `bytes` within a few seconds. */
  async function audioKeepsFlowing(bytes = 2000) {
    const theirs = (await bob.audio()).bytesReceived;
    const ours = (await world.softphone(true)).calls[0]?.media?.bytesReceived ?? 0;
    await expect.poll(async () => (await bob.audio()).bytesReceived - theirs, { timeout: 10_000 }).toBeGreaterThan(bytes);
    await expect
      .poll(async () => ((await world.softphone(true)).calls[0]?.media?.bytesReceived ?? 0) - ours, { timeout: 10_000 })
      .toBeGreaterThan(bytes);
  }

  it('restarts ICE when the browser comes back online, and audio goes on both ways', async () => {
    bob = await world.party('bob');
    const popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.answer();
    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio(2000);

    const ufrag = await bob.remoteIceUfrag();
    expect(ufrag).toBeTruthy();
    const invites = invitesFromAlice();
    const changed = Date.now();
    await softphone.evaluate(`window.dispatchEvent(new Event('online'))`);

    // The re-INVITE went through the PBX, and bob now holds new ICE credentials of ours.
    await expect.poll(() => bob.remoteIceUfrag(), { timeout: 10_000 }).not.toBe(ufrag);
    const restartedMs = Date.now() - changed;
    expect(invitesFromAlice()).toBe(invites + 1);
    expect(await bob.state()).toBe('established');
    await audioKeepsFlowing();
    console.info(`ICE restart after 'online': new credentials at the far end in ${restartedMs} ms`);
    await popup.locator('.call.active .state').filter({ hasText: /Connected/ }).waitFor();
    await popup.close();
  });

  it('restarts ICE again when the connection type changes', async () => {
    const ufrag = await bob.remoteIceUfrag();
    const invites = invitesFromAlice();
    await softphone.evaluate(`navigator.connection.dispatchEvent(new Event('change'))`);
    await expect.poll(() => bob.remoteIceUfrag(), { timeout: 10_000 }).not.toBe(ufrag);
    expect(invitesFromAlice()).toBe(invites + 1);
    await audioKeepsFlowing();

    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended by bob');
    expect(softphone.errors).toEqual([]);
  });
});
