import { browser } from 'wxt/browser';
import { addressOfRecord } from '../../shared/account/account';
import { logError } from '../../shared/log';
import { organizationPolicy } from '../managed-policy-source';
import type { ManagedPolicy } from '../managed-policy';
import { detectionPolicy } from '../../shared/settings/detection-settings';
import { accountFromPolicy, reapplyPolicy } from '../policy-reapply';
import type { CoordinatorContext } from './context';

/**
 * A policy the admin changes while the browser runs takes effect at once: the default
 * account's locked fields take their new values and the line is configured anew (it
 * re-registers). A change that moves the account to another server or phone system waits for
 * the user, since their secret does not move with it: the options page shows the new values
 * and asks for the password.
 */
export function startPolicyChanges(ctx: CoordinatorContext, signal: AbortSignal): void {
  let queue: Promise<void> = Promise.resolve();
  /** `changed`: the policy changed just now (not a worker start): only then is the user told. */
  const apply = async (changed: boolean) => {
    const policy = await organizationPolicy();
    await publishDetectionPolicy(policy);
    // No account fields by policy: nothing to apply to the account (and a worker start with
    // no policy, the common case, reads no account).
    if (Object.keys(policy.account).length === 0) return;
    const stored = await ctx.accounts.get();
    if (!stored) {
      // A shared account by policy registers with nobody at the keyboard.
      const shared = accountFromPolicy(policy);
      if (!shared) return;
      const ready = await ctx.line.prepare(shared);
      if (!ready.ok) {
        logError('managed policy', new Error(`the organization's shared account was not set up: ${JSON.stringify(ready)}`));
        return;
      }
      await ctx.accounts.save(ready.account);
      await ctx.line.configure(ready.account);
      return;
    }
    const result = reapplyPolicy(stored, policy);
    if (result.kind === 'needs-user') {
      logError('managed policy', new Error(`the new policy needs the user (${Object.keys(result.errors).join(', ')})`));
      if (changed) await ctx.notifications.policyNeedsUser();
      return;
    }
    if (result.kind === 'unchanged') return;
    await ctx.accounts.save(result.account, addressOfRecord(stored));
    await ctx.line.configure(result.account);
  };
  const listener = (_changes: unknown, area: string) => {
    if (area !== 'managed') return;
    queue = queue.then(() => apply(true)).catch((error: unknown) => logError('managed policy', error));
  };
  browser.storage.onChanged.addListener(listener);
  // On every start too: a policy set, changed or lifted while the browser was closed (or
  // before this worker woke) applies, and reaches the pages.
  queue = queue.then(() => apply(false)).catch((error: unknown) => logError('managed policy', error));
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}

/** The organization's detection rules where pages and faces read them (storage.local), written
 * only when they change: every open page's content script hears a write. */
async function publishDetectionPolicy(policy: ManagedPolicy): Promise<void> {
  const before = await detectionPolicy.getValue().catch(() => ({}));
  if (JSON.stringify(before) === JSON.stringify(policy.detection)) return;
  if (Object.keys(policy.detection).length === 0) await detectionPolicy.removeValue();
  else await detectionPolicy.setValue(policy.detection);
}
