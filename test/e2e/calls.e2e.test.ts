import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

/** The candidates in a session description: protocol and type of each `a=candidate` line. */
function candidates(sdp: string | undefined): { protocol: string; type: string }[] {
  return [...(sdp ?? '').matchAll(/^a=candidate:\S+ \d+ (\S+) \d+ \S+ \d+ typ (\S+)/gm)].map((m) => ({
    protocol: m[1]!.toLowerCase(),
    type: m[2]!,
  }));
}

/** What the far end received went out once the call's candidates were in (ice-gathering-
 * cutoff.ts): UDP host candidates, none of the TCP ones the browser gathers ~100 ms later. */
async function expectUdpHostCandidatesOnly(party: Party): Promise<void> {
  const received = candidates(await party.remoteSdp());
  expect(received.filter((c) => c.type === 'host' && c.protocol === 'udp').length).toBeGreaterThan(0);
  expect(received.filter((c) => c.protocol === 'tcp')).toEqual([]);
}

// Scenarios 2–5: calls placed and received from the popup, against a real Kamailio and a
// real second sip.js phone (bob), with audio asserted as bytes on both sides, and the
// offer and the answer sent without waiting for the browser's TCP candidates.
describe('calls', () => {
  let world: World;
  let bob: Party;
  let popup: Page;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob', { displayName: 'Bob Builder' });
  });
  afterEach(async () => {
    // A failed test leaves no call behind for the next one.
    await bob.leaveNoCall();
    await popup?.close().catch(() => undefined);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  it('calls from the popup, carries audio both ways and hangs up from the popup', async () => {
    popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await popup.locator('.call.active .state').filter({ hasText: 'Ringing' }).waitFor();
    await bob.answer();
    await bob.waitForState('established');
    await popup.locator('.call.active .state').filter({ hasText: /Connected \d\d:\d\d/ }).waitFor();
    // Bob applied alice's offer when he answered.
    await expectUdpHostCandidatesOnly(bob);

    await bob.waitForAudio(2000);
    const media = await world.waitForExtensionAudio(2000);
    expect(media.bytesReceived).toBeGreaterThan(2000);
    expect(media.bytesSent).toBeGreaterThan(2000);

    await popup.getByRole('button', { name: 'Hang up' }).click();
    await bob.waitForState('terminated');
    await world.waitForSoftphone((s) => s.calls.length === 0 && s.lastEnded?.end?.reason === 'hangup-local', 'hung up');
    await popup.locator('.ended').filter({ hasText: 'You hung up' }).waitFor();
    expect(world.server.requests('BYE').some((r) => r.from === 'alice')).toBe(true);
  });

  it('plays early media while the far end rings, before it answers', async () => {
    const carol = await world.party('carol', { earlyMedia: true });
    try {
      popup = await world.dialFromPopup('carol');
      await carol.waitForState('ringing-in');
      await popup.locator('.call.active .state').filter({ hasText: 'Ringing (audio from the network)' }).waitFor();
      const snap = await world.waitForSoftphone(
        (s) => (s.calls[0]?.media?.bytesReceived ?? 0) > 2000,
        'early media bytes received while ringing',
        15_000,
        true,
      );
      expect(snap.calls[0]!.state).toBe('ringing');
      await popup.getByRole('button', { name: 'Cancel' }).click();
      await carol.waitForState('terminated');
    } finally {
      await carol.close();
    }
  });

  it('cancels an outbound call while the far end is ringing', async () => {
    popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await popup.getByRole('button', { name: 'Cancel' }).click();
    await bob.waitForState('terminated');
    await popup.locator('.ended').filter({ hasText: 'Call cancelled' }).waitFor();
    expect(world.server.requests('CANCEL').length).toBeGreaterThan(0);
  });

  it('shows "Busy" when the far end answers 486', async () => {
    popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.decline(486);
    await popup.locator('.ended').filter({ hasText: 'Busy (486 Busy Here)' }).waitFor();
    const snap = await world.softphone();
    expect(snap.lastEnded?.end).toMatchObject({ reason: 'rejected', status: 486 });
  });

  it('shows "Declined" when the far end answers 603', async () => {
    popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.decline(603);
    await popup.locator('.ended').filter({ hasText: 'Declined (603 Decline)' }).waitFor();
  });

  it('rings for an inbound call with the caller, answers with audio, ends when the caller hangs up', async () => {
    popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await bob.call('alice');
    const incoming = popup.locator('.call.incoming');
    await incoming.waitFor();
    await expect(incoming.locator('.who').textContent()).resolves.toBe('Bob Builder (bob)');
    await incoming.getByRole('button', { name: 'Answer' }).click();
    await bob.waitForState('established');
    await popup.locator('.call.active .state').filter({ hasText: /Connected/ }).waitFor();
    await expectUdpHostCandidatesOnly(bob);

    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio(2000);

    const byeCount = world.server.replies().filter((r) => r.method === 'BYE' && r.code === 200).length;
    await bob.hangup();
    await popup.locator('.ended').filter({ hasText: 'The other side hung up' }).waitFor();
    // The BYE is answered, so the caller's phone does not retransmit it.
    await expect
      .poll(() => world.server.replies().filter((r) => r.method === 'BYE' && r.code === 200 && r.source === 'relay').length)
      .toBeGreaterThan(byeCount);
    await expect(popup.locator('.call').count()).resolves.toBe(0);
  });

  it('declines an inbound call with 486 Busy Here', async () => {
    popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await bob.call('alice');
    await popup.locator('.call.incoming').getByRole('button', { name: 'Decline' }).click();
    await bob.waitForState('terminated');
    expect(await bob.lastFinalResponse()).toBe(486);
    await popup.locator('.ended').filter({ hasText: 'Call declined' }).waitFor();
  });

  it('reports the caller giving up before the user answers', async () => {
    popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await bob.call('alice');
    await popup.locator('.call.incoming').waitFor();
    await bob.cancel();
    await popup.locator('.ended').filter({ hasText: 'Missed: the caller hung up' }).waitFor();
  });
});
