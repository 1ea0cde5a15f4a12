// A CDP target Playwright does not show as a page (the offscreen document, the service
// worker, the toolbar's popup), reached through a page's CDP session: attached without
// flattening, spoken to with Target.sendMessageToTarget. (Playwright opens no browser-level
// session for a persistent context.)
import type { CDPSession } from 'playwright-core';

interface Reply {
  id?: number;
  result?: unknown;
  error?: { message?: string };
  method?: string;
  params?: unknown;
}

export interface TargetSession {
  /** Sends `method` to the target; resolves with its result, rejects on an error reply. */
  call<T = Record<string, unknown>>(method: string, params?: object): Promise<T>;
  /** Runtime.evaluate, by value, awaiting a promise; an exception in the target rejects. */
  evaluate<T>(expression: string): Promise<T>;
  /** The target's events (after Runtime.enable and the like). */
  onEvent(listener: (method: string, params: unknown) => void): void;
  detach(): Promise<void>;
}

export async function attachTarget(cdp: CDPSession, targetId: string): Promise<TargetSession> {
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as { sessionId: string };
  let lastId = 0;
  const waiting = new Map<number, (reply: Reply) => void>();
  const listeners: ((method: string, params: unknown) => void)[] = [];
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId?: string; message: string }) => {
    if (event.sessionId !== undefined && event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as Reply;
    if (reply.id !== undefined) {
      waiting.get(reply.id)?.(reply);
      waiting.delete(reply.id);
    } else if (reply.method) for (const listener of listeners) listener(reply.method, reply.params);
  });
  const call = async <T>(method: string, params: object = {}): Promise<T> => {
    const id = ++lastId;
    const reply = new Promise<Reply>((resolve) => waiting.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    const { result, error } = await reply;
    if (error) throw new Error(`${method}: ${error.message ?? 'error'}`);
    return result as T;
  };
  return {
    call,
    async evaluate<T>(expression: string): Promise<T> {
      const r = await call<{ result?: { value?: unknown }; exceptionDetails?: { text?: string; exception?: { description?: string } } }>('Runtime.evaluate', {
        expression,
        returnByValue: true,
        awaitPromise: true,
      });
      if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text ?? 'an exception in the target');
      return r.result?.value as T;
    },
    onEvent: (listener) => void listeners.push(listener),
    detach: () => cdp.send('Target.detachFromTarget', { sessionId }).then(() => undefined, () => undefined),
  };
}
