import { storage } from 'wxt/utils/storage';
import {
  DETECTION_KEY,
  DETECTION_POLICY_KEY,
  defaultDetectionSettings,
  readDetectionPolicy,
  validateDetectionSettings,
  withDetectionPolicy,
  type DetectionPolicy,
  type DetectionSettings,
  type EffectiveDetection,
} from './detection-values';

export {
  DETECTION_KEY,
  defaultDetectionSettings,
  isActiveOn,
  siteRule,
  validateDetectionSettings,
  type DetectionSettings,
  type EffectiveDetection,
  type SiteRule,
} from './detection-values';

/** The user's own choices. */
export const detectionSettings = storage.defineItem<DetectionSettings>(`local:${DETECTION_KEY}`, {
  version: 1,
  fallback: defaultDetectionSettings,
});

/** The organization's, from the managed policy: written by the coordinator only. */
export const detectionPolicy = storage.defineItem<DetectionPolicy>(`local:${DETECTION_POLICY_KEY}`, { fallback: {} });

/** Reads the user's settings; bad stored data is reported and the defaults are used meanwhile,
 * without overwriting what is stored. */
export async function readOwnDetectionSettings(): Promise<DetectionSettings> {
  const raw = await detectionSettings.getValue();
  try {
    return validateDetectionSettings(raw);
  } catch (error) {
    console.error(`[offhook] settings: stored detection settings are unreadable (${(error as Error).message}); using defaults`);
    return defaultDetectionSettings;
  }
}

/** The organization's rules as stored (none when unreadable). */
async function readPolicy(): Promise<DetectionPolicy> {
  return readDetectionPolicy(await detectionPolicy.getValue().catch(() => ({})));
}

/** The settings as they apply: the user's, with the organization's decisions over them. */
export async function readDetectionSettings(): Promise<EffectiveDetection> {
  const [own, policy] = await Promise.all([readOwnDetectionSettings(), readPolicy()]);
  return withDetectionPolicy(own, policy);
}

/** Calls `changed` whenever the user's or the organization's detection settings change
 * (the content scripts follow them through the loader's own reading, site-switch.ts). */
export function watchDetectionSettings(changed: () => void): () => void {
  const unwatch = [detectionSettings.watch(changed), detectionPolicy.watch(changed)];
  return () => unwatch.forEach((u) => u());
}

/**
 * Saves the user's choices from settings they were shown (which may carry the organization's
 * values): a field the organization decides keeps the user's own stored value, so it is theirs
 * again when the organization's rule is lifted.
 */
export async function saveDetectionSettings(next: EffectiveDetection): Promise<void> {
  const [own, rules] = await Promise.all([readOwnDetectionSettings(), readPolicy()]);
  await detectionSettings.setValue({
    enabled: rules.enabled === undefined ? next.enabled : own.enabled,
    disabledSites: next.disabledSites,
    defaultRegion: rules.defaultRegion === undefined ? next.defaultRegion : own.defaultRegion,
    handleCallLinks: next.handleCallLinks,
  });
}
