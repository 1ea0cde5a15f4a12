import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

// Only a person can start a call from a page: a trusted click on the card does; a page
// script's click(), dispatchEvent or forged messages never do (no INVITE reaches Kamailio).
describe('click to call', () => {
  let world: World;
  let bob: Party;
  let page: Page;
  const invites = () => world.server.requests('INVITE').filter((r) => r.from === 'alice').length;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob');
  });
  afterEach(async () => {
    await page?.close().catch(() => undefined);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  async function showCard(selector: string) {
    page = await world.openFixture('click-to-call.html');
    await world.waitForNumbers(page, (n) => n.length >= 3, 'the numbers');
    const box = await page.locator(selector).boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect.poll(() => world.callButtonCentre(page)).toBeTruthy();
    return (await world.callButtonCentre(page))!;
  }

  it('places the call when the person clicks Call on the hover card, once it has shown the number a moment', async () => {
    const button = await showCard('#bob-number');
    await page.mouse.move(button.x, button.y, { steps: 4 });
    // The button acts once the card has shown the number for 400 ms (call-card.test.ts).
    await new Promise((r) => setTimeout(r, 450));
    await page.mouse.click(button.x, button.y);
    await bob.waitForState('ringing-in');
    await bob.answer();
    await bob.waitForAudio(2000);
    const snap = await world.waitForSoftphone((s) => s.calls[0]?.state === 'established', 'call established');
    expect(snap.calls[0]!.remote.number).toBe('+14155550142');
    await bob.hangup();
  });

  it('places no call for a script’s click() or dispatched events', async () => {
    await showCard('#bob-number');
    const before = invites();
    await page.evaluate(() => {
      const host = document.querySelector('offhook-ui') as HTMLElement;
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const number = document.getElementById('bob-number')!;
      number.click();
      number.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      // The link too: a script clicking it must not dial either.
      (document.getElementById('bob-link') as HTMLAnchorElement).click();
      window.postMessage({ offhook: 1, channel: 'content', kind: 'request', type: 'content:call', payload: { target: 'tel:+14155550142' } }, '*');
      document.dispatchEvent(new CustomEvent('offhook', { detail: { type: 'content:call', target: 'tel:+14155550142' } }));
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(invites()).toBe(before);
    expect(await bob.state()).not.toBe('ringing-in');
    // The page's own handler still ran for its link.
    expect(await page.evaluate(() => (window as unknown as { __clicks: number }).__clicks)).toBe(1);
  });

  it('routes a person’s click on a tel: link to Offhook, and the page’s handler still runs', async () => {
    page = await world.openFixture('click-to-call.html');
    await world.waitForNumbers(page, (n) => n.length >= 3, 'the numbers');
    await page.locator('#bob-link').click();
    await bob.waitForState('ringing-in');
    await bob.decline(486);
    expect(await page.evaluate(() => (window as unknown as { __clicks: number }).__clicks)).toBe(1);
    expect(page.url()).toContain('click-to-call.html');
  });
});
