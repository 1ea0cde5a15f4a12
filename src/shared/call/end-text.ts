import type { CallEnd } from './call-info';
import { assertNever } from './call-state';
import { t } from '../i18n/t';

/** What the user reads when a call ends: the server's own answer where there was one. */
export function describeCallEnd(end: CallEnd): string {
  const status = end.status ? `${end.status}${end.phrase ? ' ' + end.phrase : ''}` : '';
  switch (end.reason) {
    case 'hangup-local':
      return t('callEndYouHungUp');
    case 'transferred':
      return t('callEndTransferred');
    case 'hangup-remote':
      return t('callEndRemoteHungUp');
    case 'cancelled':
      return t('callEndCancelled');
    case 'caller-cancelled':
      return t('callEndCallerCancelled');
    case 'answered-elsewhere':
      return t('callEndAnsweredElsewhere');
    case 'do-not-disturb':
      return t('callEndDoNotDisturb');
    case 'declined':
      return t('callEndDeclined');
    case 'rejected':
      if (end.status === 486 || end.status === 600) return t('callEndBusy', status);
      if (end.status === 603) return t('callEndRejectedDeclined', status);
      if (end.status === 404 || end.status === 604) return t('callEndNotFound', status);
      if (end.status === 480) return t('callEndNotAvailable', status);
      return status ? t('callEndFailedStatus', status) : t('callEndFailed');
    case 'failed':
      if (status) return t('callEndFailedStatus', status);
      return end.phrase ? t('callEndFailedReason', end.phrase) : t('callEndFailed');
    default:
      return assertNever(end.reason);
  }
}
