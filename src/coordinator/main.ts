import { browser } from 'wxt/browser';
import type { Account } from '../shared/account/account';
import { dialTargetFor, extensionOf } from '../shared/dial-plan/dial-plan';
import { readHistory } from '../shared/history/call-history';
import { historyStore, type HistoryStore } from '../shared/history/history-store';
import { logError } from '../shared/log';
import { serveRequests } from '../shared/messaging/endpoint';
import type { PhoneLine } from '../shared/phone/phone-line';
import { chromeNotifications, firefoxNotifications } from '../platform/notifications';
import type { OffscreenPlatform } from '../platform/offscreen';
import { sipLine } from '../providers/sip/sip-line';
import { wazoClientId } from '../providers/wazo/client-id';
import { wazoLine, type WazoLine } from '../providers/wazo/wazo-line';
import { genesysLine } from '../providers/genesys/genesys-line';
import { genesysPhoneChannel } from '../providers/genesys/genesys-phone-channel';
import { webexLine } from '../providers/webex/webex-line';
import { webexPhoneChannel } from '../providers/webex/webex-phone-channel';
import { lineRouter } from './line-router';
import { accountStore } from './account-store';
import { CallNotifications } from './call-notifications';
import { exposeForEndToEndTests } from './e2e-hooks';
import { startPolicyChanges } from './features/policy-changes';
import { FocusedFrames } from './focused-frames';
import { MissedCalls } from './missed-calls';
import { startOmnibox, suggestionsFor } from './omnibox';
import { startSelectionMenu } from './selection-menu';
import { StorageTrouble } from './storage-trouble';
import { accountRequests } from './features/account-requests';
import type { CallActions, CoordinatorContext } from './features/context';
import { pageRequests } from './features/page-requests';
import { doNotDisturb, phoneRequests } from './features/phone-requests';
import { liveCalls, startPhoneState } from './features/phone-state';
import { startShortcuts } from './features/shortcuts';

/**
 * The service worker: a router over the default account's phone line. It keeps the account
 * book, the history and the notifications, and starts each feature (features/*) with what
 * they share. Everything is registered synchronously, so a worker woken by an event finds
 * its listeners; `signal` stops them all.
 */
export function startCoordinator(softphoneDocument: OffscreenPlatform, signal: AbortSignal = new AbortController().signal): void {
  const accounts = accountStore();
  // Offhook is the phone: a SIP account registers as typed; a Wazo account signs in to Wazo,
  // which hands it its SIP line.
  const softphone: PhoneLine = sipLine(softphoneDocument, {
    account: async () => wazo.sipAccountFor(await accounts.get()),
    doNotDisturb: () => doNotDisturb.getValue(),
    restarted: async () => {
      // A new softphone while calls were live: the old one died (crash, closed) and its
      // calls with it. Say so; the new one registers again by itself.
      const lost = await liveCalls.getValue();
      if (lost > 0) {
        await liveCalls.setValue(0);
        await notifications.callLost(lost);
      }
    },
  });
  const wazo: WazoLine = wazoLine({
    sip: softphone,
    account: () => accounts.get(),
    clientId: wazoClientId,
    // A sign-in that ended is forgotten, so the account asks for the password (never a loop).
    signedOut: (account) => accounts.setSignIn(account, '', { ifStill: account.refreshToken }),
  });
  // Offhook drives the user's platform phone (Genesys Cloud: REST and the notifications socket;
  // Webex Calling: REST, the calls read every second or few), here in the worker.
  const platform = {
    authWindow: (url: string, interactive: boolean) => browser.identity.launchWebAuthFlow({ url, interactive }).then((back) => back ?? Promise.reject(new Error('no answer'))),
    redirectUri: () => browser.identity.getRedirectURL(),
    account: () => accounts.get(),
    storeToken: (account: Account, kept: string) => accounts.setSignIn(account, kept),
  };
  // With "Offhook: this browser is my Genesys WebRTC phone", Genesys's WebRTC SDK in the offscreen document.
  const genesys: PhoneLine = genesysLine({ ...platform, phone: genesysPhoneChannel(softphoneDocument) });
  // An extension API call on every poll keeps the worker awake while Webex is the line.
  // With "Offhook: this browser is my Webex phone", Cisco's Calling SDK in the offscreen document.
  const webex: PhoneLine = webexLine({
    ...platform,
    keepAwake: () => void browser.runtime.getPlatformInfo().catch(() => undefined),
    phone: webexPhoneChannel(softphoneDocument),
  });
  // The default account's line: SIP and Wazo are the softphone, Genesys and Webex the platform's phone.
  const line: PhoneLine = lineRouter({ sip: wazo, wazo, genesys, webex }, () => accounts.get());
  const history = historyStore();
  // Told through a notification, so declared before it exists; called only later.
  const trouble: StorageTrouble = new StorageTrouble((detail) => notifications.storageTrouble(detail));
  const actions: CallActions = {
    // Every call Offhook places goes through here: the account's dial plan turns the number
    // into what this phone system expects (outside line, national format…). Its output is
    // digits only.
    dial: async (target, known) => {
      const account = known !== undefined ? known : await accounts.get().catch(() => null);
      return line.dial(account ? dialTargetFor(target, account.dialPlan) : target, extensionOf(target));
    },
    command: (command) => line.command(command),
    answer: (callId) => line.command({ action: 'answer', callId }),
    decline: (callId) => line.command({ action: 'decline', callId, status: 486 }),
    hangup: (callId) => line.command({ action: 'hangup', callId }),
    answerTransfer: (callId, accept) => line.command({ action: 'transfer-answer', callId, accept }),
    openDialer: () => openDialer(),
    openOptions: () => browser.runtime.openOptionsPage(),
  };
  const iconUrl = browser.runtime.getURL('/icon/128.png');
  const notifications = new CallNotifications(import.meta.env.FIREFOX ? firefoxNotifications(iconUrl) : chromeNotifications(iconUrl), actions);
  const missed = new MissedCalls((error) => trouble.report('missed calls', error));
  const ctx: CoordinatorContext = { accounts, line, history, notifications, missed, trouble, actions };
  void moveOldHistory(history).catch((error: unknown) => trouble.report('history', error));

  const phone = startPhoneState(ctx, signal);
  serveRequests('coordinator', { ...phoneRequests(ctx), ...accountRequests(ctx) }, signal);
  const frames = new FocusedFrames((error) => trouble.report('focused frames', error));
  serveRequests('content', pageRequests(ctx, frames), signal);
  const shortcut = startShortcuts(ctx, frames, signal);
  startPolicyChanges(ctx, signal);
  const callMenus = startSelectionMenu((target) => actions.dial(target));
  const omniboxEnter = startOmnibox((target) => actions.dial(target), history);

  exposeForEndToEndTests({
    watchdog: phone.watchdog,
    command: shortcut,
    notificationButton: (id, index) => notifications.button(id, index),
    notificationClick: (id) => notifications.click(id),
    menuClick: (text) => callMenus.selection(text),
    linkMenuClick: (href) => callMenus.link(href),
    omnibox: (text) => omniboxEnter(text),
    omniboxSuggest: (text) => suggestionsFor(text, history),
    softphone: (withMedia) => line.debugSnapshot(withMedia),
  });

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // First run: the options page asks for the microphone (the softphone cannot) and the account.
    if (reason === 'install')
      void browser.tabs.create({ url: browser.runtime.getURL('/options.html#welcome') }).catch((e: unknown) => logError('coordinator: welcome', e));
  });
}

/** The history an older Offhook kept in `storage.local` (where content scripts can read it)
 * moves to IndexedDB once, and leaves storage.local. */
async function moveOldHistory(history: HistoryStore): Promise<void> {
  const { callHistory: old } = (await browser.storage.local.get('callHistory')) as { callHistory?: unknown };
  if (old === undefined) return;
  await history.addAll(readHistory(old));
  await browser.storage.local.remove(['callHistory', 'callHistory$']);
}

/**
 * The popup where the browser lets an extension open it; otherwise a small window. Firefox
 * opens its popup only from a toolbar click, so there it is always the window.
 */
async function openDialer(): Promise<void> {
  const action = (globalThis as unknown as { chrome?: { action?: { openPopup?: () => Promise<void> } } }).chrome?.action;
  try {
    if (import.meta.env.FIREFOX || !action?.openPopup) throw new Error('no openPopup');
    await action.openPopup();
  } catch {
    // At the toolbar popup's address, which carries the phone's state (popup-address.ts).
    const url = await browser.action.getPopup({}).catch(() => browser.runtime.getURL('/popup.html'));
    await browser.windows.create({ url, type: 'popup', width: 360, height: 600 });
  }
}
