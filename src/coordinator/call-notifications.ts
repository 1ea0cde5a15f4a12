import type { CallInfo } from '../shared/call/call-info';
import { CallState } from '../shared/call/call-state';
import { formatNumber, isSingular, t, uiLanguage } from '../shared/i18n/t';
import type { PhoneSnapshot } from '../shared/phone/snapshot';
import type { NotificationsPlatform } from '../platform/notifications';
import { isPhoneTarget } from '../shared/phone/dial-target-kind';

const INCOMING = 'incoming:';
const POLICY_NEEDS_USER = 'policy-needs-user';
const MISSED = 'missed:';
const TRANSFER = 'transfer:';
const REFUSED = 'refused:';
const TRANSFER_REFUSED = 'transfer-refused:';
/** A refused transfer request is told once, when it is new; an older one (seen again by a
 * service worker that restarted) is not told twice. */
const REFUSED_NEWS_MS = 10_000;

/** What the notifications' buttons and clicks do. */
export interface NotificationActions {
  answer(callId: string): Promise<unknown>;
  decline(callId: string): Promise<unknown>;
  dial(target: string): Promise<unknown>;
  /** The user's answer to the far end's request to transfer `callId`. */
  answerTransfer(callId: string, accept: boolean): Promise<unknown>;
  /** Shows the dialer (the popup, or a window where the popup cannot be opened). */
  openDialer(): Promise<unknown>;
  /** Shows the options page. */
  openOptions?(): Promise<unknown>;
}

/** What a person reads as the caller: name and number, as plain text. */
export function callerText(call: CallInfo): string {
  const name = call.remote.displayName?.trim();
  const number = call.remote.formatted ?? call.remote.number;
  return name && name !== call.remote.number ? `${name} (${number})` : number;
}

/**
 * Desktop notifications for calls. They are reconciled with the softphone's state on every
 * change, not remembered: after the service worker is stopped and started, the same
 * snapshot leads to the same notifications, and a call that stopped ringing meanwhile has
 * its notification cleared.
 */
export class CallNotifications {
  private readonly toldRefused = new Set<string>();

  constructor(
    private readonly platform: NotificationsPlatform,
    private readonly actions: NotificationActions,
    private readonly clock: () => number = Date.now,
  ) {
    platform.onButtonClicked((id, index) => void this.button(id, index));
    platform.onClicked((id) => void this.click(id));
  }

  async reconcile(snapshot: PhoneSnapshot): Promise<void> {
    const ringing = snapshot.calls.filter((c) => c.state === CallState.Incoming);
    const wanted = new Set(ringing.map((c) => INCOMING + c.id));
    const shown = await this.platform.ids();
    for (const id of shown) if (id.startsWith(INCOMING) && !wanted.has(id)) await this.platform.clear(id);
    for (const call of ringing) {
      if (shown.includes(INCOMING + call.id)) continue;
      await this.platform.create(INCOMING + call.id, {
        title: t('notificationIncomingTitle'),
        message: callerText(call),
        // Without buttons (Firefox) the click opens the incoming-call view.
        contextMessage: this.platform.buttons ? 'Offhook' : t('notificationIncomingClickHint'),
        buttons: [{ title: t('notificationAnswer') }, { title: t('notificationDecline') }],
        requireInteraction: true,
        priority: 2,
      });
    }
    await this.reconcileTransfers(snapshot, shown);
  }

  /** A transfer the user is asked about shows Accept and Decline until answered; one Offhook
   * refused (the account's setting) is told once. */
  private async reconcileTransfers(snapshot: PhoneSnapshot, shown: string[]): Promise<void> {
    const asking = snapshot.calls.filter((c) => c.transferRequest?.state === 'asking');
    const wanted = new Set(asking.map((c) => TRANSFER + c.id));
    for (const id of shown) if (id.startsWith(TRANSFER) && !wanted.has(id)) await this.platform.clear(id);
    for (const call of asking) {
      if (shown.includes(TRANSFER + call.id)) continue;
      await this.platform.create(TRANSFER + call.id, {
        title: t('notificationTransferTitle'),
        message: t('notificationTransferMessage', callerText(call), call.transferRequest!.target),
        contextMessage: call.transferRequest!.uri,
        buttons: [{ title: t('notificationTransferAccept') }, { title: t('notificationTransferDecline') }],
        requireInteraction: true,
        priority: 2,
      });
    }
    for (const call of snapshot.calls) {
      const request = call.transferRequest;
      if (request?.state !== 'refused' || this.toldRefused.has(request.id) || this.clock() - request.at > REFUSED_NEWS_MS) continue;
      this.toldRefused.add(request.id);
      await this.platform.create(TRANSFER_REFUSED + request.id, {
        title: t('notificationTransferRefusedTitle'),
        message: t('popupTransferDeclined', callerText(call), request.target),
        contextMessage: request.uri,
      });
    }
  }

  /**
   * One missed-call notification at a time: a second missed call replaces the first with "2
   * missed calls", the last caller shown and called back. The id carries the count and whom to
   * call back (`missed:<count>:<call id>|<target>`): the worker may restart before the click.
   * The new one is shown before the old ones go, so the missed call never blinks off screen.
   */
  async missed(call: CallInfo): Promise<void> {
    const earlier = (await this.platform.ids()).filter((id) => id.startsWith(MISSED));
    const count = 1 + earlier.reduce((n, id) => n + (Number(/^missed:(\d+):/.exec(id)?.[1]) || 1), 0);
    const time = new Intl.DateTimeFormat(uiLanguage(), { timeStyle: 'medium' }).format(call.startedAt);
    const target = call.remote.uri || call.remote.number;
    // A SIP name is shown with the address it calls back: its host says where the call goes.
    const context = isPhoneTarget(target) ? time : `${time} · ${t('notificationCallBackDials', target)}`;
    await this.platform.create(`${MISSED}${count}:${call.id}|${target}`, {
      title: count === 1 ? t('notificationMissedTitle') : t('notificationMissedTitleMany', formatNumber(count)),
      message: count === 1 ? callerText(call) : t('notificationMissedLast', callerText(call)),
      contextMessage: this.platform.buttons ? context : t('notificationMissedClickHint', context),
      buttons: [{ title: t('notificationCallBack') }],
    });
    for (const id of earlier) await this.platform.clear(id);
  }

  private readonly refusedShown: Record<'dnd' | 'busy', number> = { dnd: 0, busy: 0 };

  /**
   * Calls refused without ringing (Do Not Disturb, or the line full): one quiet notification per
   * reason, updated in place as more come, never one per call.
   */
  async refused(kind: 'dnd' | 'busy', count: number, last: CallInfo['remote']): Promise<void> {
    const id = `${REFUSED}${kind}`;
    const showing = (await this.platform.ids()).includes(id);
    const total = (showing ? this.refusedShown[kind] : 0) + count;
    this.refusedShown[kind] = total;
    const who = callerText({ remote: last } as CallInfo);
    const options = {
      title: kind === 'dnd' ? t('notificationRefusedDndTitle') : t('notificationRefusedBusyTitle'),
      message: isSingular(total) ? t('notificationRefusedOne', who) : t('notificationRefusedOther', formatNumber(total), who),
      silent: true,
    };
    if (showing) await this.platform.update(id, options);
    else await this.platform.create(id, options);
  }

  /** Storage failed: said once (see storage-trouble.ts). */
  async storageTrouble(detail: string): Promise<void> {
    await this.platform.create('storage-trouble', { title: t('notificationStorageTitle'), message: t('notificationStorageMessage', detail) });
  }

  /** The organization moved the account (another server or phone system): the user's secret
   * does not move with it, so the account waits for them in the options page. */
  async policyNeedsUser(): Promise<void> {
    await this.platform.create(POLICY_NEEDS_USER, { title: t('notificationPolicyTitle'), message: t('notificationPolicyMessage'), requireInteraction: true });
  }

  async callLost(count: number): Promise<void> {
    await this.platform.create(`lost:${Date.now()}`, {
      title: isSingular(count) ? t('notificationCallLostOne', formatNumber(count)) : t('notificationCallLostOther', formatNumber(count)),
      message: t('notificationCallLostMessage'),
      requireInteraction: true,
    });
  }

  /** The body of a notification: show the dialer with the call. */
  async click(id: string): Promise<void> {
    if (id === POLICY_NEEDS_USER) {
      await this.platform.clear(id);
      await this.actions.openOptions?.();
      return;
    }
    if (id.startsWith(INCOMING) || id.startsWith(MISSED) || id.startsWith(TRANSFER) || id.startsWith(REFUSED)) await this.actions.openDialer();
  }

  async button(id: string, index: number): Promise<void> {
    if (id.startsWith(INCOMING)) {
      const callId = id.slice(INCOMING.length);
      await this.platform.clear(id);
      await (index === 0 ? this.actions.answer(callId) : this.actions.decline(callId));
    } else if (id.startsWith(TRANSFER)) {
      await this.platform.clear(id);
      await this.actions.answerTransfer(id.slice(TRANSFER.length), index === 0);
    } else if (id.startsWith(MISSED) && index === 0) {
      await this.platform.clear(id);
      const number = id.slice(MISSED.length).split('|')[1];
      if (number) await this.actions.dial(number);
    }
  }
}
