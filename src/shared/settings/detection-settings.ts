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

/** The settings as they apply: the user's, with the organization's decisions over them. */
export async function readDetectionSettings(): Promise<EffectiveDetection> {
  const [own, policy] = await Promise.all([readOwnDetectionSettings(), detectionPolicy.getValue().catch(() => ({}))]);
  return withDetectionPolicy(own, readDetectionPolicy(policy));
}

/** Calls `changed` with the settings as they apply whenever the user's or the organization's
 * change: at once with the changed value (a page follows a switch before the popup asks it
 * again), the other part from a first reading. Bad stored data counts as the defaults. */
export function watchDetectionSettings(changed: (settings: EffectiveDetection) => void): () => void {
  let own: DetectionSettings | undefined;
  let policy: DetectionPolicy | undefined;
  const ready = Promise.all([
    readOwnDetectionSettings().then(
      (value) => (own ??= value),
      () => (own ??= defaultDetectionSettings),
    ),
    detectionPolicy.getValue().then(
      (value) => (policy ??= readDetectionPolicy(value)),
      () => (policy ??= {}),
    ),
  ]);
  const emit = () => {
    if (own && policy) changed(withDetectionPolicy(own, policy));
    else void ready.then(emit);
  };
  const unwatch = [
    detectionSettings.watch((value) => {
      try {
        own = validateDetectionSettings(value);
      } catch {
        own = defaultDetectionSettings;
      }
      emit();
    }),
    detectionPolicy.watch((value) => {
      policy = readDetectionPolicy(value);
      emit();
    }),
  ];
  return () => unwatch.forEach((u) => u());
}

/**
 * Saves the user's choices from settings they were shown (which may carry the organization's
 * values): a field the organization decides keeps the user's own stored value, so it is theirs
 * again when the organization's rule is lifted.
 */
export async function saveDetectionSettings(next: EffectiveDetection): Promise<void> {
  const [own, policy] = await Promise.all([readOwnDetectionSettings(), detectionPolicy.getValue().catch(() => ({}))]);
  const rules = readDetectionPolicy(policy);
  await detectionSettings.setValue({
    enabled: rules.enabled === undefined ? next.enabled : own.enabled,
    disabledSites: next.disabledSites,
    defaultRegion: rules.defaultRegion === undefined ? next.defaultRegion : own.defaultRegion,
    handleCallLinks: next.handleCallLinks,
  });
}
