import type { Runtime } from 'webextension-polyfill';
import type { ConfirmReason } from '../shared/messaging/protocol';
import type { NumberKind } from '../detection/phone-match';

/** A tab's pages may start at most one call in this long; the rest are refused with a reason. */
export const PAGE_CALL_INTERVAL_MS = 3000;

/** What Chromium (not Firefox) says of the sending document: 'active', 'prerender', 'cached'
 * (back/forward cache) or 'pending_deletion'. */
type Sender = Runtime.MessageSender & { documentLifecycle?: string };

export type PageCallRefusal = 'no-frame' | 'too-soon';

/**
 * The coordinator's own checks on a call a page's content script asks for. The content script
 * sends one only for a trusted click, but it runs in the page's process: a compromised or
 * confused one must still not make Offhook dial at will. So the sender must be a live frame of
 * a live tab, and each tab gets one call every few seconds.
 */
export class PageCalls {
  private readonly lastCall = new Map<number, number>();

  constructor(
    private readonly tabs: { get(tabId: number): Promise<{ discarded?: boolean }> },
    private readonly clock: () => number = Date.now,
  ) {}

  /** Why `sender` may not call now, or undefined (and the call is counted against its tab). */
  async refuse(sender: Sender): Promise<PageCallRefusal | undefined> {
    const tabId = sender.tab?.id;
    if (typeof tabId !== 'number' || typeof sender.frameId !== 'number') return 'no-frame';
    if (sender.documentLifecycle !== undefined && sender.documentLifecycle !== 'active') return 'no-frame';
    const tab = await this.tabs.get(tabId).catch(() => undefined);
    if (!tab || tab.discarded) return 'no-frame';
    const now = this.clock();
    const last = this.lastCall.get(tabId);
    if (last !== undefined && now - last < PAGE_CALL_INTERVAL_MS) return 'too-soon';
    this.lastCall.set(tabId, now);
    return undefined;
  }
}

/**
 * Whether a page's call target needs the person's confirmation on the card first: a number
 * that costs extra or whose type is unknown (`kind`, from the full metadata), or a SIP address
 * on a host other than the account's own.
 */
export function confirmationFor(
  target: string,
  kind: NumberKind,
  ownHosts: readonly string[],
): Exclude<ConfirmReason, 'foreign-host'> | { host: string } | undefined {
  if (target.startsWith('tel:')) {
    if (kind === 'premium-rate' || kind === 'shared-cost') return 'premium';
    if (kind === 'unknown') return 'unusual';
    return undefined;
  }
  const host = /@([^;?>]+)$/.exec(target)?.[1]?.toLowerCase() ?? '';
  return ownHosts.some((h) => h.toLowerCase() === host) ? undefined : { host };
}
