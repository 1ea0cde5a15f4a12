// How the bench times the popup (calls.ts, popup-ab.ts): an init script's MutationObserver
// notes when `.status` first appears (first render) and when it first shows a state other
// than "loading" (first interactive), in the popup's performance.now().
import type { Page } from 'playwright-core';

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
