import { browser } from 'wxt/browser';
import { toView } from '../shared/account/account';
import { validateAccount } from '../shared/account/validate-account';
import { logError } from '../shared/log';
import { listenNotices, request, serveRequests } from '../shared/messaging/endpoint';
import type { Outcome } from '../shared/messaging/protocol';
import { isSafeCallTarget } from '../shared/phone/call-target';
import { chromeOffscreen } from '../platform/offscreen';
import { readAccountInput } from './account-input';
import { accountItem } from './account-store';
import { FacesHub } from './faces-hub';
import { startSelectionMenu } from './selection-menu';
import { SoftphoneHost } from './softphone-host';

/**
 * The service worker. It owns the stored account and the softphone's lifetime, relays the
 * softphone's state to the faces and their requests to the softphone. Everything here is
 * registered synchronously so a worker woken by an event finds its listeners.
 */
export function startCoordinator(): void {
  const accounts = accountItem();
  const host = new SoftphoneHost(chromeOffscreen(), () => accounts.get());
  const hub = new FacesHub(() => host.ensure());
  hub.start();

  listenNotices('softphone-events', { 'softphone:changed': (snapshot) => hub.publish(snapshot) });

  serveRequests('coordinator', {
    'phone:get': { shape: {}, run: () => host.ensure() },
    'call:dial': {
      shape: { target: 'string' },
      run: ({ target }) => outcome(() => host.send(() => request('softphone', 'softphone:dial', { target }))),
    },
    'call:hangup': {
      shape: { callId: 'string' },
      run: ({ callId }) => outcome(() => host.send(() => request('softphone', 'softphone:hangup', { callId }))),
    },
    'call:answer': {
      shape: { callId: 'string' },
      run: ({ callId }) => outcome(() => host.send(() => request('softphone', 'softphone:answer', { callId }))),
    },
    'call:decline': {
      shape: { callId: 'string', status: 'number' },
      run: ({ callId, status }) =>
        outcome(() => host.send(() => request('softphone', 'softphone:decline', { callId, status }))),
    },
    'account:get': {
      shape: {},
      run: async () => {
        const account = await accounts.get();
        return account ? toView(account) : null;
      },
    },
    'account:save': {
      shape: { input: 'object' },
      run: async ({ input }) => {
        const stored = await accounts.get().catch(() => null);
        const result = validateAccount(readAccountInput(input), stored);
        if (!result.ok) return result;
        await accounts.set(result.account);
        await host.configure(result.account);
        return { ok: true as const, account: toView(result.account) };
      },
    },
    'account:remove': {
      shape: {},
      run: async () => {
        await accounts.remove();
        // The softphone unregisters and disconnects; a softphone never started has nothing to stop.
        await host.configure(null);
        return { ok: true as const };
      },
    },
    'account:test': {
      shape: { input: 'object' },
      run: async ({ input }) => {
        const stored = await accounts.get().catch(() => null);
        const result = validateAccount(readAccountInput(input), stored);
        if (!result.ok) return result;
        return host.send(() => request('softphone', 'softphone:test', { account: result.account }));
      },
    },
  });

  serveRequests('content', {
    'content:call': {
      shape: { target: 'string' },
      run: ({ target }) => {
        // A page's script cannot reach this (no externally_connectable); the content script
        // sends it only for a trusted click. Still, only a clean tel:/sip: URI is dialled.
        if (!isSafeCallTarget(target)) return { ok: false as const, error: 'That is not a number Offhook can call.' };
        return outcome(() => host.send(() => request('softphone', 'softphone:dial', { target })));
      },
    },
  });

  startSelectionMenu((target) => host.send(() => request('softphone', 'softphone:dial', { target })));

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // First run: the options page asks for the microphone (the softphone cannot) and the account.
    if (reason === 'install')
      void browser.tabs
        .create({ url: browser.runtime.getURL('/options.html#welcome') })
        .catch((e: unknown) => logError('coordinator: welcome', e));
  });

  // A browser start (or this worker waking) brings the phone back if an account is set,
  // so calls ring without the user opening anything.
  void accounts
    .get()
    .then((account) => (account ? host.ensure() : undefined))
    .catch((error: unknown) => logError('coordinator: start', error));
}

async function outcome<T extends object>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
