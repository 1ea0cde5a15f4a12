import { describe, expect, it } from 'vitest';
import { phoneFromPopupAddress, popupAddressFor, POPUP_PAGE } from './popup-address';
import type { PhoneSnapshot } from './snapshot';
import type { CallInfo } from '../call/call-info';
import { CallState } from '../call/call-state';

const aor = 'alice@pbx.example';
const search = (address: string) => address.slice(POPUP_PAGE.length);
const snap = (extra: Partial<PhoneSnapshot> = {}): PhoneSnapshot => ({ registration: { state: 'registered', aor }, calls: [], revision: 7, ...extra });
const call: CallInfo = {
  id: 'c1', direction: 'inbound', state: CallState.Incoming, remote: { uri: 'sip:bob@pbx.example', number: 'bob' },
  earlyMedia: false, muted: false, held: false, remoteHeld: false,
} as CallInfo;

describe('popupAddressFor / phoneFromPopupAddress', () => {
  it('carries the registration, DND and revision, and reads back the same', () => {
    const address = popupAddressFor(snap({ dnd: true }));
    expect(address.startsWith(`${POPUP_PAGE}?phone=`)).toBe(true);
    expect(phoneFromPopupAddress(search(address))).toEqual(snap({ dnd: true }));
  });

  it('carries a failure with its reason and retry time', () => {
    const failed = snap({
      registration: { state: 'failed', aor, kind: 'auth', status: 401, phrase: 'Unauthorized', message: 'Wrong password.', retryAt: 1234 },
    });
    expect(phoneFromPopupAddress(search(popupAddressFor(failed)))).toEqual(failed);
  });

  it('carries "no account set up"', () => {
    const none = snap({ registration: { state: 'unconfigured' } });
    expect(phoneFromPopupAddress(search(popupAddressFor(none)))).toEqual(none);
  });

  it('carries nothing while calls are live: the popup reads the stored snapshot, which has them', () => {
    expect(popupAddressFor(snap({ calls: [call] }))).toBe(POPUP_PAGE);
  });

  it('leaves out the last ended call, the tone and the sound devices', () => {
    const back = phoneFromPopupAddress(search(popupAddressFor(snap({ lastEnded: call, tone: 'ringback', audio: { warnings: ['x'], testing: null } }))));
    expect(back).toEqual(snap());
  });

  it('keeps the other parameters of the address working (the dialer in a tab: ?tab=, ?dial=)', () => {
    expect(phoneFromPopupAddress(`?tab=4&${search(popupAddressFor(snap())).slice(1)}`)).toEqual(snap());
  });

  it.each([
    ['', 'no parameter'],
    ['?tab=3', 'other parameters only'],
    ['?phone=%7B', 'not JSON'],
    ['?phone=null', 'null'],
    [`?phone=${encodeURIComponent(JSON.stringify({ registration: { state: 'registered', aor } }))}`, 'no revision'],
    [`?phone=${encodeURIComponent(JSON.stringify({ registration: { state: 'dancing', aor }, revision: 1 }))}`, 'an unknown state'],
    [`?phone=${encodeURIComponent(JSON.stringify({ registration: { state: 'registered', aor: 5 }, revision: 1 }))}`, 'an address of record that is not text'],
    [`?phone=${encodeURIComponent(JSON.stringify({ registration: { state: 'failed', aor, kind: 'weird', message: 'x' }, revision: 1 }))}`, 'an unknown failure kind'],
    [`?phone=${encodeURIComponent(JSON.stringify({ registration: { state: 'failed', aor, kind: 'auth' }, revision: 1 }))}`, 'a failure without its sentence'],
    [`?phone=${'x'.repeat(5000)}`, 'something far too long'],
  ])('%s (%s) is no state', (input) => {
    expect(phoneFromPopupAddress(input)).toBeNull();
  });

  it('copies only the fields it knows', () => {
    const extra = { registration: { state: 'registered', aor, password: 'secret' }, revision: 2, calls: [call], dnd: 'yes' };
    expect(phoneFromPopupAddress(`?phone=${encodeURIComponent(JSON.stringify(extra))}`)).toEqual({
      registration: { state: 'registered', aor }, calls: [], revision: 2,
    });
  });
});
