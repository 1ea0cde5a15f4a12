import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { World } from './support/world';

// The extension updated or reloaded under an open page: the orphaned content script stops
// quietly (its marks go, nothing is thrown into the page, nothing is sent), and the new
// version takes over where pages load.
describe('extension reload under an open page', () => {
  let world: World;
  let page: Page;
  let cdp: CDPSession;
  const problems: string[] = [];

  beforeAll(async () => {
    world = await World.start(inject('extensionDir'), { extensionDebugging: true });
    await world.registerAs('alice');
    page = await world.openFixture('click-to-call.html');
    // Every world of the page (the content script's isolated one too), over CDP.
    cdp = await world.context.newCDPSession(page);
    cdp.on('Runtime.exceptionThrown', (e: { exceptionDetails: { text?: string; exception?: { description?: string } } }) =>
      problems.push(`exception: ${e.exceptionDetails.exception?.description ?? e.exceptionDetails.text}`),
    );
    cdp.on('Runtime.consoleAPICalled', (e: { type: string; args: { value?: unknown; description?: string }[] }) => {
      if (e.type === 'error' || e.type === 'warning')
        problems.push(`${e.type}: ${e.args.map((a) => String(a.value ?? a.description ?? '')).join(' ')}`);
    });
    await cdp.send('Runtime.enable');
  });
  afterAll(async () => {
    await cdp?.detach().catch(() => undefined);
    await world?.close();
  });

  const marks = () => page.evaluate(() => CSS.highlights.get('offhook-number')?.size ?? 0);

  it('the orphaned script removes its marks and throws nothing, even when the number is used', async () => {
    await world.waitForNumbers(page, (n) => n.length >= 2, 'numbers before the reload');
    await expect.poll(marks).toBeGreaterThan(0);
    const invites = world.server.requests('INVITE').length;
    const sheetsBefore = await page.evaluate(() => document.styleSheets.length);

    await world.reloadExtension();

    await expect.poll(marks, { timeout: 5000 }).toBe(0);
    // No trace in the page: the highlight's name is free again, and no stylesheet was ever
    // added to it (the rule is the manifest's, and paints nothing without that highlight).
    expect(
      await page.evaluate(() => ({
        registered: CSS.highlights.has('offhook-number'),
        adopted: document.adoptedStyleSheets.length,
        sheets: document.styleSheets.length,
      })),
    ).toEqual({ registered: false, adopted: 0, sheets: sheetsBefore });
    // A person still points at and clicks where the number was.
    const box = await page.locator('#bob-number').boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2, { steps: 4 });
    await new Promise((r) => setTimeout(r, 800));
    await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(await world.callButtonCentre(page)).toBeUndefined();
    expect(world.server.requests('INVITE').length).toBe(invites);
    expect(problems).toEqual([]);
  });

  it('the new version finds the numbers once the page loads again', async () => {
    // The new version's softphone is up again on its own (the account survived the update).
    await world.waitForSoftphone((s) => s.registration.state === 'registered', 'registered after the update', 20_000);
    await page.reload();
    const numbers = await world.waitForNumbers(page, (n) => n.length >= 2, 'numbers after the reload');
    expect(numbers.map((n) => n.tel)).toEqual(expect.arrayContaining(['tel:+14155550142', 'tel:+14155550143']));
    await expect.poll(marks).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
