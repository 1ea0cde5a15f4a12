import type { ExtensionApi } from './extension-api';

/** How often the content script looks whether its extension is still there. */
export const ORPHAN_CHECK_MS = 1000;

/**
 * The content script's lifetime, as an AbortSignal every listener, observer and timer it
 * starts is tied to. After an update, a reload or a removal of the extension, the script
 * already in the page is orphaned: its `runtime.id` is gone and nothing it sends arrives.
 * A cheap look every second notices, and aborting removes the marks, the card and every
 * listener, quietly. (This is the part of WXT's content-script context the loader needs.)
 */
export function scriptLifetime(api: () => ExtensionApi, checkMs = ORPHAN_CHECK_MS): AbortSignal {
  const controller = new AbortController();
  const timer = setInterval(() => {
    if (!orphaned(api)) return;
    clearInterval(timer);
    controller.abort(new DOMException('Offhook was updated or removed', 'AbortError'));
  }, checkMs);
  return controller.signal;
}

function orphaned(api: () => ExtensionApi): boolean {
  try {
    return !api()?.runtime?.id;
  } catch {
    // Firefox: the script's extension objects are dead once the extension is gone.
    return true;
  }
}
