import { describe, expect, it } from 'vitest';
import type { CallInfo } from '../shared/call/call-info';
import { CallState } from '../shared/call/call-state';
import type { PhoneSnapshot } from '../shared/phone/snapshot';
import { badgeFor } from './badge';

const registered = { state: 'registered', aor: 'alice@pbx.example' } as const;
const call = (state: CallState, extra: Partial<CallInfo> = {}): CallInfo => ({
  id: state,
  direction: 'inbound',
  state,
  remote: { uri: 'sip:bob@pbx.example', number: 'bob' },
  earlyMedia: false,
  muted: false,
  held: false,
  remoteHeld: false,
  startedAt: 0,
  ...extra,
});
const snap = (calls: CallInfo[], registration: PhoneSnapshot['registration'] = registered): PhoneSnapshot => ({
  registration,
  calls,
  revision: 1,
});

describe('badgeFor', () => {
  it('says nothing on the button when all is well, and the registration in its title', () => {
    expect(badgeFor(snap([]), 0)).toEqual({ text: '', color: '#1a7f37', title: 'Offhook: Registered as alice@pbx.example' });
  });

  it('puts a ringing call before everything else', () => {
    expect(badgeFor(snap([call(CallState.Established), call(CallState.Incoming)]), 3).text).toBe('RING');
  });

  it('shows a live call, muted or on hold', () => {
    expect(badgeFor(snap([call(CallState.Established)]), 0).text).toBe('CALL');
    expect(badgeFor(snap([call(CallState.Established, { muted: true })]), 0)).toMatchObject({ text: 'MUTE', title: expect.stringContaining('muted') });
    expect(badgeFor(snap([call(CallState.Established, { held: true })]), 0).text).toBe('HOLD');
  });

  it('counts missed calls, capped at 99', () => {
    expect(badgeFor(snap([]), 1)).toMatchObject({ text: '1', title: expect.stringContaining('1 missed call.') });
    expect(badgeFor(snap([]), 250).text).toBe('99');
  });

  it('shows new voicemail as its count in blue, after missed calls, and nothing once heard', () => {
    const withVoicemail = (n: number) => ({ ...snap([]), voicemail: { waiting: n > 0, new: n, old: 3 } });
    expect(badgeFor(withVoicemail(2), 0)).toMatchObject({ text: '2', color: '#0969da', title: expect.stringContaining('2 new voicemail messages.') });
    expect(badgeFor(withVoicemail(1), 0).title).toContain('1 new voicemail message.');
    expect(badgeFor(withVoicemail(2), 1)).toMatchObject({ text: '1', color: '#cf222e' });
    expect(badgeFor(withVoicemail(0), 0).text).toBe('');
  });

  it('flags a failed registration with its reason in the title', () => {
    const failed = { state: 'failed', aor: 'a@b', kind: 'auth', message: 'Wrong username or password (401).' } as const;
    expect(badgeFor(snap([], failed), 0)).toEqual({
      text: '!',
      color: '#cf222e',
      title: 'Offhook: Not registered: Wrong username or password (401).',
    });
  });
});
