import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { toEntry } from '../../shared/history/call-history';
import { logError } from '../../shared/log';
import { lastSnapshot } from '../../shared/phone/last-snapshot';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import { badgeFor, type BadgeLook } from '../badge';
import { mergeServerLog } from '../server-call-log';
import { FacesHub } from '../faces-hub';
import { isMissed } from '../missed-calls';
import { PopupAddress } from '../popup-address';
import { RefusedCallsLedger, refusedEntry } from '../refused-calls';
import type { CoordinatorContext } from './context';

/** How many calls were live, for telling the user when a restarted phone lost them. */
export const liveCalls = storage.defineItem<number>('session:liveCalls', { fallback: 0 });

const WATCHDOG = 'offhook-watchdog';

/**
 * What the phone's state drives: the faces (relayed on their ports), the last snapshot and
 * the popup's address, the history, the notifications, the missed count and the badge. Every
 * change of the line, every rebuild after this worker restarts, and the watchdog every 30 s
 * go through `react`, one at a time. Each step stands alone: storage that fails (full,
 * broken) never keeps a notification or the badge from showing (storage-trouble.ts).
 */
export function startPhoneState(ctx: CoordinatorContext, signal: AbortSignal): { react(snapshot: PhoneSnapshot): void; watchdog(): Promise<void> } {
  const { line, history, notifications, missed, trouble } = ctx;
  const refusals = new RefusedCallsLedger((error) => trouble.report('refused calls', error));
  const popupAddress = new PopupAddress((details) => browser.action.setPopup(details));
  let reacting: Promise<unknown> = Promise.resolve();
  // Every later snapshot repeats the last ended call; act on it once. (The history and the
  // missed count also dedupe in storage, for a worker that restarted in between.)
  let handledEnded: string | undefined;
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
      // Opening the dialer is looking at the calls: missed calls are seen, and the phone
      // system's own log (the user's other devices) joins the history.
      if (kind === 'popup') {
        void missed.seen().then(() => line.current()).then(react);
        void mergeServerLog(history, (since) => line.callLog(since)).catch((error: unknown) => trouble.report('history', error));
      }
    },
  );
  hub.start(signal);
  line.onChange((snapshot) => {
    if (signal.aborted) return;
    hub.publish(snapshot);
    react(snapshot);
  });

  // The phone's document can vanish (a crash, closed by the browser): look every 30 s and
  // bring it back, so the phone keeps ringing all day.
  void browser.alarms.create(WATCHDOG, { periodInMinutes: 0.5 });
  const watchdog = async () => {
    if (await ctx.accounts.get()) react(await line.current());
  };
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === WATCHDOG) void watchdog().catch((error: unknown) => logError('coordinator: watchdog', error));
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  signal.addEventListener('abort', () => browser.alarms.onAlarm.removeListener(onAlarm));

  // A browser start (or this worker waking) brings the phone back if an account is set,
  // so calls ring without the user opening anything, and rebuilds notifications and badge.
  void ctx.accounts
    .get()
    .then((account) => (account ? line.current().then(react) : undefined))
    .catch((error: unknown) => logError('coordinator: start', error));
  return { react, watchdog };
}

async function showBadge(look: BadgeLook): Promise<void> {
  await browser.action.setBadgeText({ text: look.text });
  await browser.action.setBadgeBackgroundColor({ color: look.color });
  await browser.action.setTitle({ title: look.title });
}
