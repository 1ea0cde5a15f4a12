// How the bench times the popup (calls.ts, popup-ab.ts).
// - Its address in a tab: an init script's MutationObserver notes when `.status` first appears
//   (first render) and when it first shows a state other than "loading" (first interactive),
//   in the popup's performance.now().
// - The toolbar popup (action.openPopup), which takes no init script: the popup's own User
//   Timing mark of that render (src/faces/popup/first-interactive-mark.ts), and its first
//   contentful paint.
import type { Page } from 'playwright-core';
import { FIRST_INTERACTIVE_MARK } from '../../src/faces/popup/first-interactive-mark';
import { openToolbarPopup } from '../../test/e2e/support/toolbar-popup';
import type { World } from '../../test/e2e/support/world';

export interface PopupTiming {
  firstRenderMs?: number;
  interactiveMs?: number;
}

/** Opens the popup in `popup` (a fresh page) and returns its timing once it shows `state`. */
export async function timePopupOpen(popup: Page, url: string, state = 'registered'): Promise<PopupTiming> {
  await popup.addInitScript(() => {
    const w = window as unknown as { __render?: number; __ready?: number };
    new MutationObserver(() => {
      const s = document.querySelector('.status');
      if (s && w.__render === undefined) w.__render = performance.now();
      const shown = s?.getAttribute('data-state');
      if (shown && shown !== 'loading' && w.__ready === undefined) w.__ready = performance.now();
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await popup.goto(url);
  await popup.locator(`.status[data-state="${state}"]`).waitFor();
  const t = (await popup.evaluate(() => {
    const w = window as unknown as { __render?: number; __ready?: number };
    return { r: w.__render, i: w.__ready };
  })) as { r?: number; i?: number };
  return { firstRenderMs: t.r, interactiveMs: t.i };
}

export interface ToolbarPopupTiming {
  /** Navigation start → the popup's own first-interactive mark. */
  interactiveMs?: number;
  /** Navigation start → first contentful paint: a popup is painted once the browser shows it. */
  firstPaintMs?: number;
}

const READ_TOOLBAR_TIMING = `(() => {
  const mark = performance.getEntriesByName(${JSON.stringify(FIRST_INTERACTIVE_MARK)})[0];
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return { interactiveMs: mark?.startTime, firstPaintMs: paint?.startTime, state: document.querySelector('.status')?.dataset.state };
})()`;

/** Opens the toolbar popup (action.openPopup), at `address` if given, and reads its timing
 * once it shows `state`. */
export async function timeToolbarPopup(world: World, state = 'registered', address?: string): Promise<ToolbarPopupTiming> {
  const popup = await openToolbarPopup(world, address ? { address } : {});
  try {
    for (let i = 0; ; i++) {
      const t = await popup.evaluate<ToolbarPopupTiming & { state?: string }>(READ_TOOLBAR_TIMING);
      if (t.state === state && t.interactiveMs !== undefined && t.firstPaintMs !== undefined) return { interactiveMs: t.interactiveMs, firstPaintMs: t.firstPaintMs };
      if (i > 100) throw new Error(`the toolbar popup showed ${t.state ?? 'nothing'}, not ${state}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await popup.close();
  }
}
