import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallInfo } from '../../shared/call/call-info';
import { CallState } from '../../shared/call/call-state';
import type { CoordinatorRequests } from '../../shared/messaging/protocol';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import type { CoordinatorClient } from '../common/coordinator-client';
import { createPhoneModel, duration } from './phone-model';

type Answers = {
  [K in keyof CoordinatorRequests]?: (payload: CoordinatorRequests[K]['req']) => Promise<CoordinatorRequests[K]['res']>;
};

/** Stands in for the coordinator: answers what the test says, records what was asked. */
function fakeCoordinator(answers: Answers = {}) {
  const asked: { type: string; payload: unknown }[] = [];
  let onSnapshot: ((s: PhoneSnapshot) => void) | undefined;
  let watchSignal: AbortSignal | undefined;
  const client: CoordinatorClient = {
    ask(type, payload) {
      asked.push({ type, payload });
      const answer = answers[type] as ((p: unknown) => Promise<never>) | undefined;
      if (!answer) return Promise.reject(new Error(`the test did not expect ${type}`));
      return answer(payload);
    },
    watch(callback, signal) {
      onSnapshot = callback;
      watchSignal = signal;
    },
  };
  return {
    client,
    asked,
    publish: (s: PhoneSnapshot) => onSnapshot!(s),
    watchSignal: () => watchSignal,
  };
}

const T0 = 1_700_000_000_000;
let time = T0;
const clock = () => time;

/** Moves the injected clock and lets the model's once-a-second tick see it. */
function advance(ms: number) {
  time += ms;
  vi.advanceTimersByTime(ms);
}

function call(id: string, state: CallState, extra: Partial<CallInfo> = {}): CallInfo {
  return {
    id,
    direction: state === CallState.Incoming || state === CallState.Answering ? 'inbound' : 'outbound',
    state,
    remote: { uri: `sip:${id}@pbx.example`, number: id },
    earlyMedia: false,
    muted: false,
    held: false,
    remoteHeld: false,
    startedAt: T0,
    ...extra,
  };
}

function snapshot(extra: Partial<PhoneSnapshot> = {}): PhoneSnapshot {
  return { registration: { state: 'registered', aor: 'alice@pbx.example' }, calls: [], revision: 1, ...extra };
}

beforeEach(() => {
  time = T0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('status', () => {
  it('says it is connecting before the first snapshot', () => {
    const model = createPhoneModel(fakeCoordinator().client, clock);
    expect(model.status.value).toBe('Connecting to Offhook…');
    expect(model.registrationState.value).toBe('loading');
    expect(model.canDial.value).toBe(false);
  });

  it('follows the snapshots the coordinator pushes', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot({ registration: { state: 'registering', aor: 'alice@pbx.example' } }));
    expect(model.status.value).toBe('Registering as alice@pbx.example…');
    expect(model.canDial.value).toBe(false);
    fake.publish(snapshot());
    expect(model.status.value).toBe('Registered as alice@pbx.example');
    expect(model.canDial.value).toBe(true);
    fake.publish(
      snapshot({
        registration: { state: 'failed', aor: 'alice@pbx.example', kind: 'auth', message: 'Wrong username or password.' },
      }),
    );
    expect(model.status.value).toBe('Not registered: Wrong username or password.');
    expect(model.canDial.value).toBe(false);
  });

  it('offers "Sign in again" only when a platform sign-in has ended, not for a wrong SIP password', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot({ registration: { state: 'failed', aor: 'alice@wazo.example', kind: 'auth', message: 'Wrong password.' } }));
    expect(model.needsSignIn.value).toBe(false);
    fake.publish(snapshot({ registration: { state: 'failed', aor: 'alice@wazo.example', kind: 'signin', message: 'Your Wazo sign-in has ended. Sign in again in the options.' } }));
    expect(model.needsSignIn.value).toBe(true);
    expect(model.canRetry.value).toBe(false);
    expect(model.status.value).toBe('Not registered: Your Wazo sign-in has ended. Sign in again in the options.');
  });

  it('draws the last known state at once, and the live one replaces it', async () => {
    const fake = fakeCoordinator();
    const cached = snapshot({ registration: { state: 'registered', aor: 'cached@pbx.example' } });
    const client = { ...fake.client, cached: async () => cached };
    const model = createPhoneModel(client, clock);
    model.start();
    await Promise.resolve();
    expect(model.status.value).toBe('Registered as cached@pbx.example');
    fake.publish(snapshot());
    expect(model.status.value).toBe('Registered as alice@pbx.example');
  });

  it('never lets a late cached state overwrite the live one', async () => {
    const fake = fakeCoordinator();
    let release!: (s: PhoneSnapshot) => void;
    const client = { ...fake.client, cached: () => new Promise<PhoneSnapshot>((r) => (release = r)) };
    const model = createPhoneModel(client, clock);
    model.start();
    fake.publish(snapshot());
    release(snapshot({ registration: { state: 'registered', aor: 'stale@pbx.example' } }));
    await Promise.resolve();
    await Promise.resolve();
    expect(model.status.value).toBe('Registered as alice@pbx.example');
  });

  it('draws the state its address carries before any read, then the stored and the live ones', async () => {
    const fake = fakeCoordinator();
    let release!: (s: PhoneSnapshot) => void;
    const client = { ...fake.client, cached: () => new Promise<PhoneSnapshot>((r) => (release = r)) };
    const model = createPhoneModel(client, clock);
    model.start(snapshot({ revision: 4 }));
    expect(model.registrationState.value).toBe('registered');
    expect(model.canDial.value).toBe(true);
    // The stored snapshot of the same revision has more (the last ended call): it replaces it.
    const ended = { ...call('c9', CallState.Ended), end: { reason: 'hangup-remote' as const }, endedAt: time };
    release(snapshot({ revision: 4, lastEnded: ended }));
    await Promise.resolve();
    await Promise.resolve();
    expect(model.ended.value).not.toBeNull();
    fake.publish(snapshot({ revision: 5, registration: { state: 'registered', aor: 'live@pbx.example' } }));
    expect(model.status.value).toBe('Registered as live@pbx.example');
  });

  it('keeps the carried state over an older stored one, and the live one over both', async () => {
    const fake = fakeCoordinator();
    let release!: (s: PhoneSnapshot) => void;
    const client = { ...fake.client, cached: () => new Promise<PhoneSnapshot>((r) => (release = r)) };
    const model = createPhoneModel(client, clock);
    model.start(snapshot({ revision: 9, registration: { state: 'registered', aor: 'carried@pbx.example' } }));
    release(snapshot({ revision: 8, registration: { state: 'registered', aor: 'older@pbx.example' } }));
    await Promise.resolve();
    await Promise.resolve();
    expect(model.status.value).toBe('Registered as carried@pbx.example');

    const fake2 = fakeCoordinator();
    let release2!: (s: PhoneSnapshot) => void;
    const model2 = createPhoneModel({ ...fake2.client, cached: () => new Promise<PhoneSnapshot>((r) => (release2 = r)) }, clock);
    model2.start(snapshot({ revision: 9 }));
    fake2.publish(snapshot({ revision: 10, registration: { state: 'registered', aor: 'live@pbx.example' } }));
    release2(snapshot({ revision: 10, registration: { state: 'registered', aor: 'stored@pbx.example' } }));
    await Promise.resolve();
    await Promise.resolve();
    expect(model2.status.value).toBe('Registered as live@pbx.example');
  });

  it('counts down to the next automatic try, and offers to retry now', async () => {
    const fake = fakeCoordinator({ 'phone:retry': async () => ({ ok: true }) });
    const model = createPhoneModel(fake.client, clock);
    model.start();
    const registration = {
      state: 'failed' as const,
      aor: 'alice@pbx.example',
      kind: 'transport' as const,
      message: 'Cannot reach the server.',
      retryAt: T0 + 8000,
    };
    fake.publish(snapshot({ registration }));
    expect(model.status.value).toBe('Not registered: Cannot reach the server. Retrying in 8 s.');
    expect(model.canRetry.value).toBe(true);
    advance(3000);
    expect(model.status.value).toBe('Not registered: Cannot reach the server. Retrying in 5 s.');
    await model.retry();
    expect(fake.asked.at(-1)).toEqual({ type: 'phone:retry', payload: {} });
  });

  it('offers no retry for a failure Offhook does not retry (a wrong password)', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot({ registration: { state: 'failed', aor: 'a@b', kind: 'auth', message: 'Wrong password.' } }));
    expect(model.canRetry.value).toBe(false);
  });

  it('stops watching and ticking when stopped', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    const stop = model.start();
    expect(fake.watchSignal()?.aborted).toBe(false);
    stop();
    expect(fake.watchSignal()?.aborted).toBe(true);
    advance(10_000);
    expect(model.now.value).toBe(T0);
  });
});

describe('calls', () => {
  it('puts incoming calls in ringing and every other call in active', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(
      snapshot({
        calls: [call('a', CallState.Established), call('b', CallState.Incoming), call('c', CallState.Dialing), call('d', CallState.Answering)],
      }),
    );
    expect(model.ringing.value.map((c) => c.id)).toEqual(['b']);
    expect(model.active.value.map((c) => c.id)).toEqual(['a', 'c', 'd']);
  });

  it('has no calls before the first snapshot', () => {
    const model = createPhoneModel(fakeCoordinator().client, clock);
    expect(model.ringing.value).toEqual([]);
    expect(model.active.value).toEqual([]);
  });

  it.each([
    [CallState.Dialing, {}, 'Calling…'],
    [CallState.Ringing, {}, 'Ringing…'],
    [CallState.Ringing, { earlyMedia: true }, 'Ringing (audio from the network)…'],
    [CallState.Incoming, {}, 'Incoming call'],
    [CallState.Answering, {}, 'Connecting…'],
    [CallState.Established, { answeredAt: T0 }, 'Connected 00:00'],
    [CallState.Ended, {}, 'Ended'],
  ] as const)('labels a %s call %j as "%s"', (state, extra, label) => {
    const model = createPhoneModel(fakeCoordinator().client, clock);
    expect(model.callLabel(call('x', state, extra))).toBe(label);
  });

  it('counts up the time since the call was answered', () => {
    const model = createPhoneModel(fakeCoordinator().client, clock);
    model.start();
    const talking = call('x', CallState.Established, { answeredAt: T0 });
    advance(65_000);
    expect(model.callLabel(talking)).toBe('Connected 01:05');
    advance(3_600_000);
    expect(model.callLabel(talking)).toBe('Connected 1:01:05');
  });

  it('names the other side by display name and number, or number alone', () => {
    const model = createPhoneModel(fakeCoordinator().client, clock);
    expect(model.who(call('+14155552671', CallState.Incoming))).toBe('+14155552671');
    const named = call('+14155552671', CallState.Incoming, {
      remote: { uri: 'sip:+14155552671@pbx.example', number: '+14155552671', displayName: 'Alice' },
    });
    expect(model.who(named)).toBe('Alice (+14155552671)');
  });
});

describe('dial', () => {
  it('with an empty number says so without asking the coordinator', async () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.number.value = '   ';
    await model.dial();
    expect(model.error.value).toBe('Enter a number to call.');
    expect(fake.asked).toEqual([]);
  });

  it('sends the number trimmed and clears the field once the call is placed', async () => {
    const fake = fakeCoordinator({ 'call:dial': async () => ({ ok: true, callId: 'c1' }) });
    const model = createPhoneModel(fake.client, clock);
    model.number.value = ' +1 415 555 2671 ';
    model.error.value = 'an earlier error';
    await model.dial();
    expect(fake.asked).toEqual([{ type: 'call:dial', payload: { target: '+1 415 555 2671' } }]);
    expect(model.number.value).toBe('');
    expect(model.error.value).toBeNull();
  });

  it('shows the coordinator’s error and keeps the number for another try', async () => {
    const fake = fakeCoordinator({
      'call:dial': async () => ({ ok: false, error: 'Cannot call "bob smith": enter a phone number, a SIP user or a sip: address.' }),
    });
    const model = createPhoneModel(fake.client, clock);
    model.number.value = 'bob smith';
    await model.dial();
    expect(model.error.value).toBe('Cannot call "bob smith": enter a phone number, a SIP user or a sip: address.');
    expect(model.number.value).toBe('bob smith');
  });

  it('shows why when the coordinator cannot be reached', async () => {
    const fake = fakeCoordinator({
      'call:dial': () => Promise.reject(new Error('Nobody is listening on coordinator')),
    });
    const model = createPhoneModel(fake.client, clock);
    model.number.value = '1001';
    await model.dial();
    expect(model.error.value).toBe('Nobody is listening on coordinator');
    expect(model.number.value).toBe('1001');
    expect(model.pending.value).toBe(false);
  });

  it('cannot dial again while a request is pending', async () => {
    let finish!: () => void;
    const fake = fakeCoordinator({
      'call:dial': () => new Promise((resolve) => (finish = () => resolve({ ok: true, callId: 'c1' }))),
    });
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot());
    model.number.value = '1001';
    const dialling = model.dial();
    expect(model.pending.value).toBe(true);
    expect(model.canDial.value).toBe(false);
    finish();
    await dialling;
    expect(model.pending.value).toBe(false);
    expect(model.canDial.value).toBe(true);
  });
});

describe('answer, decline, hang up', () => {
  it('declines as busy (486), so the caller hears busy rather than a rejection', async () => {
    const fake = fakeCoordinator({ 'call:command': async () => ({ ok: true }) });
    const model = createPhoneModel(fake.client, clock);
    expect(await model.decline('c7')).toBe(true);
    expect(fake.asked).toEqual([{ type: 'call:command', payload: { command: { action: 'decline', callId: 'c7', status: 486 } } }]);
  });

  it('answers and hangs up the call named', async () => {
    const fake = fakeCoordinator({ 'call:command': async () => ({ ok: true }) });
    const model = createPhoneModel(fake.client, clock);
    await model.answer('c1');
    await model.hangup('c2');
    expect(fake.asked).toEqual([
      { type: 'call:command', payload: { command: { action: 'answer', callId: 'c1' } } },
      { type: 'call:command', payload: { command: { action: 'hangup', callId: 'c2' } } },
    ]);
  });

  it('shows why an answer failed', async () => {
    const fake = fakeCoordinator({ 'call:command': async () => ({ ok: false, error: 'The call is already over.' }) });
    const model = createPhoneModel(fake.client, clock);
    expect(await model.answer('c1')).toBe(false);
    expect(model.error.value).toBe('The call is already over.');
  });
});

describe('the notice after a call ends', () => {
  const endedCall = call('bob', CallState.Ended, {
    remote: { uri: 'sip:bob@pbx.example', number: '1002', displayName: 'Bob' },
    endedAt: T0,
    end: { reason: 'rejected', status: 486, phrase: 'Busy Here' },
  });

  it('says who and why, in the server’s words', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot({ lastEnded: endedCall }));
    expect(model.ended.value).toBe('Bob (1002): Busy (486 Busy Here)');
  });

  it('stays for five minutes, then goes', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot({ lastEnded: endedCall }));
    advance(5 * 60_000);
    expect(model.ended.value).toBe('Bob (1002): Busy (486 Busy Here)');
    advance(1_000);
    expect(model.ended.value).toBeNull();
  });

  it('is not shown when the popup opens long after the call ended', () => {
    time = T0 + 60 * 60_000;
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot({ lastEnded: endedCall }));
    expect(model.ended.value).toBeNull();
  });

  it('gives way to a live call', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot({ lastEnded: endedCall, calls: [call('carol', CallState.Incoming)] }));
    expect(model.ended.value).toBeNull();
    fake.publish(snapshot({ lastEnded: endedCall, calls: [call('dave', CallState.Dialing)] }));
    expect(model.ended.value).toBeNull();
  });

  it('is absent when nothing has ended', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot());
    expect(model.ended.value).toBeNull();
  });
});

describe('transfer, conference and identity', () => {
  it('offers Merge for two connected calls not yet in one conference', () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    model.start();
    fake.publish(snapshot({ calls: [call('bob', CallState.Established, { held: true }), call('carol', CallState.Ringing)] }));
    expect(model.canMerge.value).toBe(false);
    fake.publish(snapshot({ calls: [call('bob', CallState.Established, { held: true }), call('carol', CallState.Established)] }));
    expect(model.canMerge.value).toBe(true);
    fake.publish(snapshot({ calls: [call('bob', CallState.Established, { conference: true }), call('carol', CallState.Established, { conference: true })] }));
    expect(model.canMerge.value).toBe(false);
  });

  it('labels conference legs, intercom calls, and shows the formatted number', () => {
    const model = createPhoneModel(fakeCoordinator().client, clock);
    expect(model.callLabel(call('bob', CallState.Established, { conference: true, answeredAt: T0 }))).toBe('In conference 00:00');
    expect(model.callLabel(call('bob', CallState.Established, { conference: true, muted: true, answeredAt: T0 }))).toBe('In conference 00:00 (muted)');
    expect(model.callLabel(call('bob', CallState.Incoming, { intercom: true }))).toBe('Incoming intercom call');
    const caller = call('x', CallState.Incoming, { remote: { uri: 'sip:+14155550142@pbx', number: '+14155550142', formatted: '(415) 555-0142', displayName: 'Rob' } });
    expect(model.who(caller)).toBe('Rob ((415) 555-0142)');
  });

  it('refuses an empty attended-transfer target without asking', async () => {
    const fake = fakeCoordinator();
    const model = createPhoneModel(fake.client, clock);
    expect(await model.consult('c1', '  ')).toBe(false);
    expect(model.error.value).toBe('Enter the number to transfer to.');
    expect(fake.asked).toEqual([]);
  });
});

describe('duration', () => {
  it.each([
    [0, '00:00'],
    [999, '00:00'],
    [59_999, '00:59'],
    [65_000, '01:05'],
    [59 * 60_000 + 59_000, '59:59'],
    [3_600_000, '1:00:00'],
    [3_661_000, '1:01:01'],
    [25 * 3_600_000, '25:00:00'],
    [-5_000, '00:00'],
  ])('%i ms → %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('typing and pasting a number', () => {
  it('formats as typed, unless the person typed on meanwhile', async () => {
    const model = createPhoneModel(fakeCoordinator().client, clock, async (t) => `fmt(${t})`);
    model.type('0221');
    await Promise.resolve();
    await Promise.resolve();
    expect(model.number.value).toBe('fmt(0221)');
    let release!: () => void;
    const slow = createPhoneModel(fakeCoordinator().client, clock, (t) => new Promise((r) => (release = () => r(`fmt(${t})`))));
    slow.type('02');
    slow.number.value = '022';
    release();
    await flush();
    expect(slow.number.value).toBe('022');
  });

  it('does not reformat while the caret is inside the number', async () => {
    const model = createPhoneModel(fakeCoordinator().client, clock, async (t) => `fmt(${t})`);
    model.type('0221', { caretAtEnd: false });
    await flush();
    expect(model.number.value).toBe('0221');
  });

  it('cleans a pasted tel: URI and full-width digits', () => {
    const model = createPhoneModel(fakeCoordinator().client, clock);
    model.type('tel:＋４９２２１２２１０', { pasted: true });
    expect(model.number.value).toBe('+492212210');
  });
});
