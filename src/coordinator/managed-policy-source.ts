import { browser } from 'wxt/browser';
import { logError } from '../shared/log';
import { readManagedPolicy, type ManagedPolicy } from './managed-policy';

/**
 * The organization's policy for Offhook as the browser gives it now (storage.managed: in
 * Chrome and Edge the `3rdparty.extensions.<id>` policy, checked against the schema the
 * manifest names). None where the browser has no managed storage or no policy is set.
 */
export async function organizationPolicy(): Promise<ManagedPolicy> {
  const managed = (browser.storage as { managed?: { get(): Promise<Record<string, unknown>> } }).managed;
  if (!managed) return readManagedPolicy(undefined);
  try {
    return readManagedPolicy(await managed.get());
  } catch (error) {
    // Firefox without a policy for Offhook answers with an error: no policy.
    logError('managed policy', error);
    return readManagedPolicy(undefined);
  }
}
