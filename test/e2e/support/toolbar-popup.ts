// The popup the toolbar button opens (`action.openPopup`, the button's own path), not its
// address opened in a tab. Playwright does not list such a popup among the context's pages, so
// it is reached over CDP: found with Target.getTargets, attached to, evaluated in, closed.
import type { CDPSession } from 'playwright-core';
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
  const restore = async () => {
    if (opts.address) await worker.evaluate((own) => (globalThis as unknown as { chrome: { action: { setPopup(d: object): Promise<void> } } }).chrome.action.setPopup({ popup: own }), opened.own);
  };
  if (opened.error) {
    await restore();
    await cdp.detach();
    throw new Error(`action.openPopup failed: ${opened.error}`);
  }

  const deadline = Date.now() + (opts.timeoutMs ?? 5000);
  let target: TargetInfo | undefined;
  while (!target) {
    if (Date.now() > deadline) {
      await restore();
      await cdp.detach();
      throw new Error('the toolbar popup did not open');
    }
    target = ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos.find((t) => isPopup(t) && !before.has(t.targetId));
    if (!target) await new Promise((r) => setTimeout(r, 20));
  }
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
  const evaluate = sessionEvaluator(cdp, sessionId);
  while ((await evaluate<string>('document.readyState')) !== 'complete') {
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await restore();
  return {
    url: target.url,
    evaluate,
    async close() {
      await evaluate('void window.close()').catch(() => undefined);
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}

/** Runtime.evaluate in an attached (not flattened) target, through Target.sendMessageToTarget. */
function sessionEvaluator(cdp: CDPSession, sessionId: string) {
  let lastId = 0;
  const waiting = new Map<number, (reply: { result?: { result?: { value?: unknown }; exceptionDetails?: { text?: string } }; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as { id?: number };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply as never);
    if (reply.id !== undefined) waiting.delete(reply.id);
  });
  return async <T>(expression: string): Promise<T> => {
    const id = ++lastId;
    const reply = new Promise<Parameters<NonNullable<ReturnType<typeof waiting.get>>>[0]>((resolve) => waiting.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }) });
    const { result, error } = await reply;
    if (error) throw new Error(error.message);
    if (result?.exceptionDetails) throw new Error(result.exceptionDetails.text ?? 'exception in the popup');
    return result?.result?.value as T;
  };
}
