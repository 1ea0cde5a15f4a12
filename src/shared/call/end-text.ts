import type { CallEnd } from './call-info';
import { assertNever } from './call-state';

/** What the user reads when a call ends: the server's own answer where there was one. */
export function describeCallEnd(end: CallEnd): string {
  const status = end.status ? ` (${end.status}${end.phrase ? ' ' + end.phrase : ''})` : '';
  switch (end.reason) {
    case 'hangup-local':
      return 'You hung up';
    case 'transferred':
      return 'Transferred';
    case 'hangup-remote':
      return 'The other side hung up';
    case 'cancelled':
      return 'Call cancelled';
    case 'caller-cancelled':
      return 'Missed: the caller hung up';
    case 'answered-elsewhere':
      return 'Answered on another phone';
    case 'do-not-disturb':
      return 'Missed: Do not disturb was on';
    case 'declined':
      return 'Call declined';
    case 'rejected':
      if (end.status === 486 || end.status === 600) return `Busy${status}`;
      if (end.status === 603) return `Declined${status}`;
      if (end.status === 404 || end.status === 604) return `Number not found${status}`;
      if (end.status === 480) return `Not available${status}`;
      return `Call failed${status}`;
    case 'failed':
      return `Call failed${status || (end.phrase ? `: ${end.phrase}` : '')}`;
    default:
      return assertNever(end.reason);
  }
}
