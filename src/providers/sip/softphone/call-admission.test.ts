import { describe, expect, it } from 'vitest';
import { CallState } from '../../../shared/call/call-state';
import { admit, MAX_LIVE, MAX_RINGING, RefusalTally } from './call-admission';

const { Incoming, Established, Ended, Dialing } = CallState;

describe('which incoming calls may ring', () => {
  it('rings while the line has room', () => {
    expect(admit([], false)).toBe('ring');
    expect(admit([Established, Incoming], false)).toBe('ring');
    expect(admit([Ended, Ended, Ended, Ended, Ended], false)).toBe('ring');
  });

  it(`refuses a third ringing call (${MAX_RINGING} ring at most)`, () => {
    expect(admit([Incoming, Incoming], false)).toBe('busy');
  });

  it(`refuses a call when ${MAX_LIVE} are live`, () => {
    expect(admit([Established, Established, Dialing, Incoming], false)).toBe('busy');
  });

  it('refuses every call under Do Not Disturb', () => {
    expect(admit([], true)).toBe('dnd');
  });
});

describe('the refusal tally', () => {
  it('counts each kind and keeps its last caller, in a view whose size does not grow', () => {
    const tally = new RefusalTally();
    expect(tally.any).toBe(false);
    for (let i = 0; i < 1000; i++) tally.note('busy', { uri: `sip:flood${i}@x`, number: `flood${i}` }, i);
    tally.note('dnd', { uri: 'sip:bob@x', number: 'bob' }, 5);
    const view = tally.view();
    expect(view).toMatchObject({ busy: { count: 1000, last: { number: 'flood999' }, lastAt: 999 }, dnd: { count: 1, lastAt: 5 } });
    expect(JSON.stringify(view).length).toBeLessThan(300);
  });
});
