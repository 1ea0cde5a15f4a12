import { browser } from 'wxt/browser';
import type { Account } from '../../shared/account/account';
import { serverHost } from '../../shared/account/server-host';
import { t } from '../../shared/i18n/t';
import type { RequestHandlers } from '../../shared/messaging/endpoint';
import { isSafeCallTarget } from '../../shared/phone/call-target';
import type { FocusedFrames } from '../focused-frames';
import { numberKind } from '../number-kind';
import { confirmationFor, PageCalls } from '../page-calls';
import { outcome, type CoordinatorContext } from './context';

/**
 * What a content script may ask: a number's type for the card, a call the person clicked,
 * and which frame the person is using. The content script runs in the page's process, so a
 * call from it is checked here on its own (page-calls.ts).
 */
export function pageRequests(ctx: CoordinatorContext, frames: FocusedFrames): RequestHandlers<'content'> {
  const pageCalls = new PageCalls(browser.tabs);
  return {
    'content:describe': {
      shape: { tel: 'string' },
      run: ({ tel }) => ({ kind: numberKind(tel) }),
    },
    'content:call': {
      shape: { target: 'string', confirmed: 'boolean?' },
      run: async ({ target, confirmed }, sender) => {
        // A page's script cannot reach this (no externally_connectable); the content script
        // sends it only for a trusted click. Still: only a clean tel:/sip: URI, what costs
        // extra or leaves the phone system only once the person confirmed it on the card, and
        // only from a live frame, once every few seconds a tab.
        if (!isSafeCallTarget(target)) return { ok: false as const, error: t('callErrorUnsafeTarget') };
        let account: Account | null | undefined;
        if (!confirmed) {
          account = await ctx.accounts.get().catch(() => null);
          const why = confirmationFor(target, numberKind(target), account ? [account.domain, serverHost(account.server)] : []);
          if (why === 'premium') return { ok: false as const, error: t('cardKindPremiumRate'), confirm: why };
          if (why === 'unusual') return { ok: false as const, error: t('cardAskUnusual'), confirm: why };
          if (why) return { ok: false as const, error: t('cardAskForeignHost', why.host), confirm: 'foreign-host' as const };
        }
        const refusal = await pageCalls.refuse(sender);
        if (refusal === 'too-soon') return { ok: false as const, error: t('cardAskTooSoon') };
        if (refusal) return { ok: false as const, error: t('callErrorUnsafeTarget') };
        return outcome(() => ctx.actions.dial(target, account));
      },
    },
    'content:focused': {
      shape: {},
      run: async (_, sender) => {
        // The frame the person last pressed a key or the pointer in: the one a shortcut asks.
        if (typeof sender.tab?.id === 'number' && typeof sender.frameId === 'number') await frames.note(sender.tab.id, sender.frameId);
        return { ok: true as const };
      },
    },
  };
}
