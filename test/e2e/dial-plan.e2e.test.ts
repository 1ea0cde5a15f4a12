import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

// The account's dial plan decides what reaches the PBX: with an outside line 9 and national
// format for the home country, a click on +1 415-555-0142 sends INVITE sip:94155550142@…,
// and the harness PBX's dial plan routes that to Bob, who answers.
describe('dial plan', () => {
  let world: World;
  let bob: Party;
  let options: Page;

  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    options = await world.configureAccount('alice');
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    bob = await world.party('bob');
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  it('explains a bad dial plan next to its field and saves nothing', async () => {
    await options.getByLabel('Outside-line prefix').fill('9#');
    await options.getByLabel('Home country').fill('D!');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('.message').filter({ hasText: 'Not saved' }).waitFor();
    await expect(options.locator('#field-dialOutsideLine-error').textContent()).resolves.toContain('up to 4 digits');
    await expect(options.locator('#field-dialHomeCountry-error').textContent()).resolves.toContain('two-letter');
    await options.getByText('Correct the dial plan to see what it dials.').waitFor();
  });

  it('previews the plan live as it is typed', async () => {
    await options.getByLabel('Home country').fill('US');
    await options.getByLabel('Outside-line prefix').fill('9');
    await options.getByLabel('International numbers').selectOption('prefix');
    await options.getByLabel('International prefix').fill('011');
    const preview = options.locator('.dial-preview li');
    await preview.filter({ hasText: '+49 221 2210 → 9011492212210' }).waitFor();
    await expect(preview.first().textContent()).resolves.toMatch(/^\+1 \d{3}.*→ 9\d{10}$/);
  });

  it('a click on a number sends the dial string the plan makes, and the call connects', async () => {
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('.message').filter({ hasText: 'Saved.' }).waitFor();
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    // Reloaded, the form shows the stored plan.
    await options.reload();
    await expect.poll(() => options.getByLabel('Outside-line prefix').inputValue()).toBe('9');
    await expect(options.getByLabel('Home country').inputValue()).resolves.toBe('US');

    const page = await world.openFixture('click-to-call.html');
    await world.waitForNumbers(page, (n) => n.length >= 3, 'the numbers');
    await page.locator('#bob-link').click();
    await bob.waitForState('ringing-in');
    const invite = world.server.requests('INVITE').filter((r) => r.from === 'alice').at(-1)!;
    expect(invite.ruri).toMatch(/^sip:94155550142@/);
    await bob.answer();
    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio();
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    await page.close();
  });

  it('a number typed in the dialer goes through the plan too; an extension is dialled as typed', async () => {
    const popup = await world.dialFromPopup('+49 221 2210');
    await expect
      .poll(() => world.server.requests('INVITE').filter((r) => r.from === 'alice').at(-1)?.ruri)
      .toMatch(/^sip:9011492212210@/);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the unrouted call ended');
    await popup.getByLabel('Number').fill('bob');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await bob.waitForState('ringing-in');
    expect(world.server.requests('INVITE').filter((r) => r.from === 'alice').at(-1)!.ruri).toMatch(/^sip:bob@/);
    await bob.decline(486);
    await popup.close();
  });

  it('a number with an extension rings the number, and the extension is sent as tones once answered', async () => {
    // Tones as SIP INFO, which the far party reports digit by digit.
    await options.getByLabel('Keypad tones').selectOption('info');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    const page = await world.openFixture('extension.html');
    await world.waitForNumbers(page, (n) => n.length >= 1, 'the link');
    const popup = await world.openPopup();
    await page.bringToFront();
    await page.locator('#bob-ext').click();
    await bob.waitForState('ringing-in');
    // The INVITE goes to the number alone; the extension waits for the answer.
    expect(world.server.requests('INVITE').filter((r) => r.from === 'alice').at(-1)!.ruri).toMatch(/^sip:94155550142@/);
    await popup.locator('.call.active .note').filter({ hasText: 'Extension 42 is dialled once answered' }).waitFor();
    const before = (await bob.events()).filter((e) => e.includes('info-received')).length;
    expect(before).toBe(0);
    await bob.answer();
    await expect
      .poll(async () => (await bob.events()).filter((e) => e.includes('info-received')).map((e) => /signal=(\S)/.exec(e)?.[1]), { timeout: 8000 })
      .toEqual(['4', '2']);
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    await popup.close();
    await page.close();
  });
});
