import { describe, expect, it, vi } from 'vitest';
import { CallNotifications } from './call-notifications';
import type { NotificationOptions, NotificationsPlatform } from '../platform/notifications';
import type { PhoneSnapshot } from '../shared/phone/snapshot';

function platform(buttons: boolean) {
  const created = new Map<string, NotificationOptions>();
  let click: (id: string) => void = () => undefined;
  const p: NotificationsPlatform = {
    buttons,
    create: async (id, o) => void created.set(id, o),
    update: async (id, o) => void created.set(id, o),
    clear: async (id) => void created.delete(id),
    ids: async () => [...created.keys()],
    onButtonClicked: () => undefined,
    onClicked: (l) => (click = l),
  };
  return { p, created, click: (id: string) => click(id) };
}

const ringing = {
  registration: { state: 'registered', aor: 'alice@offhook.test' },
  calls: [{ id: 'c1', state: 'incoming', direction: 'inbound', remote: { number: '1001', displayName: 'Bob', uri: 'sip:1001@x' }, startedAt: 0 }],
  tone: null,
  dnd: false,
  revision: 1,
} as unknown as PhoneSnapshot;

const actions = () => ({ answer: vi.fn(), decline: vi.fn(), dial: vi.fn(), answerTransfer: vi.fn(), openDialer: vi.fn(async () => undefined) });

describe('incoming-call notifications', () => {
  it('with buttons (Chromium): Answer and Decline, staying on screen', async () => {
    const { p, created } = platform(true);
    await new CallNotifications(p, actions()).reconcile(ringing);
    expect(created.get('incoming:c1')).toMatchObject({
      message: 'Bob (1001)',
      contextMessage: 'Offhook',
      buttons: [{ title: 'Answer' }, { title: 'Decline' }],
      requireInteraction: true,
    });
  });

  it('without buttons (Firefox): says to click, and the click opens the call in the dialer', async () => {
    const { p, created, click } = platform(false);
    const a = actions();
    await new CallNotifications(p, a).reconcile(ringing);
    expect(created.get('incoming:c1')).toMatchObject({ message: 'Bob (1001)', contextMessage: 'Click to answer or decline' });
    click('incoming:c1');
    await vi.waitFor(() => expect(a.openDialer).toHaveBeenCalledOnce());
    expect(a.answer).not.toHaveBeenCalled();
  });
});

describe('transfer requests', () => {
  const inCall = (request: object) =>
    ({
      ...ringing,
      calls: [{ ...ringing.calls[0]!, state: 'established', transferRequest: { id: 'r1', target: 'carol', uri: 'sip:carol@x', at: 1000, ...request } }],
    }) as unknown as PhoneSnapshot;

  it('asks with Accept and Decline while the far end waits, and clears it once answered', async () => {
    const { p, created } = platform(true);
    const a = actions();
    const n = new CallNotifications(p, a, () => 1000);
    await n.reconcile(inCall({ state: 'asking' }));
    expect(created.get('transfer:c1')).toMatchObject({
      message: 'Bob (1001) asks to transfer you to carol',
      contextMessage: 'sip:carol@x',
      buttons: [{ title: 'Accept transfer' }, { title: 'Decline' }],
      requireInteraction: true,
    });
    await n.button('transfer:c1', 1);
    expect(a.answerTransfer).toHaveBeenCalledWith('c1', false);
    await n.reconcile(inCall({ state: 'declined' }));
    expect([...created.keys()]).toEqual([]);
  });

  it('tells a refused request once, and not again after a restart when it is old news', async () => {
    const { p, created } = platform(true);
    const n = new CallNotifications(p, actions(), () => 3000);
    await n.reconcile(inCall({ state: 'refused' }));
    expect(created.get('transfer-refused:r1')?.message).toBe('Bob (1001) asked to transfer you to carol. Declined, as set in the options.');
    created.clear();
    await n.reconcile(inCall({ state: 'refused' }));
    expect(created.size).toBe(0);
    await new CallNotifications(p, actions(), () => 60_000).reconcile(inCall({ state: 'refused' }));
    expect(created.size).toBe(0);
  });
});

describe('missed calls', () => {
  const call = (id: string, uri: string, number: string) =>
    ({ id, direction: 'inbound', remote: { uri, number }, startedAt: 0, state: 'ended' }) as never;

  it('shares one notification, counting, and calls back the last caller', async () => {
    const { p, created } = platform(true);
    const n = new CallNotifications(p, actions());
    await n.missed(call('a', 'sip:+14155550142@x', '+14155550142'));
    await n.missed(call('b', 'sip:+14155550143@x', '+14155550143'));
    expect([...created.keys()]).toEqual(['missed:2:b|sip:+14155550143@x']);
    expect(created.get('missed:2:b|sip:+14155550143@x')).toMatchObject({ title: '2 missed calls', message: 'Last: +14155550143' });
  });

  it('shows the new count before the old notification goes: a missed call never leaves the screen empty', async () => {
    const { p, created } = platform(true);
    const onScreen: number[] = [];
    const clear = p.clear;
    p.clear = async (id) => {
      await clear(id);
      onScreen.push([...created.keys()].filter((k) => k.startsWith('missed:')).length);
    };
    const n = new CallNotifications(p, actions());
    await n.missed(call('a', 'sip:+14155550142@x', '+14155550142'));
    await n.missed(call('b', 'sip:+14155550143@x', '+14155550143'));
    await n.missed(call('c', 'sip:+14155550144@x', '+14155550144'));
    expect(onScreen).toEqual([1, 1]);
    expect([...created.keys()]).toEqual(['missed:3:c|sip:+14155550144@x']);
  });

  it('shows the full address a call back dials when it is a SIP name, not a number', async () => {
    const { p, created } = platform(true);
    await new CallNotifications(p, actions()).missed(call('a', 'sip:boss@evil.example', 'boss'));
    expect(created.get('missed:1:a|sip:boss@evil.example')?.contextMessage).toContain('Call back dials sip:boss@evil.example');
  });
});

describe('refused calls', () => {
  it('one quiet notification per reason, counting on in place', async () => {
    const { p, created } = platform(true);
    const update = vi.spyOn(p, 'update');
    const n = new CallNotifications(p, actions());
    await n.refused('busy', 3, { uri: 'sip:a@x', number: 'a' });
    await n.refused('busy', 2, { uri: 'sip:b@x', number: 'b' });
    expect([...created.keys()]).toEqual(['refused:busy']);
    expect(created.get('refused:busy')).toMatchObject({ message: '5 calls refused, the last from b', silent: true });
    expect(update).toHaveBeenCalledOnce();
  });
});

describe('a policy change that needs the user', () => {
  it('says the organization moved the account, stays, and a click opens the options page', async () => {
    const { p, created, click } = platform(true);
    const a = { ...actions(), openOptions: vi.fn(async () => undefined) };
    await new CallNotifications(p, a).policyNeedsUser();
    expect(created.get('policy-needs-user')).toMatchObject({ title: expect.stringContaining('organization'), message: expect.stringContaining('password'), requireInteraction: true });
    click('policy-needs-user');
    await vi.waitFor(() => expect(a.openOptions).toHaveBeenCalledOnce());
    expect(created.has('policy-needs-user')).toBe(false);
    expect(a.openDialer).not.toHaveBeenCalled();
  });
});
