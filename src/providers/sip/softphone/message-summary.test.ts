import { describe, expect, it } from 'vitest';
import { readMessageSummary } from './message-summary';

describe('a message-summary NOTIFY body', () => {
  it("reads Asterisk's: new and old voice messages", () => {
    expect(readMessageSummary('Messages-Waiting: yes\r\nMessage-Account: sip:*97@pbx.example.com\r\nVoice-Message: 2/8 (0/2)\r\n')).toEqual({ waiting: true, new: 2, old: 8 });
  });

  it('says no messages when none wait, and one when a PBX says yes without counting', () => {
    expect(readMessageSummary('Messages-Waiting: no\r\nVoice-Message: 0/3\r\n')).toEqual({ waiting: false, new: 0, old: 3 });
    expect(readMessageSummary('messages-waiting: YES\n')).toEqual({ waiting: true, new: 1, old: 0 });
  });

  it('refuses what is not a summary, and caps absurd counts', () => {
    expect(readMessageSummary('<xml/>')).toBeNull();
    expect(readMessageSummary('Messages-Waiting: maybe')).toBeNull();
    expect(readMessageSummary('Messages-Waiting: yes\nVoice-Message: 123456789/0')).toEqual({ waiting: true, new: 9999, old: 0 });
  });
});
