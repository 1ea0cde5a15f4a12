import { UserAgent } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { replacingReferTo, sipfragOutcome } from './outgoing-transfer';

describe('replacingReferTo', () => {
  const dialog = { callId: 'a84b4c76e66710@pc33', remoteTag: '1928301774', localTag: 'a6c85cf' };

  it('names the consulted address of record and, escaped, the dialog it replaces', () => {
    const aor = UserAgent.makeURI('sip:201@pbx.example.org')!;
    expect(replacingReferTo(aor, dialog)).toBe(
      '<sip:201@pbx.example.org?Replaces=a84b4c76e66710%40pc33%3Bto-tag%3D1928301774%3Bfrom-tag%3Da6c85cf>',
    );
  });

  it('drops headers the consulted URI carries, and leaves that URI as it was', () => {
    const aor = UserAgent.makeURI('sip:201@pbx.example.org;transport=ws?Subject=hi')!;
    expect(replacingReferTo(aor, dialog)).toMatch(/^<sip:201@pbx\.example\.org;transport=ws\?Replaces=[^?&]+>$/);
    expect(aor.toString()).toContain('Subject=hi');
  });
});

describe('sipfragOutcome', () => {
  it.each([
    ['SIP/2.0 100 Trying\r\n', undefined],
    ['SIP/2.0 180 Ringing', undefined],
    ['SIP/2.0 200 OK\r\n', { ok: true }],
    ['SIP/2.0 486 Busy Here\r\n', { ok: false, status: 486, phrase: 'Busy Here' }],
    ['not a sipfrag', undefined],
    [undefined, undefined],
  ])('%j → %j', (body, outcome) => {
    expect(sipfragOutcome(body)).toEqual(outcome);
  });
});
