import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { logError } from '../log';
import { checkShape, type Shape } from './payload-shape';
import {
  isEnvelope,
  type ChannelName,
  type Envelope,
  type NoticeMap,
  type Reply,
  type RequestMap,
} from './protocol';
import { classifySender, type ContextKind } from './sender';
import { mayUseChannel } from './sender-policy';

type Req<C extends ChannelName, K extends keyof RequestMap<C>> = RequestMap<C>[K] extends { req: infer R } ? R : never;
type Res<C extends ChannelName, K extends keyof RequestMap<C>> = RequestMap<C>[K] extends { res: infer R } ? R : never;

export class NoReceiverError extends Error {
  constructor(channel: string) {
    super(`Nobody is listening on ${channel}`);
    this.name = 'NoReceiverError';
  }
}

export function selfIdentity() {
  return { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
}

export function senderKind(sender: Runtime.MessageSender): ContextKind | null {
  return classifySender(sender, selfIdentity());
}

type Listener = (message: unknown, sender: Runtime.MessageSender) => Promise<Reply> | undefined;

/**
 * Receivers that live in this very context. `runtime.sendMessage` never reaches the
 * sender's own listeners, so where two contexts share one page (Firefox: the softphone in
 * the background page) a message for a receiver here is handed over in-process, with the
 * same envelope, the same sender check and the same structured cloning as on the wire.
 */
const inProcess = new Map<ChannelName, Set<Listener>>();

function addListener(channel: ChannelName, listener: Listener, signal?: AbortSignal): void {
  browser.runtime.onMessage.addListener(listener);
  let here = inProcess.get(channel);
  if (!here) inProcess.set(channel, (here = new Set()));
  here.add(listener);
  signal?.addEventListener('abort', () => {
    browser.runtime.onMessage.removeListener(listener);
    here.delete(listener);
  });
}

/** The sender of an in-process message: this page itself, as the browser would describe it. */
function thisPage(): Runtime.MessageSender {
  return { id: browser.runtime.id, url: globalThis.location?.href };
}

/** Delivers to a receiver in this context; undefined when there is none (send on the wire). */
async function sendInProcess(envelope: Envelope): Promise<{ reply: Reply | undefined } | undefined> {
  const here = inProcess.get(envelope.channel);
  if (!here?.size) return undefined;
  const message = structuredClone(envelope);
  for (const listener of here) {
    const reply = listener(message, thisPage());
    if (reply) return { reply: structuredClone(await reply) };
  }
  return { reply: undefined };
}

/** Sends a request and returns the receiver's answer; throws what the receiver threw. */
export async function request<C extends ChannelName, K extends keyof RequestMap<C> & string>(
  channel: C,
  type: K,
  payload: Req<C, K>,
): Promise<Res<C, K>> {
  const envelope: Envelope = { offhook: 1, channel, kind: 'request', type, payload };
  let reply: Reply | undefined;
  try {
    const local = await sendInProcess(envelope);
    reply = local ? local.reply : ((await browser.runtime.sendMessage(envelope)) as Reply | undefined);
  } catch (error) {
    if (/Receiving end does not exist|Could not establish connection/i.test(String(error)))
      throw new NoReceiverError(channel);
    throw error;
  }
  if (!reply) throw new NoReceiverError(channel);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as Res<C, K>;
}

/** One-way message; nobody listening is not an error. */
export async function notify<C extends ChannelName, K extends keyof NoticeMap<C> & string>(
  channel: C,
  type: K,
  payload: NoticeMap<C>[K],
): Promise<void> {
  const envelope: Envelope = { offhook: 1, channel, kind: 'notice', type, payload };
  try {
    if (await sendInProcess(envelope)) return;
    await browser.runtime.sendMessage(envelope);
  } catch (error) {
    if (!/Receiving end does not exist|Could not establish connection/i.test(String(error))) throw error;
  }
}

export type RequestHandlers<C extends ChannelName> = {
  [K in keyof RequestMap<C>]: {
    shape: Shape;
    run: (payload: Req<C, K & string>, from: Runtime.MessageSender) => Promise<Res<C, K & string>> | Res<C, K & string>;
  };
};

export type NoticeHandlers<C extends ChannelName> = {
  [K in keyof NoticeMap<C>]: (payload: NoticeMap<C>[K], from: Runtime.MessageSender) => void;
};

/**
 * Answers requests on one channel. A message on another channel is left for other
 * listeners; one from a sender the channel's policy does not allow, of an unknown type or
 * of the wrong shape is refused and logged.
 */
export function serveRequests<C extends ChannelName>(
  channel: C,
  handlers: RequestHandlers<C>,
  signal?: AbortSignal,
): void {
  const listener = (message: unknown, sender: Runtime.MessageSender): Promise<Reply> | undefined => {
    if (!isEnvelope(message) || message.channel !== channel || message.kind !== 'request') return undefined;
    const refusal = refuse(channel, message, sender, handlers as Record<string, { shape: Shape }>);
    if (refusal) return Promise.resolve({ ok: false, error: refusal });
    const handler = (handlers as Record<string, { run: (p: unknown, s: Runtime.MessageSender) => unknown }>)[
      message.type
    ]!;
    return Promise.resolve()
      .then(() => handler.run(message.payload, sender))
      .then(
        (value): Reply => ({ ok: true, value }),
        (error: unknown): Reply => {
          logError(`${channel}:${message.type}`, error);
          return { ok: false, error: error instanceof Error ? error.message : String(error) };
        },
      );
  };
  addListener(channel, listener, signal);
}

/** Receives notices on one channel, from the senders its policy allows. */
export function listenNotices<C extends ChannelName>(channel: C, handlers: NoticeHandlers<C>, signal?: AbortSignal) {
  const listener = (message: unknown, sender: Runtime.MessageSender): undefined => {
    if (!isEnvelope(message) || message.channel !== channel || message.kind !== 'notice') return undefined;
    if (!mayUseChannel(channel, senderKind(sender))) {
      logError(`${channel}`, new Error(`refused a notice from ${sender.url ?? 'an unknown sender'}`));
      return undefined;
    }
    const handler = (handlers as Record<string, ((p: unknown, s: Runtime.MessageSender) => void) | undefined>)[
      message.type
    ];
    handler?.(message.payload, sender);
    return undefined;
  };
  addListener(channel, listener, signal);
}

function refuse(
  channel: ChannelName,
  message: Envelope,
  sender: Runtime.MessageSender,
  handlers: Record<string, { shape: Shape }>,
): string | undefined {
  const kind = senderKind(sender);
  let reason: string | undefined;
  if (!mayUseChannel(channel, kind)) reason = `${kind ?? 'an unknown sender'} may not use ${channel}`;
  else if (!Object.hasOwn(handlers, message.type)) reason = `unknown request ${message.type}`;
  else reason = checkShape(message.payload, handlers[message.type]!.shape);
  if (reason) logError(`${channel}:${message.type}`, new Error(`refused: ${reason}`));
  return reason;
}
