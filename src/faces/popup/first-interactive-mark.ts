import { useLayoutEffect } from 'preact/hooks';

/**
 * The User Timing mark the popup sets once, in the render that first shows the phone's real
 * state (not "loading") with its controls live. DevTools' Performance panel shows it, and
 * `npm run bench` reads it from the toolbar's popup, a page no test can add a script to before
 * it loads.
 */
export const FIRST_INTERACTIVE_MARK = 'offhook:popup-interactive';

/** Sets FIRST_INTERACTIVE_MARK after the first render whose registration `state` is known.
 * A layout effect runs as soon as that render is in the DOM, before the browser paints it. */
export function useFirstInteractiveMark(state: string, timing: Pick<Performance, 'mark' | 'getEntriesByName'> = performance): void {
  useLayoutEffect(() => {
    if (state === 'loading' || timing.getEntriesByName(FIRST_INTERACTIVE_MARK).length > 0) return;
    timing.mark(FIRST_INTERACTIVE_MARK);
  }, [state, timing]);
}
