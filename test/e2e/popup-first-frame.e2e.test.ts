import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Party } from '../harness/party';
import { aliceAndBob } from './support/alice-and-bob';
import type { World } from './support/world';

// The toolbar opens the popup at an address that carries the phone's state (the coordinator
// sets it with action.setPopup on every change), so the popup's first frame already shows the
// real registration, not "Connecting to Offhook…". While a call is live the address carries
// nothing and the popup draws the call from the stored snapshot.
describe('popup: the real state in the first frame', () => {
  let world: World;
  let bob: Party;
  aliceAndBob((w, b) => {
    world = w;
    bob = b;
  });

  /** Opens `url` and returns every state the status line showed, from its very first frame. */
  async function statesShown(url: string, until: string): Promise<{ popup: Page; states: string[] }> {
    const popup = await world.context.newPage();
    await popup.addInitScript(() => {
      const w = window as unknown as { __states: string[] };
      w.__states = [];
      new MutationObserver(() => {
        const shown = document.querySelector('.status')?.getAttribute('data-state');
        if (shown && w.__states.at(-1) !== shown) w.__states.push(shown);
      }).observe(document, { childList: true, subtree: true, attributes: true });
    });
    await popup.goto(url);
    await popup.locator(`.status[data-state="${until}"]`).waitFor();
    return { popup, states: await popup.evaluate(() => (window as unknown as { __states: string[] }).__states) };
  }

  it('shows "Registered" from the first frame, never "Connecting to Offhook…"', async () => {
    await expect.poll(() => world.toolbarPopupUrl(), { timeout: 10_000 }).toMatch(/popup\.html\?phone=.*registered/);
    for (let i = 0; i < 3; i++) {
      const { popup, states } = await statesShown(await world.toolbarPopupUrl(), 'registered');
      expect(states).toEqual(['registered']);
      await expect(popup.locator('.status').textContent()).resolves.toBe('Registered as alice@offhook.test');
      await expect(popup.getByRole('button', { name: 'Call', exact: true })).toBeDefined();
      await popup.close();
    }
  });

  // The first frame's script is all the page asks for before it draws (the build writes the
  // stylesheet into the page and leaves out WXT's module scripts); the formatter
  // (popup-formatter.js, libphonenumber) is asked for on the first keystroke, not before.
  it('asks for nothing but its own script before the first frame, and for the formatter after it', async () => {
    const popup = await world.context.newPage();
    const requested: string[] = [];
    popup.on('request', (r) => requested.push(new URL(r.url()).pathname));
    // The popup names each later file through runtime.getURL as it imports it: note whether
    // the status line was already drawn then.
    await popup.addInitScript(() => {
      const w = window as unknown as { __asked: { path: string; drawn: boolean }[] };
      w.__asked = [];
      const runtime = (globalThis as unknown as { chrome: { runtime: { getURL(path: string): string } } }).chrome.runtime;
      const getURL = runtime.getURL.bind(runtime);
      runtime.getURL = (path: string) => {
        w.__asked.push({ path, drawn: document.querySelector('.status') !== null });
        return getURL(path);
      };
    });
    await popup.goto(await world.toolbarPopupUrl());
    await popup.locator('.status[data-state="registered"]').waitFor();
    await popup.locator('.on-page .hint').filter({ hasText: 'No phone numbers found here.' }).waitFor();
    expect(requested).toEqual(['/popup.html', '/popup-app.js']);
    // Built that way: one script, the stylesheet written into the page and applied.
    const page = await popup.evaluate(() => ({
      scripts: [...document.scripts].map((s) => s.getAttribute('src')),
      links: document.querySelectorAll('link').length,
      statusWeight: getComputedStyle(document.querySelector('.status')!).fontWeight,
    }));
    expect(page).toEqual({ scripts: ['/popup-app.js'], links: 0, statusWeight: '600' });

    await popup.getByLabel('Number').pressSequentially('0221');
    await expect.poll(() => requested).toContain('/popup-formatter.js');
    const asked = await popup.evaluate(() => (window as unknown as { __asked: { path: string; drawn: boolean }[] }).__asked);
    expect(asked).toEqual([{ path: '/popup-formatter.js', drawn: true }]);
    await popup.close();
  });

  it('carries nothing while a call rings, and the popup still shows the call at once', async () => {
    await bob.call('alice');
    await world.waitForSoftphone((s) => s.calls.length === 1, 'the call rings');
    await expect.poll(() => world.toolbarPopupUrl()).toMatch(/popup\.html$/);
    const { popup } = await statesShown(await world.toolbarPopupUrl(), 'registered');
    await popup.locator('.call.incoming').waitFor();
    await popup.locator('.call.incoming').getByRole('button', { name: 'Decline' }).click();
    await bob.waitForState('terminated');
    await popup.close();
    await expect.poll(() => world.toolbarPopupUrl(), { timeout: 10_000 }).toMatch(/popup\.html\?phone=.*registered/);
  });

  it('a failed registration is in the first frame too, with its reason', async () => {
    const options = await world.configureAccount('alice', 'not-the-password');
    await expect.poll(() => world.toolbarPopupUrl(), { timeout: 10_000 }).toMatch(/popup\.html\?phone=.*failed/);
    const { popup, states } = await statesShown(await world.toolbarPopupUrl(), 'failed');
    expect(states).toEqual(['failed']);
    await expect(popup.locator('.status').textContent()).resolves.toContain('Wrong username or password');
    await popup.close();
    await options.close();
  });
});
