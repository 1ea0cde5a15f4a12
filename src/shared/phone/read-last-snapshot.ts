import { browser } from 'wxt/browser';
import type { PhoneSnapshot } from './snapshot';

/** Where lastSnapshot (last-snapshot.ts) lives in storage.session. */
export const LAST_SNAPSHOT_KEY = 'lastSnapshot';

/**
 * The last relayed state, read straight from storage.session rather than through
 * @wxt-dev/storage's item: the popup's first script does without that library's 17 KB
 * (the item has no version, so the stored value is the snapshot itself). Null when there is
 * none or the read fails: the live state follows anyway.
 */
export function readLastSnapshot(): Promise<PhoneSnapshot | null> {
  try {
    return browser.storage.session.get(LAST_SNAPSHOT_KEY).then(
      (items) => (items[LAST_SNAPSHOT_KEY] as PhoneSnapshot | null | undefined) ?? null,
      () => null,
    );
  } catch {
    return Promise.resolve(null);
  }
}
