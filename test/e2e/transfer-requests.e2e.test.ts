import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A far end that asks (SIP REFER) to transfer the user somewhere else: Offhook never follows
// it by itself. Bob is on a call with alice and sends REFER to carol; what alice's phone does
// is checked where it matters: bob's answer to his REFER, whether Kamailio sees alice INVITE
// carol, whether carol rings, and what the popup and the notifications say.
describe('transfer requests from the far end', () => {
  let world: World;
  let bob: Party;
  let carol: Party;
  let popup: Page | undefined;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob', { displayName: 'Bob Builder' });
    carol = await world.party('carol', { autoAnswer: true });
  });
  afterEach(async () => {
    await bob.leaveNoCall();
    await carol.leaveNoCall();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
    await popup?.close().catch(() => undefined);
    popup = undefined;
  });
  afterAll(async () => {
    await bob?.close();
    await carol?.close();
    await world?.close();
  });

  const invitesToCarol = () => world.server.requests('INVITE').filter((r) => r.from === 'alice' && r.to === 'carol').length;
  const carolRang = async () => (await carol.events()).filter((e) => e.includes('invite-in')).length;
  const notifications = () => world.notificationIds();

  /** Bob calls alice and alice answers in the popup: a call with audio both ways. */
  async function inCallWithBob(): Promise<Page> {
    popup = await world.openPopup();
    await bob.call('alice');
    await popup.getByRole('button', { name: 'Answer', exact: true }).click();
    await bob.waitForState('established');
    await bob.waitForAudio(1000);
    return popup;
  }

  async function setTransferRequests(value: 'decline' | 'ask') {
    const options = await world.configureAccount('alice');
    await options.getByLabel('Transfer requests from the other party').selectOption(value);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    await options.close();
  }

  it('declines by default (603), says so, and calls nobody', async () => {
    const page = await inCallWithBob();
    const before = invitesToCarol();
    const rang = await carolRang();
    expect(await bob.refer('carol')).toBe(603);
    await page
      .locator('.call.active .transfer-note')
      .filter({ hasText: 'Bob Builder (bob) asked to transfer you to carol. Declined, as set in the options.' })
      .waitFor();
    await expect.poll(notifications).toContainEqual(expect.stringMatching(/^transfer-refused:/));
    await pause(1500);
    expect(invitesToCarol()).toBe(before);
    expect(await carolRang()).toBe(rang);
    // The call with bob goes on, with sound.
    const heard = (await bob.audio()).bytesReceived;
    await bob.waitForAudio(heard + 1000);
    expect((await world.softphone()).calls.map((c) => c.state)).toEqual(['established']);
  });

  it('asks when set to, and an accepted transfer is a tracked call with audio that the user can hang up', async () => {
    await setTransferRequests('ask');
    const page = await inCallWithBob();
    const refer = bob.refer('carol');
    const question = page.locator('.call.active .transfer-request');
    await question.filter({ hasText: 'Bob Builder (bob) asks to transfer you to carol.' }).waitFor();
    await expect(question.locator('.address').textContent()).resolves.toBe('sip:carol@offhook.test');
    await expect.poll(notifications).toContainEqual(expect.stringMatching(/^transfer:/));
    // Nothing happens until the user says so.
    await pause(1000);
    expect(invitesToCarol()).toBe(0);

    await page.getByRole('button', { name: 'Accept transfer' }).click();
    expect(await refer).toBe(202);
    await carol.waitForState('established');
    await carol.waitForAudio(2000);
    const transferred = page.locator('.call.active').filter({ hasText: 'Transferred at Bob Builder’s request' });
    await transferred.waitFor();
    await expect.poll(async () => (await bob.referNotifies()).some((line) => /^SIP\/2\.0 200/.test(line))).toBe(true);
    await expect.poll(notifications).not.toContainEqual(expect.stringMatching(/^transfer:/));
    const snap = await world.softphone();
    expect(snap.calls.find((c) => c.remote.uri === 'sip:carol@offhook.test')).toMatchObject({ state: 'established', referredBy: 'Bob Builder' });

    // The user hangs up the transferred call from the popup like any other.
    await transferred.getByRole('button', { name: 'Hang up' }).click();
    await carol.waitForState('terminated');
  });

  it('asks, and a declined request calls nobody and leaves the call as it was', async () => {
    const page = await inCallWithBob();
    const before = invitesToCarol();
    const rang = await carolRang();
    const refer = bob.refer('carol');
    await page.getByRole('button', { name: 'Decline transfer' }).click();
    expect(await refer).toBe(603);
    await page.locator('.call.active .transfer-note').filter({ hasText: 'You declined Bob Builder (bob)’s transfer to carol.' }).waitFor();
    await pause(1000);
    expect(invitesToCarol()).toBe(before);
    expect(await carolRang()).toBe(rang);
    const heard = (await bob.audio()).bytesReceived;
    await bob.waitForAudio(heard + 1000);
  });
});
