import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { request } from '../../shared/messaging/endpoint';
import { FACES_PORT, type CoordinatorRequests } from '../../shared/messaging/protocol';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import { readLastSnapshot } from '../../shared/phone/read-last-snapshot';

type Req<K extends keyof CoordinatorRequests> = CoordinatorRequests[K]['req'];
type Res<K extends keyof CoordinatorRequests> = CoordinatorRequests[K]['res'];

/** How a face talks to the coordinator; a fake stands in for it in the models' tests. */
export interface CoordinatorClient {
  ask<K extends keyof CoordinatorRequests>(type: K, payload: Req<K>): Promise<Res<K>>;
  /** Calls back with the phone's state now and on every change, until `signal` aborts.
   * Survives the service worker being stopped: the port is reopened, which wakes it. */
  watch(onSnapshot: (snapshot: PhoneSnapshot) => void, signal: AbortSignal): void;
  /** The state as last relayed (this browser session), to draw before the live one arrives. */
  cached?(): Promise<PhoneSnapshot | null>;
}

/** `early`: a read of the last snapshot the page started already (the popup starts it first
 * thing in its script); used once, later asks read again. */
export function coordinatorClient(early?: Promise<PhoneSnapshot | null>): CoordinatorClient {
  return {
    ask: (type, payload) => request('coordinator', type, payload as never) as never,
    cached: () => {
      const read = early ?? readLastSnapshot();
      early = undefined;
      return read;
    },
    watch(onSnapshot, signal) {
      let port: Runtime.Port | undefined;
      const open = () => {
        if (signal.aborted) return;
        port = browser.runtime.connect({ name: FACES_PORT });
        port.onMessage.addListener((message: unknown) => {
          const m = message as { type?: string; payload?: PhoneSnapshot };
          if (m?.type === 'phone:changed' && m.payload) onSnapshot(m.payload);
        });
        port.onDisconnect.addListener(() => {
          port = undefined;
          setTimeout(open, 200);
        });
      };
      open();
      signal.addEventListener('abort', () => port?.disconnect());
    },
  };
}
