import type { PageNumber, PageReport } from './page-report';

/**
 * The extension's questions to one frame's content script (`tabs.sendMessage`, which the
 * content script answers only for Offhook's own pages and worker). Typed like every other
 * channel, and read back with a check of every field: a frame runs in the page's process, so
 * its answers are as trustworthy as the page.
 */
export interface PageRequests {
  /** The frame's numbers (top frame only, for the end-to-end tests and the bench). */
  'page:numbers': { req: Record<string, never>; res: { numbers: Pick<PageNumber, 'tel' | 'text'>[] } };
  /** The selected number, or the one under the pointer; no answer when there is neither. */
  'page:selection': { req: Record<string, never>; res: { target: string } | undefined };
}

export type PageRequestType = keyof PageRequests;

export interface PageMessage<K extends PageRequestType = PageRequestType> {
  offhook: 1;
  channel: 'page';
  type: K;
  payload: PageRequests[K]['req'];
}

export function pageMessage<K extends PageRequestType>(type: K): PageMessage<K> {
  return { offhook: 1, channel: 'page', type, payload: {} as PageRequests[K]['req'] };
}

const TYPES: readonly PageRequestType[] = ['page:numbers', 'page:selection'];

/** A page request exactly as `pageMessage` makes it, or undefined for anything else. */
export function readPageMessage(value: unknown): PageMessage | undefined {
  if (!isRecord(value) || Object.keys(value).length !== 4) return undefined;
  if (value.offhook !== 1 || value.channel !== 'page' || !TYPES.includes(value.type as PageRequestType)) return undefined;
  if (!isRecord(value.payload) || Object.keys(value.payload).length !== 0) return undefined;
  return value as unknown as PageMessage;
}

/** A frame's answer to page:selection, or undefined when it is none (or not one). */
export function readSelectionAnswer(value: unknown): { target: string } | undefined {
  return isRecord(value) && typeof value.target === 'string' && value.target.length <= 2048 && Object.keys(value).length === 1
    ? { target: value.target }
    : undefined;
}

/** The frame's report over PAGE_PORT, every field checked; undefined when it is not one. */
export function readPageReport(value: unknown): PageReport | undefined {
  if (!isRecord(value) || typeof value.top !== 'boolean' || typeof value.hostname !== 'string' || typeof value.url !== 'string') return undefined;
  if (!Array.isArray(value.numbers) || value.numbers.length > MAX_NUMBERS) return undefined;
  const numbers: PageNumber[] = [];
  for (const n of value.numbers) {
    if (!isRecord(n) || !['tel', 'text', 'formatted', 'kind'].every((k) => typeof n[k] === 'string')) return undefined;
    numbers.push({ tel: n.tel as string, text: n.text as string, formatted: n.formatted as string, kind: n.kind as string });
  }
  return { top: value.top, hostname: value.hostname, url: value.url, numbers };
}

/** More numbers than a person could look through in the popup: not a real page's report. */
const MAX_NUMBERS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
