/**
 * The detection settings' shape, defaults and rules, apart from their storage item so that the
 * content script's loader can read them without the storage library (detection-settings.ts).
 */

/** Their key in storage.local. */
export const DETECTION_KEY = 'detection';

/**
 * How the content script finds and offers numbers. Not secret, so it lives in
 * storage.local where content scripts can read it and react to changes at once.
 */
export interface DetectionSettings {
  /** The global switch. */
  enabled: boolean;
  /** Hostnames where the user turned Offhook off. */
  disabledSites: string[];
  /** ISO 3166 alpha-2 region for national-format numbers when the page does not say;
   * empty until set, then the browser's UI locale decides. */
  defaultRegion: string;
  /** Route clicks on tel:/callto:/sip: links to Offhook instead of the operating system. */
  handleCallLinks: boolean;
}

export const defaultDetectionSettings: DetectionSettings = {
  enabled: true,
  disabledSites: [],
  defaultRegion: '',
  handleCallLinks: true,
};

export function validateDetectionSettings(value: unknown): DetectionSettings {
  if (typeof value !== 'object' || value === null) throw new Error('detection settings are not an object');
  const v = value as Record<string, unknown>;
  if (typeof v.enabled !== 'boolean') throw new Error('enabled is not true/false');
  if (!Array.isArray(v.disabledSites) || !v.disabledSites.every((s) => typeof s === 'string'))
    throw new Error('disabledSites is not a list of host names');
  if (typeof v.defaultRegion !== 'string' || !/^([A-Z]{2})?$/.test(v.defaultRegion))
    throw new Error('defaultRegion is not a two-letter region');
  if (typeof v.handleCallLinks !== 'boolean') throw new Error('handleCallLinks is not true/false');
  return {
    enabled: v.enabled,
    disabledSites: v.disabledSites as string[],
    defaultRegion: v.defaultRegion,
    handleCallLinks: v.handleCallLinks,
  };
}

export function isActiveOn(settings: DetectionSettings, hostname: string): boolean {
  return settings.enabled && !settings.disabledSites.includes(hostname.toLowerCase());
}
