// The popup the toolbar button opens (`action.openPopup`, the button's own path), not its
// address opened in a tab. Playwright does not list such a popup among the context's pages, so
// it is reached over CDP: found with Target.getTargets, attached to, evaluated in, closed.
import { attachTarget } from './target-session';
import type { World } from './world';

export interface ToolbarPopup {
  /** The popup's address, as the browser opened it. */
  url: string;
  /** Evaluates `expression` in the popup; returns its value (JSON-serialisable). */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * Opens the toolbar popup in the front window, as a click on the button does, and waits until
 * its page has loaded. `address`: open this page instead of the one the coordinator set (for a
 * floor to compare with); the coordinator's address is put back once the popup is open.
 */
export async function openToolbarPopup(world: World, opts: { address?: string; timeoutMs?: number } = {}): Promise<ToolbarPopup> {
  // The popup opens in the focused window: give it one with a tab in front.
  const anchor = world.context.pages().find((p) => p.url() === 'about:blank') ?? (await world.context.newPage());
  await anchor.bringToFront();
  const cdp = await world.context.newCDPSession(anchor);
  const worker = await world.worker();
  const isPopup = (t: TargetInfo) => t.type === 'page' && t.url.startsWith(world.url(''));
  const before = new Set(((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos.filter(isPopup).map((t) => t.targetId));
  const opened = await worker.evaluate(async (address) => {
    const action = (globalThis as unknown as { chrome: { action: { getPopup(d: object): Promise<string>; setPopup(d: object): Promise<void>; openPopup(): Promise<void> } } }).chrome.action;
    const own = await action.getPopup({});
    if (address) await action.setPopup({ popup: address });
    try {
      await action.openPopup();
      return { own, error: undefined };
    } catch (error) {
      return { own, error: String(error) };
    }
  }, opts.address);
  try {
    if (opened.error) throw new Error(`action.openPopup failed: ${opened.error}`);
    const deadline = Date.now() + (opts.timeoutMs ?? 5000);
    let target: TargetInfo | undefined;
    while (!target) {
      if (Date.now() > deadline) throw new Error('the toolbar popup did not open');
      target = ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos.find((t) => isPopup(t) && !before.has(t.targetId));
      if (!target) await new Promise((r) => setTimeout(r, 20));
    }
    const session = await attachTarget(cdp, target.targetId);
    while ((await session.evaluate<string>('document.readyState')) !== 'complete' && Date.now() <= deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    return {
      url: target.url,
      evaluate: (expression) => session.evaluate(expression),
      async close() {
        await session.evaluate('void window.close()').catch(() => undefined);
        await session.detach();
        await cdp.detach().catch(() => undefined);
      },
    };
  } catch (error) {
    await cdp.detach().catch(() => undefined);
    throw error;
  } finally {
    // The coordinator's own address, back once the popup has opened (or failed to).
    if (opts.address) await worker.evaluate((own) => (globalThis as unknown as { chrome: { action: { setPopup(d: object): Promise<void> } } }).chrome.action.setPopup({ popup: own }), opened.own);
  }
}
