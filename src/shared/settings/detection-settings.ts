import { storage } from 'wxt/utils/storage';
import { DETECTION_KEY, defaultDetectionSettings, validateDetectionSettings, type DetectionSettings } from './detection-values';

export { DETECTION_KEY, defaultDetectionSettings, isActiveOn, validateDetectionSettings, type DetectionSettings } from './detection-values';

export const detectionSettings = storage.defineItem<DetectionSettings>(`local:${DETECTION_KEY}`, {
  version: 1,
  fallback: defaultDetectionSettings,
});

/** Reads the settings; bad stored data is reported and the defaults are used meanwhile,
 * without overwriting what is stored. */
export async function readDetectionSettings(): Promise<DetectionSettings> {
  const raw = await detectionSettings.getValue();
  try {
    return validateDetectionSettings(raw);
  } catch (error) {
    console.error(`[offhook] settings: stored detection settings are unreadable (${(error as Error).message}); using defaults`);
    return defaultDetectionSettings;
  }
}
