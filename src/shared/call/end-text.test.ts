import { describe, expect, it } from 'vitest';
import type { CallEnd } from './call-info';
import { describeCallEnd } from './end-text';

describe('describeCallEnd', () => {
  it.each<[CallEnd, string]>([
    [{ reason: 'hangup-local' }, 'You hung up'],
    [{ reason: 'hangup-remote' }, 'The other side hung up'],
    [{ reason: 'cancelled' }, 'Call cancelled'],
    [{ reason: 'caller-cancelled' }, 'Missed: the caller hung up'],
    [{ reason: 'declined' }, 'Call declined'],
  ])('says plainly who ended it: %o', (end, text) => {
    expect(describeCallEnd(end)).toBe(text);
  });

  // A refused call shows the server's own status and phrase, so the user (or their admin)
  // can tell "busy" from "no such number" from a PBX misconfiguration.
  it.each<[CallEnd, RegExp]>([
    [{ reason: 'rejected', status: 486, phrase: 'Busy Here' }, /^Busy \(486 Busy Here\)$/],
    [{ reason: 'rejected', status: 600, phrase: 'Busy Everywhere' }, /^Busy \(600 Busy Everywhere\)$/],
    [{ reason: 'rejected', status: 603, phrase: 'Decline' }, /^Declined \(603 Decline\)$/],
    [{ reason: 'rejected', status: 404, phrase: 'Not Found' }, /^Number not found \(404 Not Found\)$/],
    [{ reason: 'rejected', status: 604, phrase: 'Does Not Exist Anywhere' }, /^Number not found \(604 Does Not Exist Anywhere\)$/],
    [{ reason: 'rejected', status: 480, phrase: 'Temporarily Unavailable' }, /^Not available \(480 Temporarily Unavailable\)$/],
    [{ reason: 'rejected', status: 403, phrase: 'Forbidden' }, /^Call failed \(403 Forbidden\)$/],
    [{ reason: 'rejected', status: 503, phrase: 'Service Unavailable' }, /^Call failed \(503 Service Unavailable\)$/],
  ])('rejected: %o', (end, text) => {
    expect(describeCallEnd(end)).toMatch(text);
  });

  it('shows a status without a phrase when the server gave none', () => {
    expect(describeCallEnd({ reason: 'rejected', status: 486 })).toBe('Busy (486)');
  });

  it('shows the phrase exactly as the server said it, not a translation', () => {
    expect(describeCallEnd({ reason: 'rejected', status: 486, phrase: 'Besetzt' })).toBe('Busy (486 Besetzt)');
  });

  it('a rejection without any status still reads as a failure', () => {
    expect(describeCallEnd({ reason: 'rejected' })).toBe('Call failed');
  });

  it('a failure says what failed: the status when there was one', () => {
    expect(describeCallEnd({ reason: 'failed', status: 488, phrase: 'Not Acceptable Here' })).toBe(
      'Call failed (488 Not Acceptable Here)',
    );
  });

  it('a failure without a status shows the error text', () => {
    expect(describeCallEnd({ reason: 'failed', phrase: 'ICE failed' })).toBe('Call failed: ICE failed');
  });

  it('a failure with nothing known is still a sentence', () => {
    expect(describeCallEnd({ reason: 'failed' })).toBe('Call failed');
  });

  it('throws on an unknown reason rather than showing nothing', () => {
    expect(() => describeCallEnd({ reason: 'teleported' as CallEnd['reason'] })).toThrow(/teleported/);
  });
});
