import type { Account } from '../../shared/account/account';
import { logError } from '../../shared/log';
import { NoReceiverError, request } from '../../shared/messaging/endpoint';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import type { OffscreenPlatform } from '../../platform/offscreen';

export const SOFTPHONE_URL = 'offscreen.html';
const JUSTIFICATION = 'Offhook keeps a SIP softphone running to place and receive calls with the microphone.';

/**
 * Owns the one offscreen document that hosts the softphone. Whether it exists is always
 * asked of the browser (a service worker's memory does not survive it being stopped); the
 * only thing remembered in memory is a creation already under way, so two requests
 * arriving together create one document.
 */
export class SoftphoneHost {
  private inFlight?: Promise<PhoneSnapshot>;

  constructor(
    private readonly platform: OffscreenPlatform,
    private readonly loadAccount: () => Promise<Account | null>,
    /** Told when a document had to be created: at start, or because the old one was gone. */
    private readonly created: () => Promise<void> | void = () => undefined,
  ) {}

  /** The softphone's state, creating and configuring it first when needed. */
  ensure(): Promise<PhoneSnapshot> {
    this.inFlight ??= this.doEnsure().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Applies a newly saved account to the running softphone. */
  async configure(account: Account | null): Promise<PhoneSnapshot> {
    await this.ensure();
    return request('softphone', 'softphone:configure', { account });
  }

  /** Ensures the softphone exists, then relays one request to it. */
  async send<R>(ask: () => Promise<R>): Promise<R> {
    await this.ensure();
    return ask();
  }

  private async doEnsure(): Promise<PhoneSnapshot> {
    if (!(await this.platform.hasDocument(SOFTPHONE_URL))) {
      try {
        await this.platform.createDocument(SOFTPHONE_URL, JUSTIFICATION);
        await this.created();
      } catch (error) {
        // Created meanwhile by another wake-up of this worker: that one is ours too.
        if (!/single offscreen document/i.test(String(error))) throw error;
      }
    }
    const snapshot = await askWithRetry(() => request('softphone', 'softphone:snapshot', {}));
    if (snapshot.configured) return snapshot;
    const account = await this.loadAccount();
    if (!account) return snapshot;
    return request('softphone', 'softphone:configure', { account });
  }
}

/** A new document registers its listener a moment after it loads. */
async function askWithRetry<R>(ask: () => Promise<R>, attempts = 50): Promise<R> {
  for (let i = 1; ; i++) {
    try {
      return await ask();
    } catch (error) {
      if (!(error instanceof NoReceiverError) || i >= attempts) {
        logError('coordinator: softphone', error);
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
