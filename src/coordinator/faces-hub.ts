import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { logError } from '../shared/log';
import { senderKind } from '../shared/messaging/endpoint';
import { FACES_PORT, type FaceNotices } from '../shared/messaging/protocol';
import { facePortSenders } from '../shared/messaging/sender-policy';
import type { PhoneSnapshot } from '../shared/phone/snapshot';

/**
 * The open popups and options pages. Each connects a port; the hub sends it the phone's
 * state at once and every change after. A port from anything but our own faces is cut.
 */
export class FacesHub {
  private readonly ports = new Set<Runtime.Port>();

  constructor(
    private readonly current: () => Promise<PhoneSnapshot>,
    private readonly connected: (kind: 'popup' | 'options') => void = () => undefined,
  ) {}

  start(signal?: AbortSignal): void {
    const onConnect = (port: Runtime.Port) => {
      if (port.name !== FACES_PORT) return;
      const kind = port.sender ? senderKind(port.sender) : null;
      if (!kind || !facePortSenders.includes(kind)) {
        logError('coordinator: faces', new Error(`refused a port from ${port.sender?.url ?? 'an unknown sender'}`));
        port.disconnect();
        return;
      }
      this.ports.add(port);
      this.connected(kind as 'popup' | 'options');
      port.onDisconnect.addListener(() => this.ports.delete(port));
      this.current().then(
        (snapshot) => this.post(port, snapshot),
        (error: unknown) => logError('coordinator: faces', error),
      );
    };
    browser.runtime.onConnect.addListener(onConnect);
    signal?.addEventListener('abort', () => browser.runtime.onConnect.removeListener(onConnect));
  }

  publish(snapshot: PhoneSnapshot): void {
    for (const port of this.ports) this.post(port, snapshot);
  }

  private post(port: Runtime.Port, snapshot: PhoneSnapshot): void {
    const notice: { type: keyof FaceNotices; payload: FaceNotices['phone:changed'] } = {
      type: 'phone:changed',
      payload: snapshot,
    };
    try {
      port.postMessage(notice);
    } catch {
      this.ports.delete(port);
    }
  }
}
