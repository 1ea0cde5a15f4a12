import type { Account } from '../../shared/account/account';
import { logError } from '../../shared/log';
import { NoReceiverError, request } from '../../shared/messaging/endpoint';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';
import type { OffscreenPlatform } from '../../platform/offscreen';

export const SOFTPHONE_URL = 'offscreen.html';
const JUSTIFICATION = 'Offhook keeps a SIP softphone running to place and receive calls with the microphone.';

/**
 * Owns the one offscreen document that hosts the softphone. Whether it exists is always
 * asked of the browser (a service worker's memory does not survive it being stopped). Kept
 * in memory: a creation already under way, so two requests arriving together create one
 * document; and the id of the document last seen configured, so a request to it need not
 * read its state again.
 */
export class SoftphoneHost {
  private inFlight?: Promise<PhoneSnapshot>;
  /** The document last seen configured: requests to it need no new check of its state. */
  private configuredIn?: string;

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
    this.configuredIn = undefined;
    const id = account ? await this.platform.documentId(SOFTPHONE_URL) : null;
    const snapshot = await request('softphone', 'softphone:configure', { account });
    return account ? this.seenConfigured(id, snapshot) : snapshot;
  }

  /**
   * Ensures the softphone exists, then relays one request to it. A document this host has seen
   * configured stays so until it is gone (only a new document starts unconfigured), so while
   * the browser reports that same document, the request goes at once: a call's INVITE does not
   * wait for a round trip to read the state first.
   */
  async send<R>(ask: () => Promise<R>): Promise<R> {
    const id = this.configuredIn && !this.inFlight ? await this.platform.documentId(SOFTPHONE_URL) : null;
    if (id === null || id !== this.configuredIn) await this.ensure();
    return ask();
  }

  private async doEnsure(): Promise<PhoneSnapshot> {
    this.configuredIn = undefined;
    // Read before the state is: a document that goes meanwhile is not taken for this one.
    let id = await this.platform.documentId(SOFTPHONE_URL);
    if (id === null) {
      try {
        await this.platform.createDocument(SOFTPHONE_URL, JUSTIFICATION);
        await this.created();
      } catch (error) {
        // Created meanwhile by another wake-up of this worker: that one is ours too.
        if (!/single offscreen document/i.test(String(error))) throw error;
      }
      id = await this.platform.documentId(SOFTPHONE_URL);
    }
    const snapshot = await askWithRetry(() => request('softphone', 'softphone:snapshot', {}));
    if (snapshot.configured) return this.seenConfigured(id, snapshot);
    const account = await this.loadAccount();
    if (!account) return snapshot;
    return this.seenConfigured(id, await request('softphone', 'softphone:configure', { account }));
  }

  private seenConfigured(id: string | null, snapshot: PhoneSnapshot): PhoneSnapshot {
    this.configuredIn = id ?? undefined;
    return snapshot;
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
