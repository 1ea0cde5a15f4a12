import {
  DETECTION_KEY,
  defaultDetectionSettings,
  validateDetectionSettings,
  type DetectionSettings,
} from '../shared/settings/detection-values';
import { extensionApi, type StorageChange } from './extension-api';

/** Stored data the loader cannot read counts as the defaults; the engine, once loaded, reports it. */
function readable(value: unknown): DetectionSettings {
  if (value === undefined) return defaultDetectionSettings;
  try {
    return validateDetectionSettings(value);
  } catch {
    return defaultDetectionSettings;
  }
}

/**
 * The detection settings as the loader needs them, read straight from storage.local (one
 * round trip, no storage library) and followed as they change, so that a site the user
 * switched off never loads the engine, and switching it back on loads it without a reload.
 */
export class SiteSwitch {
  /** The settings once read; undefined until then. */
  current: DetectionSettings | undefined;
  readonly ready: Promise<DetectionSettings>;
  private readonly onChanged = (changes: Record<string, StorageChange>, area: string) => {
    if (area !== 'local' || !(DETECTION_KEY in changes)) return;
    this.current = readable(changes[DETECTION_KEY]!.newValue);
    this.changed(this.current);
  };

  constructor(
    private readonly changed: (settings: DetectionSettings) => void,
    signal: AbortSignal,
  ) {
    const { storage } = extensionApi();
    this.ready = storage.local.get(DETECTION_KEY).then(
      (stored) => (this.current ??= readable(stored[DETECTION_KEY])),
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
