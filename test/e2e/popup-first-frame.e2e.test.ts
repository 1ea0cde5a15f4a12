import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Party } from '../harness/party';
import { aliceAndBob } from './support/alice-and-bob';
import type { World } from './support/world';
import { openToolbarPopup } from './support/toolbar-popup';
import { FIRST_INTERACTIVE_MARK } from '../../src/faces/popup/first-interactive-mark';

const READ_MARKS = `performance.getEntriesByName(${JSON.stringify(FIRST_INTERACTIVE_MARK)}).map((m) => m.startTime)`;

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
  async function statesShown(url: string, until: string): Promise<{ popup: Page; states: string[]; shownAt: number[] }> {
    const popup = await world.context.newPage();
    await popup.addInitScript(() => {
      const w = window as unknown as { __states: string[]; __shownAt: number[] };
      w.__states = [];
      w.__shownAt = [];
      new MutationObserver(() => {
        const shown = document.querySelector('.status')?.getAttribute('data-state');
        if (shown && w.__states.at(-1) !== shown) {
          w.__states.push(shown);
          w.__shownAt.push(performance.now());
        }
      }).observe(document, { childList: true, subtree: true, attributes: true });
    });
    await popup.goto(url);
    await popup.locator(`.status[data-state="${until}"]`).waitFor();
    const seen = await popup.evaluate(() => {
      const w = window as unknown as { __states: string[]; __shownAt: number[] };
      return { states: w.__states, shownAt: w.__shownAt };
    });
    return { popup, ...seen };
  }

  it('shows "Registered" from the first frame, never "Connecting to Offhook…"', async () => {
    await expect.poll(() => world.toolbarPopupUrl(), { timeout: 10_000 }).toMatch(/popup\.html\?phone=.*registered/);
    for (let i = 0; i < 3; i++) {
      const { popup, states, shownAt } = await statesShown(await world.toolbarPopupUrl(), 'registered');
      expect(states).toEqual(['registered']);
      await expect(popup.locator('.status').textContent()).resolves.toBe('Registered as alice@offhook.test');
      await expect(popup.getByRole('button', { name: 'Call', exact: true })).toBeDefined();
      // The popup marks that render itself (User Timing), no later than a page observer sees it.
      const marks = (await popup.evaluate(READ_MARKS)) as number[];
      expect(marks).toHaveLength(1);
      expect(marks[0]!).toBeLessThanOrEqual(shownAt[0]!);
      await popup.close();
    }
  });

  // What a click on the toolbar button opens (action.openPopup): the popup, not a tab. The bench
  // times it by the popup's own mark, since no test script can be added to it before it loads.
  it('the toolbar popup shows the real state and marks its first interactive render once', async () => {
    await expect.poll(() => world.toolbarPopupUrl(), { timeout: 10_000 }).toMatch(/popup\.html\?phone=.*registered/);
    const popup = await openToolbarPopup(world);
    try {
      expect(popup.url).toMatch(/\/popup\.html\?phone=.*registered/);
      const seen = await popup.evaluate<{ state: string; text: string; call: boolean; marks: number[]; width: number }>(`({
        state: document.querySelector('.status').dataset.state,
        text: document.querySelector('.status').textContent,
        call: [...document.querySelectorAll('button')].some((b) => b.textContent === 'Call' && !b.disabled),
        marks: ${READ_MARKS},
        width: innerWidth,
      })`);
      expect(seen).toMatchObject({ state: 'registered', text: 'Registered as alice@offhook.test', call: true });
      expect(seen.marks).toHaveLength(1);
      expect(seen.marks[0]!).toBeGreaterThan(0);
      // A popup's size follows its content, not a tab's window.
      expect(seen.width).toBeLessThan(600);
    } finally {
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
    const { popup, states, shownAt } = await statesShown(await world.toolbarPopupUrl(), 'registered');
    await popup.locator('.call.incoming').waitFor();
    // Drawn first without the state (the address carries none now), then from the stored
    // snapshot: the popup's mark is for the second render, not the first.
    const marks = (await popup.evaluate(READ_MARKS)) as number[];
    expect(marks).toHaveLength(1);
    if (states[0] === 'loading') expect(marks[0]!).toBeGreaterThan(shownAt[0]!);
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
