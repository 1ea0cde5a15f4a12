import { describe, expect, it } from 'vitest';
import type { Party } from '../harness/party';
import { aliceAndBob } from './support/alice-and-bob';
import type { World } from './support/world';

// The popup's number field: formatted as typed for the person's region (the browser's en-US
// here), a paste of any format cleaned, Enter calls, recent numbers offered; libphonenumber is
// loaded only once the person types.
describe('dialer', () => {
  let world: World;
  let bob: Party;

  aliceAndBob((w, b) => {
    world = w;
    bob = b;
  });

  /** Whether the popup page names the formatter's chunk, i.e. would load it before the first render. */
  const preloaded = (popup: import('playwright-core').Page) => popup.evaluate(() => fetch('/popup.html').then((r) => r.text()).then((t) => /as-you-type|libphonenumber/.test(t)));

  it('formats a number as it is typed, and Enter calls it', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    // The formatter is not part of the first paint: it loads with the first keystroke.
    expect(await preloaded(popup)).toBe(false);
    const field = popup.getByLabel('Number');
    await field.pressSequentially('4155550142');
    await expect.poll(() => field.inputValue()).toBe('(415) 555-0142');
    await field.fill('');
    await field.pressSequentially('+14155550142');
    await expect.poll(() => field.inputValue()).toBe('+1 415 555 0142');
    await field.press('Enter');
    await bob.waitForState('ringing-in');
    expect(world.server.requests('INVITE').filter((r) => r.from === 'alice').at(-1)!.ruri).toMatch(/^sip:\+14155550142@/);
    await bob.decline(486);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
    await popup.close();
  });

  it('cleans a pasted tel: URI with full-width digits', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const field = popup.getByLabel('Number');
    await field.focus();
    await popup.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text', 'tel:＋１－４１５－５５５－０１４２');
      document.getElementById('number')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => field.inputValue()).toBe('+1 415 555 0142');
    await field.press('Enter');
    await bob.waitForState('ringing-in');
    await bob.decline(486);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
    await popup.close();
  });

  it('offers recent numbers from the history, and a picked one is dialled as it is', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const option = popup.locator('#recent-numbers option').first();
    await expect.poll(() => option.getAttribute('value')).toMatch(/14155550142/);
    expect(await popup.locator('#recent-numbers option').count()).toBe(1);
    const value = (await option.getAttribute('value'))!;
    // What the browser does when the person picks a suggestion.
    await popup.evaluate((v) => {
      const input = document.getElementById('number') as HTMLInputElement;
      input.value = v;
      input.dispatchEvent(new InputEvent('input', { inputType: 'insertReplacementText', bubbles: true }));
    }, value);
    await expect(popup.getByLabel('Number').inputValue()).resolves.toBe(value);
    await popup.getByLabel('Number').press('Enter');
    await bob.waitForState('ringing-in');
    await bob.decline(486);
    await popup.close();
  });
});
