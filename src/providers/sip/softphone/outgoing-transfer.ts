import type { Notification, Session, URI } from 'sip.js';
import { t } from '../../../shared/i18n/t';
import { requestAnswer, type RequestAnswer } from './request-answer';

/** How long to wait for the transferee's NOTIFY before taking the accepted REFER as done. */
const TRANSFER_NOTIFY_WAIT_MS = 8_000;

/** Blind transfer: REFER the far end of `session` to `target`; resolves with its answer. */
export function referBlind(session: Session, target: URI): Promise<RequestAnswer> {
  return requestAnswer((requestDelegate) => session.refer(target, { requestDelegate }));
}

/** The dialog an attended transfer replaces, as the far end's INVITE with Replaces names it. */
export interface ReplacedDialog {
  callId: string;
  remoteTag: string;
  localTag: string;
}

/**
 * The Refer-To of an attended transfer: the consulted party's address of record (what a PBX
 * can route), without URI headers of its own, with Replaces naming our dialog with it.
 */
export function replacingReferTo(consulted: Pick<URI, 'clone'>, dialog: ReplacedDialog): string {
  const replaces = encodeURIComponent(`${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`);
  const aor = consulted.clone();
  aor.clearHeaders();
  return `<${aor.toString()}?Replaces=${replaces}>`;
}

/** A NOTIFY's sipfrag as the transfer's outcome: undefined while provisional (100 Trying). */
export function sipfragOutcome(body: string | undefined): RequestAnswer | undefined {
  const frag = /^SIP\/2\.0\s+(\d{3})\s*(.*)$/m.exec(body ?? '');
  const status = frag ? Number(frag[1]) : 0;
  if (status < 200) return undefined;
  return status < 300 ? { ok: true } : { ok: false, status, phrase: frag?.[2]?.trim() };
}

/** An attended transfer's REFER, once answered. */
export interface AttendedRefer {
  /** The far end's answer to the REFER itself. */
  answer: RequestAnswer;
  /**
   * When accepted, whether the transferee reached the target: its NOTIFY's final sipfrag, or
   * success when none came in time. Never settles for a refused REFER.
   */
  outcome: Promise<RequestAnswer>;
}

/**
 * Attended transfer: REFER the far end of `session` to the party of `consult`, with Replaces
 * naming our dialog with it, so the two of them are connected. Resolves once the REFER is
 * answered; the NOTIFYs that follow settle `outcome`.
 */
export async function referReplacing(session: Session, consult: Session): Promise<AttendedRefer> {
  const dialog = consult.dialog;
  if (!dialog) throw new Error(t('callErrorConsultNotConnected'));
  const referTo = replacingReferTo(consult.remoteIdentity.uri, dialog);
  let settle: (result: RequestAnswer) => void = () => undefined;
  const outcome = new Promise<RequestAnswer>((resolve) => (settle = resolve));
  const timer = setTimeout(() => settle({ ok: true }), TRANSFER_NOTIFY_WAIT_MS);
  const onNotify = (notification: Notification) => {
    void notification.accept().catch(() => undefined);
    const result = sipfragOutcome(notification.request.body);
    if (result) settle(result);
  };
  // sip.js would put the consulted party's Contact in Refer-To; a proxy cannot route an
  // out-of-dialog INVITE to a WebSocket Contact, so this REFER names its address of record.
  const refering = session as unknown as { referToString: (target: unknown) => string };
  refering.referToString = () => referTo;
  const answer = await requestAnswer((requestDelegate) => session.refer(consult, { onNotify, requestDelegate }))
    .catch((error: unknown) => {
      clearTimeout(timer);
      throw error;
    })
    .finally(() => delete (refering as { referToString?: unknown }).referToString);
  if (!answer.ok) clearTimeout(timer);
  return { answer, outcome: outcome.finally(() => clearTimeout(timer)) };
}
