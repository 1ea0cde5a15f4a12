import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { contrastRatio } from '../harness/contrast';
import type { Party } from '../harness/party';
import { cardColours } from './support/card-colours';
import { World } from './support/world';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = path.join(root, 'docs/screenshots');
const AXE = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A/AA rules on the page as it is now; evaluated through the protocol,
 * so the extension page's strict CSP stays as it is. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, o: object): Promise<{ passes: unknown[]; violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  });
  // A run that checked nothing would pass anything.
  if (result.passes.length < 5) throw new Error(`axe checked only ${result.passes.length} rules`);
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The palette's page background in each theme (assets/palette.css). */
const BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(13, 17, 23)' } as const;

/** The page in the light and then the dark theme (`prefers-color-scheme` emulated through the
 * protocol): really drawn in that theme, no axe violations, and pictured in both when named. */
async function checkThemes(page: Page, name?: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(BACKGROUND[scheme]);
    expect(await violations(page), `${name ?? page.url()} in the ${scheme} theme`).toEqual([]);
    if (name) await shoot(page, scheme === 'dark' ? `${name}-dark` : name);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function shoot(page: Page, name: string) {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: name.startsWith('options') });
}

// The popup in each state and the options page: no axe violations, and a screenshot of
// each for the README, taken by this run.
describe('the faces, checked and pictured', () => {
  let world: World;
  let bob: Party;
  let carol: Party;
  let popup: Page;

  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    await world.takeWelcomePage()?.close();
  });
  afterAll(async () => {
    await bob?.close();
    await carol?.close();
    await world?.close();
  });

  async function popupAt(state: string) {
    popup = await world.openPopup();
    await popup.setViewportSize({ width: 360, height: 640 });
    await popup.locator(`.status[data-state="${state}"]`).waitFor();
  }

  it('popup before an account is set up', async () => {
    await popupAt('unconfigured');
    await checkThemes(popup, 'popup-unconfigured');
    await popup.close();
  });

  it('options page, and a failed registration in the popup', async () => {
    const options = await world.configureAccount('alice', 'wrong-password');
    await options.getByText(/Wrong username or password/).first().waitFor();
    await checkThemes(options);
    await popupAt('failed');
    await checkThemes(popup, 'popup-failed');
    await popup.close();

    await options.getByLabel('Password', { exact: true }).fill('alice-secret');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('.registration').filter({ hasText: 'Registered as' }).waitFor();
    await options.setViewportSize({ width: 900, height: 900 });
    await checkThemes(options, 'options');
    await options.close();
  });

  it('popup registered, ringing, and in a call', async () => {
    bob = await world.party('bob', { displayName: 'Bob Builder' });
    await popupAt('registered');
    await checkThemes(popup, 'popup-registered');

    await bob.call('alice');
    await popup.locator('.call.incoming').waitFor();
    await checkThemes(popup, 'popup-ringing');

    await popup.getByRole('button', { name: 'Answer' }).click();
    await popup.locator('.call.active .state').filter({ hasText: /Connected/ }).waitFor();
    await checkThemes(popup, 'popup-in-call');

    // The call's details: codec and live quality figures.
    const call = popup.locator('.call.active');
    await call.getByText('Details', { exact: true }).click();
    await expect.poll(() => call.locator('[data-figure="codec"] dd').textContent()).toMatch(/opus/);
    await checkThemes(popup, 'popup-call-details');
    await call.getByText('Details', { exact: true }).click();

    // Two calls: bob waits on hold while alice talks to carol.
    carol = await world.party('carol', { displayName: 'Carol Singer' });
    await popup.getByLabel('Number').fill('carol');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await carol.waitForState('ringing-in');
    await carol.answer();
    const calls = popup.locator('.call.active');
    await calls.filter({ hasText: 'bob' }).locator('.state').filter({ hasText: 'On hold' }).waitFor();
    await calls.filter({ hasText: 'carol' }).locator('.state').filter({ hasText: /Connected/ }).waitFor();
    await checkThemes(popup, 'popup-two-calls');

    // Merged into a three-way conference.
    await popup.getByRole('button', { name: 'Merge calls' }).click();
    await expect.poll(() => calls.locator('.state').filter({ hasText: 'In conference' }).count()).toBe(2);
    await checkThemes(popup, 'popup-conference');

    await carol.hangup();
    await bob.hangup();
    await popup.close();
  });

  it('numbers on a page: marked, and the card on one of them', async () => {
    const page = await world.openFixture('contact.html');
    await page.setViewportSize({ width: 560, height: 300 });
    // The two phone numbers, not the order number, the date or the invoice.
    const numbers = await world.waitForNumbers(page, (n) => n.length === 2, 'two numbers');
    expect(numbers.map((n) => n.tel)).toEqual(['tel:+14155550132', 'tel:+12127363100']);
    const box = await page.locator('#front').boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect.poll(() => world.cardText(page)).toContain('Call');
    // The Call button is dimmed for its first 400 ms on screen (it does nothing before).
    await new Promise((r) => setTimeout(r, 500));

    // The card sits on the page, with its own background: readable in either theme, on a
    // light page and on a dark one alike.
    for (const pageTheme of ['light page', 'dark page'] as const) {
      if (pageTheme === 'dark page')
        await page.addStyleTag({ content: 'html, body { background: #111 !important; color: #ddd !important; }' });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const texts = await cardColours(page);
        expect(texts.map((t) => t.part).sort()).toEqual(['BUTTON', 'kind', 'number']);
        const card = texts.find((t) => t.part === 'number')!;
        expect(card.background, `${pageTheme}, ${scheme} theme`).toBe(BACKGROUND[scheme]);
        for (const text of texts)
          expect(contrastRatio(text.colour, text.background), `${text.part} "${text.text}" on a ${pageTheme}, ${scheme} theme`).toBeGreaterThanOrEqual(4.5);
        if (pageTheme === 'light page' && scheme === 'light') await shoot(page, 'page-card');
        if (pageTheme === 'dark page' && scheme === 'dark') await shoot(page, 'page-card-dark');
      }
    }
    await page.close();
  });
});
