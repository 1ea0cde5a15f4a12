import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Pages that try to make a real click dial something the person did not mean: a transparent
// link over a button, a link that swaps its number as it is pressed, a link under a decoy that
// lets clicks through, a link in another site's frame, premium and foreign numbers, a card
// covered by the page, mouse moves a script makes, and clicks in quick succession. Each time
// Kamailio must see no INVITE until the person confirms on Offhook's own card.
describe('a page must not dial for the user', () => {
  let world: World;
  let bob: Party;
  let page: Page;
  const invites = (to?: string) =>
    world.server.requests('INVITE').filter((r) => r.from === 'alice' && (to === undefined || r.ruri.includes(to))).length;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob');
  });
  afterEach(async () => {
    await bob.leaveNoCall();
    await page?.close().catch(() => undefined);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  async function open(name: string) {
    page = await world.openFixture(name);
    await world.waitForNumbers(page, (n) => n.length >= 1, 'the links');
    return page;
  }

  /** The card asks: `reason` shown, and no call placed meanwhile. */
  async function asks(reason: string, before: number) {
    await expect.poll(() => world.cardText(page)).toContain(reason);
    expect(await world.cardMode(page)).toBe('ask');
    expect(await world.cardText(page)).toContain('Call anyway');
    await pause(800);
    expect(invites()).toBe(before);
  }

  /** The person presses Call anyway on the card, once it has been on screen a moment. */
  async function callAnyway() {
    await pause(450);
    const button = await world.callButtonCentre(page);
    await page.mouse.move(button!.x, button!.y, { steps: 3 });
    await page.mouse.click(button!.x, button!.y);
  }

  it('asks before calling a transparent link laid over a button, and calls once confirmed', async () => {
    await open('link-attacks.html');
    const before = invites();
    await page.getByRole('button', { name: 'Play video' }).click({ force: true });
    await asks('This link was hidden, covered or faded when you clicked it.', before);
    expect(await world.cardText(page)).toContain('+14155550143');
    await callAnyway();
    await expect.poll(() => invites('+14155550143')).toBeGreaterThan(0);
  });

  it('asks before calling a link whose number changed as it was pressed', async () => {
    await open('link-attacks.html');
    const before = invites();
    await page.locator('#swap').click();
    await asks('This link changed just before your click.', before);
    expect(await world.cardText(page)).toContain('+14155550142');
  });

  it('asks before calling a link under a decoy that lets clicks through', async () => {
    await open('link-attacks.html');
    const before = invites();
    const decoy = (await page.locator('#decoy').boundingBox())!;
    await page.mouse.move(decoy.x + 20, decoy.y + 10, { steps: 3 });
    await pause(300);
    await page.mouse.click(decoy.x + 20, decoy.y + 10);
    await asks('This link was hidden, covered or faded when you clicked it.', before);
  });

  it('asks before calling a link in a frame of another site', async () => {
    await open('link-attacks.html');
    const before = invites();
    const frame = page.frameLocator('#frame');
    await frame.locator('#framed').click();
    await pause(1000);
    expect(invites()).toBe(before);
    // The card is in the frame's document, where the link is.
    const framePage = page.frames().find((f) => f.url().includes('link-frame.html'))!;
    await expect.poll(() => framePage.evaluate(() => document.querySelector('offhook-ui') !== null)).toBe(true);
  });

  it('asks before a premium-rate number and a SIP address outside the phone system, naming it in full', async () => {
    await open('link-attacks.html');
    const before = invites();
    await page.locator('#premium').click();
    await asks('Premium rate: calls cost extra', before);
    // Dismissed, the question goes: nothing was called.
    await page.mouse.move(400, 10);
    await page.keyboard.press('Escape');
    await expect.poll(() => world.callButtonCentre(page)).toBeUndefined();
    expect(invites()).toBe(before);
    await page.locator('#foreign').click();
    await asks('This address is outside your phone system (evil.example).', before);
    expect(await world.cardText(page)).toContain('sip:boss@evil.example');
    await callAnyway();
    await expect.poll(() => invites('evil.example')).toBeGreaterThan(0);
  });

  it('calls a plain link at once, and a second one within seconds only after a wait', async () => {
    await open('link-attacks.html');
    await page.locator('#plain').click();
    await bob.waitForState('ringing-in');
    await bob.decline(486);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'declined');
    const before = invites();
    await page.locator('#plain').click();
    await expect.poll(() => world.cardText(page)).toContain('Offhook placed a call from this page a moment ago');
    expect(invites()).toBe(before);
    await pause(3000);
    await page.locator('#plain').click();
    await bob.waitForState('ringing-in');
  });

  it('shows no card for mouse moves a script makes', async () => {
    await open('click-to-call.html');
    await page.evaluate(() => {
      const box = document.getElementById('bob-number')!.getBoundingClientRect();
      for (let i = 0; i < 10; i++)
        document.getElementById('bob-number')!.dispatchEvent(
          new MouseEvent('mousemove', { bubbles: true, clientX: box.left + 5 + i, clientY: box.top + box.height / 2 }),
        );
    });
    await pause(800);
    expect(await world.callButtonCentre(page)).toBeUndefined();
  });

  it('does not call through a card the page covers with its own layer', async () => {
    await open('click-to-call.html');
    const box = (await page.locator('#bob-number').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => world.callButtonCentre(page)).toBeTruthy();
    const button = (await world.callButtonCentre(page))!;
    await page.mouse.move(button.x, button.y, { steps: 3 });
    // The page opens a layer above everything (the top layer, after the card) that lets clicks through.
    await page.evaluate(() => {
      const cover = document.createElement('div');
      cover.popover = 'manual';
      cover.textContent = 'Click here for a prize';
      cover.style.cssText = 'position:fixed;inset:0;margin:0;width:100vw;height:100vh;border:0;background:#fff;pointer-events:none;';
      document.body.append(cover);
      cover.showPopover();
    });
    await pause(600);
    const before = invites();
    await page.mouse.click(button.x, button.y);
    await pause(1000);
    expect(invites()).toBe(before);
    expect(await world.cardText(page)).toContain('Something on the page covers this card');
  });
});
