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

const actions = () => ({ answer: vi.fn(), decline: vi.fn(), dial: vi.fn(), openDialer: vi.fn(async () => undefined) });

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
