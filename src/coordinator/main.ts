import { browser } from 'wxt/browser';
import { serverHost } from '../shared/account/server-host';
import { storage } from 'wxt/utils/storage';
import { addressOfRecord, toView } from '../shared/account/account';
import { validateAccount } from '../shared/account/validate-account';
import { t } from '../shared/i18n/t';
import { logError } from '../shared/log';
import { serveRequests } from '../shared/messaging/endpoint';
import { pageMessage, readSelectionAnswer } from '../shared/messaging/page-channel';
import type { Outcome } from '../shared/messaging/protocol';
import { readCallCommand, type CallCommand } from '../shared/phone/call-command';
import type { PhoneSnapshot } from '../shared/phone/snapshot';
import { lastSnapshot } from '../shared/phone/last-snapshot';
import { PopupAddress } from './popup-address';
import { readHistory, toEntry } from '../shared/history/call-history';
import { historyStore, type HistoryStore } from '../shared/history/history-store';
import { chromeNotifications, firefoxNotifications } from '../platform/notifications';
import { badgeFor, type BadgeLook } from './badge';
import { CallNotifications } from './call-notifications';
import { runCommand } from './commands';
import { exposeForEndToEndTests } from './e2e-hooks';
import { isMissed, MissedCalls } from './missed-calls';
import { RefusedCallsLedger, refusedEntry } from './refused-calls';
import { StorageTrouble } from './storage-trouble';
import { confirmationFor, PageCalls } from './page-calls';
import { FocusedFrames } from './focused-frames';
import { isSafeCallTarget } from '../shared/phone/call-target';
import { detectionSettings, readDetectionSettings } from '../shared/settings/detection-settings';
import { dialTargetFor } from '../shared/dial-plan/dial-plan';
import type { OffscreenPlatform } from '../platform/offscreen';
import { readAccountInput } from './account-input';
import { accountStore } from './account-store';
import { FacesHub } from './faces-hub';
import { numberKind } from './number-kind';
import { startOmnibox, suggestionsFor } from './omnibox';
import { startSelectionMenu } from './selection-menu';
import { sipLine } from '../providers/sip/sip-line';
import type { PhoneLine } from '../shared/phone/phone-line';
import { importSettings } from './settings-transfer';
import { buildSettingsFile, MAX_SETTINGS_FILE_BYTES } from '../shared/settings/settings-file';

/**
 * The service worker. It owns the stored account and the softphone's lifetime, relays the
 * softphone's state to the faces and their requests to the softphone. Everything here is
 * registered synchronously so a worker woken by an event finds its listeners.
 */
export function startCoordinator(softphoneDocument: OffscreenPlatform): void {
  const accounts = accountStore();
  const liveCalls = storage.defineItem<number>('session:liveCalls', { fallback: 0 });
  const dnd = storage.defineItem<boolean>('local:doNotDisturb', { fallback: false });
  // The default account's line. One kind of line today, SIP, where Offhook is the phone.
  const line: PhoneLine = sipLine(softphoneDocument, {
    account: () => accounts.get(),
    doNotDisturb: () => dnd.getValue(),
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
  const history = historyStore();
  // Told through a notification, so declared before it exists; called only later.
  const trouble: StorageTrouble = new StorageTrouble((detail) => notifications.storageTrouble(detail));
  const pageCalls = new PageCalls(browser.tabs);
  const focusedFrames = new FocusedFrames((error) => trouble.report('focused frames', error));
  const missed = new MissedCalls((error) => trouble.report('missed calls', error));
  const refusals = new RefusedCallsLedger((error) => trouble.report('refused calls', error));
  void moveOldHistory(history).catch((error: unknown) => trouble.report('history', error));
  /** What the form sent, checked against the stored account (whose secret it may keep). */
  const validateInput = async (input: unknown, replaces?: string) => {
    const typed = readAccountInput(input);
    // The secret kept is the edited account's, or the stored one's with the same address.
    const stored = await accounts
      .find(replaces ?? addressOfRecord(typed))
      .catch(() => undefined);
    return validateAccount(typed, stored ?? null);
  };
  const actions = {
    // Every call Offhook places goes through here: the account's dial plan turns the number
    // into what this PBX expects (outside line, national format…). Its output is digits only.
    dial: async (target: string) => {
      const account = await accounts.get().catch(() => null);
      return line.dial(account ? dialTargetFor(target, account.dialPlan) : target);
    },
    command: (command: CallCommand) => line.command(command),
    answer: (callId: string) => line.command({ action: 'answer', callId }),
    decline: (callId: string) => line.command({ action: 'decline', callId, status: 486 }),
    hangup: (callId: string) => line.command({ action: 'hangup', callId }),
    answerTransfer: (callId: string, accept: boolean) => line.command({ action: 'transfer-answer', callId, accept }),
    openDialer: () => openDialer(),
  };
  const iconUrl = browser.runtime.getURL('/icon/128.png');
  const notifications = new CallNotifications(
    import.meta.env.FIREFOX ? firefoxNotifications(iconUrl) : chromeNotifications(iconUrl),
    actions,
  );

  // Every change of the phone, and every rebuild after this worker restarts, goes through here.
  let reacting: Promise<unknown> = Promise.resolve();
  // Every later snapshot repeats the last ended call; act on it once. (The history and the
  // missed count also dedupe in storage, for a worker that restarted in between.)
  let handledEnded: string | undefined;
  const popupAddress = new PopupAddress((details) => browser.action.setPopup(details));
  // Each step stands alone: storage that fails (full, broken) never keeps a notification or
  // the badge from showing (storage-trouble.ts).
  const react = (snapshot: PhoneSnapshot) => {
    reacting = reacting
      .then(async () => {
        await trouble.guard('live calls', () => liveCalls.setValue(snapshot.calls.length));
        await trouble.guard('last snapshot', () => lastSnapshot.setValue(snapshot));
        await popupAddress.show(snapshot).catch((error: unknown) => logError('coordinator: popup address', error));
        const ended = snapshot.lastEnded;
        const newlyEnded = ended && ended.id !== handledEnded ? ended : undefined;
        if (newlyEnded) {
          handledEnded = newlyEnded.id;
          await trouble.guard('history', () => history.add(toEntry(newlyEnded)));
        }
        await notifications.reconcile(snapshot).catch((error: unknown) => logError('coordinator: notifications', error));
        if (isMissed(newlyEnded) && (await missed.note(newlyEnded)))
          await notifications.missed(newlyEnded).catch((error: unknown) => logError('coordinator: notifications', error));
        for (const news of await refusals.take(snapshot.refused)) {
          await trouble.guard('history', () => history.add(refusedEntry(news)));
          await missed.add(news.count);
          await notifications.refused(news.kind, news.count, news.last).catch((error: unknown) => logError('coordinator: notifications', error));
        }
        await showBadge(badgeFor(snapshot, await missed.count()));
      })
      .catch((error: unknown) => logError('coordinator: react', error));
  };

  const hub = new FacesHub(
    () => line.current(),
    (kind) => {
      // Opening the dialer is looking at the calls: missed calls are seen.
      if (kind === 'popup') void missed.seen().then(() => line.current()).then(react);
    },
  );
  hub.start();

  line.onChange((snapshot) => {
    hub.publish(snapshot);
    react(snapshot);
  });

  serveRequests('coordinator', {
    'phone:get': { shape: {}, run: () => line.current() },
    'phone:retry': { shape: {}, run: () => outcome(() => line.retry()) },
    'phone:dnd': {
      shape: { on: 'boolean' },
      run: async ({ on }) => {
        await dnd.setValue(on);
        return outcome(() => line.setDoNotDisturb(on));
      },
    },
    'history:clear': {
      shape: {},
      run: async () => {
        await history.clear();
        await missed.seen();
        return { ok: true as const };
      },
    },
    'call:dial': { shape: { target: 'string' }, run: ({ target }) => outcome(() => actions.dial(target)) },
    'call:command': {
      shape: { command: 'object' },
      run: ({ command }) => outcome(() => actions.command(readCallCommand(command))),
    },
    'audio:test': {
      shape: { output: 'string' },
      run: ({ output }) =>
        output === 'speaker' || output === 'ringer'
          ? outcome(() => line.testAudio(output))
          : { ok: false as const, error: t('audioErrorTestOutput') },
    },
    'account:get': {
      shape: {},
      run: async () => {
        const account = await accounts.get();
        return account ? toView(account) : null;
      },
    },
    'account:list': {
      shape: {},
      run: async () => {
        const book = await accounts.book();
        return { accounts: book.accounts.map(toView), defaultAor: book.defaultAor };
      },
    },
    'account:select': {
      shape: { aor: 'string' },
      run: ({ aor }) =>
        outcome(async () => {
          // Switching the default re-registers the softphone as that account.
          await line.configure(await accounts.select(aor));
          return { ok: true as const };
        }),
    },
    'account:save': {
      shape: { input: 'object', replaces: 'string?' },
      run: async ({ input, replaces }) => {
        const result = await validateInput(input, replaces);
        if (!result.ok) return result;
        await accounts.save(result.account, replaces);
        await line.configure(result.account);
        return { ok: true as const, account: toView(result.account) };
      },
    },
    'account:remove': {
      shape: { aor: 'string?' },
      run: async ({ aor }) => {
        const before = await accounts.get();
        const next = await accounts.remove(aor);
        // The softphone unregisters and disconnects (a softphone never started has nothing to
        // stop), or registers as the account that is now the default.
        if (addressOfRecordOrNull(before) !== addressOfRecordOrNull(next)) await line.configure(next);
        return { ok: true as const };
      },
    },
    'settings:export': {
      shape: {},
      run: async () => {
        const book = await accounts.book();
        return { text: buildSettingsFile(await readDetectionSettings(), book.accounts.map(toView)) };
      },
    },
    'settings:import': {
      shape: { text: 'string', confirmed: 'boolean?' },
      run: async ({ text, confirmed }) => {
        if (text.length > MAX_SETTINGS_FILE_BYTES)
          return { ok: false as const, problems: [t('importTooLarge')] };
        // A stored account that cannot be read fails the import with that reason.
        const before = await accounts.get();
        const result = await importSettings(text, (aor) => accounts.find(aor), {
          detection: (next) => detectionSettings.setValue(next),
          account: (next) => accounts.save(next, undefined, { makeDefault: false }),
        }, confirmed === true);
        const after = await accounts.get();
        if (result.ok && after && JSON.stringify(after) !== JSON.stringify(before)) await line.configure(after);
        return result;
      },
    },
    'account:test': {
      shape: { input: 'object' },
      run: async ({ input }) => {
        const result = await validateInput(input);
        if (!result.ok) return result;
        return line.test(result.account);
      },
    },
  });

  serveRequests('content', {
    'content:describe': {
      shape: { tel: 'string' },
      run: ({ tel }) => ({ kind: numberKind(tel) }),
    },
    'content:call': {
      shape: { target: 'string', confirmed: 'boolean?' },
      run: async ({ target, confirmed }, sender) => {
        // A page's script cannot reach this (no externally_connectable); the content script
        // sends it only for a trusted click. It still runs in the page's process, so: only a
        // clean tel:/sip: URI, what costs extra or leaves the phone system only once the person
        // confirmed it on the card, and only from a live frame, once every few seconds a tab.
        if (!isSafeCallTarget(target)) return { ok: false as const, error: t('callErrorUnsafeTarget') };
        if (!confirmed) {
          const account = await accounts.get().catch(() => null);
          const why = confirmationFor(target, numberKind(target), account ? [account.domain, serverHost(account.server)] : []);
          if (why === 'premium') return { ok: false as const, error: t('cardKindPremiumRate'), confirm: why };
          if (why === 'unusual') return { ok: false as const, error: t('cardAskUnusual'), confirm: why };
          if (why) return { ok: false as const, error: t('cardAskForeignHost', why.host), confirm: 'foreign-host' as const };
        }
        const refusal = await pageCalls.refuse(sender);
        if (refusal === 'too-soon') return { ok: false as const, error: t('cardAskTooSoon') };
        if (refusal) return { ok: false as const, error: t('callErrorUnsafeTarget') };
        return outcome(() => actions.dial(target));
      },
    },
    'content:focused': {
      shape: {},
      run: async (_, sender) => {
        // The frame the person last pressed a key or the pointer in: the one a shortcut asks.
        if (typeof sender.tab?.id === 'number' && typeof sender.frameId === 'number') await focusedFrames.note(sender.tab.id, sender.frameId);
        return { ok: true as const };
      },
    },
  });

  const callMenus = startSelectionMenu((target) => actions.dial(target));
  const omniboxEnter = startOmnibox((target) => actions.dial(target), history);

  const commandActions = {
    ...actions,
    snapshot: () => line.current(),
    pageTarget: () => activeTabTarget(focusedFrames),
  };
  browser.commands.onCommand.addListener((name: string) => {
    void runCommand(name, commandActions).catch((error: unknown) => logError(`coordinator: command ${name}`, error));
  });

  // The offscreen document can vanish (a crash, closed by the browser): look every 30 s and
  // bring it back, so the phone keeps ringing all day.
  void browser.alarms.create(WATCHDOG, { periodInMinutes: 0.5 });
  const watchdog = async () => {
    if (await accounts.get()) react(await line.current());
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCHDOG) void watchdog().catch((error: unknown) => logError('coordinator: watchdog', error));
  });

  exposeForEndToEndTests({
    watchdog,
    command: (name) => runCommand(name, commandActions),
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
      void browser.tabs
        .create({ url: browser.runtime.getURL('/options.html#welcome') })
        .catch((e: unknown) => logError('coordinator: welcome', e));
  });

  // A browser start (or this worker waking) brings the phone back if an account is set,
  // so calls ring without the user opening anything, and rebuilds notifications and badge.
  void accounts
    .get()
    .then((account) => (account ? line.current().then(react) : undefined))
    .catch((error: unknown) => logError('coordinator: start', error));
}

const WATCHDOG = 'offhook-watchdog';

function addressOfRecordOrNull(account: { username: string; domain: string } | null): string | null {
  return account ? addressOfRecord(account) : null;
}

/** The history an older Offhook kept in `storage.local` (where content scripts can read it)
 * moves to IndexedDB once, and leaves storage.local. */
async function moveOldHistory(history: HistoryStore): Promise<void> {
  const { callHistory: old } = (await browser.storage.local.get('callHistory')) as { callHistory?: unknown };
  if (old === undefined) return;
  await history.addAll(readHistory(old));
  await browser.storage.local.remove(['callHistory', 'callHistory$']);
}

async function showBadge(look: BadgeLook): Promise<void> {
  await browser.action.setBadgeText({ text: look.text });
  await browser.action.setBadgeBackgroundColor({ color: look.color });
  await browser.action.setTitle({ title: look.title });
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

/** Asks the frame of the active tab that the person last used for its selected number, or the
 * number under the pointer; that frame alone (see focused-frames.ts). */
async function activeTabTarget(frames: FocusedFrames): Promise<string | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined) return undefined;
  const frameId = await frames.get(tab.id);
  const reply = readSelectionAnswer(await browser.tabs.sendMessage(tab.id, pageMessage('page:selection'), { frameId }).catch(() => undefined));
  return reply && isSafeCallTarget(reply.target) ? reply.target : undefined;
}

async function outcome<T extends object>(run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
