import {
  DETECTION_KEY,
  DETECTION_POLICY_KEY,
  defaultDetectionSettings,
  readDetectionPolicy,
  detectionSettingsOrDefaults,
  withDetectionPolicy,
  type DetectionPolicy,
  type DetectionSettings,
  type EffectiveDetection,
} from '../shared/settings/detection-values';
import { extensionApi, type StorageChange } from './extension-api';

/**
 * The detection settings as the loader needs them, read straight from storage.local (one
 * round trip for the user's and the organization's, no storage library) and followed as they
 * change, so that a site switched off never loads the engine, and switching it back on loads
 * it without a reload.
 */
export class SiteSwitch {
  /** The settings once read (the user's, with the organization's over them); undefined until then. */
  current: EffectiveDetection | undefined;
  readonly ready: Promise<EffectiveDetection>;
  private own: DetectionSettings = defaultDetectionSettings;
  private policy: DetectionPolicy = {};
  private readonly onChanged = (changes: Record<string, StorageChange>, area: string) => {
    if (area !== 'local' || !(DETECTION_KEY in changes || DETECTION_POLICY_KEY in changes)) return;
    if (DETECTION_KEY in changes) this.own = detectionSettingsOrDefaults(changes[DETECTION_KEY]!.newValue);
    if (DETECTION_POLICY_KEY in changes) this.policy = readDetectionPolicy(changes[DETECTION_POLICY_KEY]!.newValue);
    this.current = withDetectionPolicy(this.own, this.policy);
    this.changed(this.current);
  };

  constructor(
    private readonly changed: (settings: EffectiveDetection) => void,
    signal: AbortSignal,
  ) {
    const { storage } = extensionApi();
    this.ready = storage.local.get([DETECTION_KEY, DETECTION_POLICY_KEY]).then(
      (stored) => {
        if (this.current) return this.current;
        this.own = detectionSettingsOrDefaults(stored[DETECTION_KEY]);
        this.policy = readDetectionPolicy(stored[DETECTION_POLICY_KEY]);
        return (this.current = withDetectionPolicy(this.own, this.policy));
      },
      () => (this.current ??= defaultDetectionSettings),
    );
    storage.onChanged.addListener(this.onChanged);
    signal.addEventListener('abort', () => {
      try {
        storage.onChanged.removeListener(this.onChanged);
      } catch {
        // orphaned after an update: the listener died with the old version
      }
    });
  }
}
