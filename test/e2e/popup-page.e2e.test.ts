import { describe, expect, it } from 'vitest';
import type { Party } from '../harness/party';
import { aliceAndBob } from './support/alice-and-bob';
import type { World } from './support/world';

// The popup's "On this page": every number in the tab (frames included) with a Call
// button, and the switches that turn Offhook off for a site or everywhere without a reload.
describe('popup: numbers on this page', () => {
  let world: World;
  let bob: Party;
  aliceAndBob((w, b) => {
    world = w;
    bob = b;
  });

  it('lists the numbers of every frame and calls one with a click', async () => {
    const page = await world.openFixture('frames.html');
    await world.waitForNumbers(page, (n) => n.length === 1, 'top frame');
    const popup = await world.openPopup(page);
    const items = popup.locator('.numbers li');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(4);
    await expect(items.first().locator('.number-text').textContent()).resolves.toBe('+1 415 555 0110');
    await popup.close();

    const sales = await world.openFixture('click-to-call.html');
    await world.waitForNumbers(sales, (n) => n.length >= 3, 'sales numbers');
    const dialer = await world.openPopup(sales);
    await dialer.locator('.status[data-state="registered"]').waitFor();
    await dialer.getByRole('button', { name: 'Call +1 415 555 0142' }).first().click();
    await bob.waitForState('ringing-in');
    await bob.decline(603);
    await dialer.locator('.ended').filter({ hasText: 'Declined' }).waitFor();
    await dialer.close();
    await sales.close();
    await page.close();
  });

  it('turns Offhook off on this site and back on, without reloading the page', async () => {
    const page = await world.openFixture('lang.html');
    await world.waitForNumbers(page, (n) => n.length === 6, 'six numbers');
    const popup = await world.openPopup(page);
    const site = popup.getByLabel('On 127.0.0.1');
    await site.waitFor();
    expect(await site.isChecked()).toBe(true);
    await site.uncheck();
    await world.waitForNumbers(page, (n) => n.length === 0, 'no numbers while off');
    await expect.poll(() => popup.locator('.numbers li').count()).toBe(0);

    await site.check();
    await world.waitForNumbers(page, (n) => n.length === 6, 'numbers back');
    await popup.close();
    await page.close();
  });

  it('the global switch turns detection off everywhere', async () => {
    const page = await world.openFixture('split.html');
    await world.waitForNumbers(page, (n) => n.length === 2, 'two numbers');
    const popup = await world.openPopup(page);
    await popup.getByLabel('On all sites').uncheck();
    await world.waitForNumbers(page, (n) => n.length === 0, 'off everywhere');
    await popup.getByLabel('On all sites').check();
    await world.waitForNumbers(page, (n) => n.length === 2, 'on again');
    await popup.close();
    await page.close();
  });
});
