import { browser } from 'wxt/browser';

/**
 * Firefox suspends an idle event page after `extensions.background.idle.timeout` (30 s by
 * default), and with it the softphone's WebSocket: the PBX could no longer reach us and
 * an incoming call would never ring (measured: test/e2e-firefox/idle.e2e.test.ts). Firefox
 * resets that timer whenever the page calls an API implemented in the parent process
 * ("parentapicall" in ext-backgroundPage.js), so while the softphone needs to stay
 * reachable it makes one such cheap call well inside the timeout. Once there is no account
 * and no call, it stops and Firefox may suspend the page as usual.
 */
export const KEEP_ALIVE_EVERY_MS = 10_000;

export function keepEventPageAlive(needed: () => boolean, signal?: AbortSignal, everyMs = KEEP_ALIVE_EVERY_MS): void {
  const timer = setInterval(() => {
    if (needed()) void browser.runtime.getPlatformInfo().catch(() => undefined);
  }, everyMs);
  signal?.addEventListener('abort', () => clearInterval(timer));
}
