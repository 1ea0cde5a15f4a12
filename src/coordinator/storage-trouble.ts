import { logError } from '../shared/log';

/**
 * When the browser's storage fails (full: a page's content script can fill `storage.local`,
 * or the disk is), Offhook goes on: calls, notifications and the badge never wait on a write
 * that cannot happen. Each step that writes goes through `guard`; the first failure is told to
 * the user once (`tell`), every failure is logged once per step.
 */
export class StorageTrouble {
  private told = false;
  private readonly logged = new Set<string>();

  constructor(private readonly tell: (detail: string) => Promise<void>) {}

  /** Runs `step`; a failure is reported and gives `fallback` instead of throwing. */
  async guard<T>(what: string, step: () => Promise<T>, fallback?: T): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      this.report(what, error);
      return fallback;
    }
  }

  report(what: string, error: unknown): void {
    if (!this.logged.has(what)) {
      this.logged.add(what);
      logError(`coordinator: storage (${what})`, error);
    }
    if (this.told) return;
    this.told = true;
    const detail = error instanceof Error ? error.name === 'QuotaExceededError' || /quota/i.test(error.message) ? 'QuotaExceededError' : error.message : String(error);
    void this.tell(detail).catch((e: unknown) => logError('coordinator: storage notice', e));
  }
}
