import { browser } from 'wxt/browser';
import { logError } from '../shared/log';
import { readManagedPolicy, type ManagedPolicy } from './managed-policy';

/**
 * Firefox with no policy for Offhook rejects storage.managed.get() with this message (its
 * ext-storage.js, 115 to 153 ESR) instead of answering `{}` as Chromium does: every user
 * without an organization would otherwise log an error on each read.
 */
const FIREFOX_NO_POLICY = /^Managed storage manifest not found$/;

/**
 * The organization's policy for Offhook as the browser gives it now (storage.managed: in
 * Chrome and Edge the `3rdparty.extensions.<id>` policy, checked against the schema the
 * manifest names; in Firefox the `3rdparty.Extensions.<id>` of policies.json, unchecked and
 * read once at startup). None where the browser has no managed storage or no policy is set.
 */
export async function organizationPolicy(): Promise<ManagedPolicy> {
  const managed = (browser.storage as { managed?: { get(): Promise<Record<string, unknown>> } }).managed;
  if (!managed) return readManagedPolicy(undefined);
  try {
    return readManagedPolicy(await managed.get());
  } catch (error) {
    if (!FIREFOX_NO_POLICY.test(error instanceof Error ? error.message : String(error))) logError('managed policy', error);
    return readManagedPolicy(undefined);
  }
}
