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

// The browser reports ICE gathering "complete" only after its TCP phase, about 100 ms after
// the UDP candidates. Offhook's offer and answer go out once the candidates the call needs are
// in (ice-gathering-cutoff.ts): with no STUN or TURN server, the UDP host candidates. What the
// far end receives shows it, and the call still carries audio both ways.
describe('the offer and the answer go out once the call’s candidates are in', () => {
  let world: World;
  let bob: Party;
  let popup: Page | undefined;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob');
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

  it('offers its UDP host candidates without waiting for the TCP ones, and the call carries audio', async () => {
    popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.answer();
    await bob.waitForState('established');
    // Bob applied alice's offer when he answered.
    const offer = candidates(await bob.remoteSdp());
    expect(offer.filter((c) => c.type === 'host' && c.protocol === 'udp').length).toBeGreaterThan(0);
    expect(offer.filter((c) => c.protocol === 'tcp')).toEqual([]);
    await bob.waitForAudio(2000);
    const media = await world.waitForExtensionAudio(2000);
    expect(media.bytesSent).toBeGreaterThan(2000);
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await bob.waitForState('terminated');
  });

  // Chromium's answer carries no TCP candidate either way; this keeps the cut from ever
  // breaking an answer.
  it('answers with its UDP host candidates, and the call carries audio', async () => {
    popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await bob.call('alice');
    await popup.locator('.call.incoming').getByRole('button', { name: 'Answer' }).click();
    await bob.waitForState('established');
    const answer = candidates(await bob.remoteSdp());
    expect(answer.filter((c) => c.type === 'host' && c.protocol === 'udp').length).toBeGreaterThan(0);
    expect(answer.filter((c) => c.protocol === 'tcp')).toEqual([]);
    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio(2000);
    await bob.hangup();
  });
});
