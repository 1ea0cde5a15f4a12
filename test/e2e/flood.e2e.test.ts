import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { startSipFlood } from '../harness/sip-flood';
import { World } from './support/world';

// 200 INVITEs in 10 s from outside callers, through Kamailio, at a registered Offhook: at most
// two ring, the rest get 486 at once; the phone stays registered; notifications, history and
// snapshots stay a handful whatever the number of calls; the popup keeps answering; and the
// next call the user places works, with audio.
describe('an INVITE flood', () => {
  let world: World;
  let bob: Party;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob', { autoAnswer: true });
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  const notifications = () => world.notificationIds();

  it('rings at most two, refuses the rest at once, keeps registered and responsive, and the next call works', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const startRevision = (await world.softphone()).revision;

    const flood = await startSipFlood(world.server, { target: 'alice', count: 200, overMs: 10_000 });
    const samples: { ringing: number; registered: boolean; snapshotBytes: number; notifications: number; typedMs: number }[] = [];
    const sampling = (async () => {
      for (let i = 0; i < 12; i++) {
        const snap = await world.softphone();
        const shown = await notifications();
        // The popup answers a person typing while the flood goes on.
        const t = Date.now();
        await popup.getByLabel('Number').fill(`carol${i}`);
        expect(await popup.getByLabel('Number').inputValue()).toBe(`carol${i}`);
        samples.push({
          ringing: snap.calls.filter((c) => c.state === 'incoming').length,
          registered: snap.registration.state === 'registered',
          snapshotBytes: JSON.stringify(snap).length,
          notifications: shown.length,
          typedMs: Date.now() - t,
        });
        await new Promise((r) => setTimeout(r, 800));
      }
    })();
    const [result] = await Promise.all([flood.settled, sampling]);

    const finals = result.invites.map((i) => i.final);
    const ringing = finals.filter((f) => f === undefined).length;
    expect(result.invites).toHaveLength(200);
    expect(ringing).toBeGreaterThanOrEqual(1);
    expect(ringing).toBeLessThanOrEqual(2);
    expect(finals.filter((f) => f === 486)).toHaveLength(200 - ringing);
    for (const s of samples) {
      expect(s.ringing).toBeLessThanOrEqual(2);
      expect(s.registered).toBe(true);
      expect(s.snapshotBytes).toBeLessThan(8_000);
      // Two ringing calls and the summary of the refused ones, at most.
      expect(s.notifications).toBeLessThanOrEqual(3);
      expect(s.typedMs).toBeLessThan(1000);
    }
    expect(await popup.locator('.call.incoming').count()).toBeLessThanOrEqual(2);
    // Refusals are reported in batches: a few dozen snapshots, not two for each of 200 calls.
    expect((await world.softphone()).revision - startRevision).toBeLessThan(120);

    // The callers give up: two missed calls (one notification) and one summary of the rest.
    await flood.cancelRinging();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'flood over');
    // The last missed call replaces the first's notification: wait for the one that counts both.
    await expect.poll(notifications).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^missed:${ringing}:`))]));
    const shown = await notifications();
    expect(shown).toContain('refused:busy');
    expect(shown.filter((id) => id.startsWith('missed:'))).toHaveLength(1);
    expect(shown).toHaveLength(2);
    const rows = popup.locator('.calls li');
    await expect.poll(() => rows.count()).toBe(ringing + 1);
    await expect.poll(async () => (await rows.allTextContents()).join('\n')).toContain(`(${200 - ringing} calls)`);
    expect((await rows.allTextContents()).join('\n')).toContain('Refused (line full)');
    await flood.stop();

    // And the phone still works: a call the user places gets through, with audio.
    await popup.getByLabel('Number').fill('bob');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await bob.waitForState('established');
    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio(2000);
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
  });
});
