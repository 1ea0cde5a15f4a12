import { matchesSite, parseSitePattern } from './site-patterns';

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

/** Stored settings, or the defaults for data that cannot be read (the options page and the
 * popup report such data: they read through readOwnDetectionSettings). */
export function detectionSettingsOrDefaults(value: unknown): DetectionSettings {
  if (value === undefined) return defaultDetectionSettings;
  try {
    return validateDetectionSettings(value);
  } catch {
    return defaultDetectionSettings;
  }
}

/** Their key in storage.local: the organization's part, written only by the coordinator from
 * the managed policy (none there: no policy). Kept apart from the user's own settings, so the
 * user's choices are theirs again once the organization's rule is lifted. */
export const DETECTION_POLICY_KEY = 'detectionPolicy';

/** What the organization decided for detection; a field left out is the user's to choose. */
export interface DetectionPolicy {
  enabled?: boolean;
  defaultRegion?: string;
  /** URL patterns (site-patterns.ts): when given, numbers are marked only on these sites. */
  allowSites?: string[];
  /** URL patterns where numbers are never marked; wins over the allow list. */
  denySites?: string[];
}

/** The settings as they apply: the user's, with what the organization decided over them. */
export type EffectiveDetection = DetectionSettings & { policy?: DetectionPolicy };

/** The stored policy, or none: the coordinator checked it before storing (managed-policy.ts). */
export function readDetectionPolicy(value: unknown): DetectionPolicy {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const list = (x: unknown) => (Array.isArray(x) && x.every((s) => typeof s === 'string') ? (x as string[]) : undefined);
  const allowSites = list(v.allowSites);
  const denySites = list(v.denySites);
  return {
    ...(typeof v.enabled === 'boolean' ? { enabled: v.enabled } : {}),
    ...(typeof v.defaultRegion === 'string' && /^[A-Z]{2}$/.test(v.defaultRegion) ? { defaultRegion: v.defaultRegion } : {}),
    ...(allowSites ? { allowSites } : {}),
    ...(denySites ? { denySites } : {}),
  };
}

export function withDetectionPolicy(settings: DetectionSettings, policy: DetectionPolicy): EffectiveDetection {
  if (Object.keys(policy).length === 0) return settings;
  return {
    ...settings,
    ...(policy.enabled !== undefined ? { enabled: policy.enabled } : {}),
    ...(policy.defaultRegion !== undefined ? { defaultRegion: policy.defaultRegion } : {}),
    policy,
  };
}

/**
 * Whether numbers are marked on the page at `url` (a page URL, or a bare host name for a
 * page with none), and if not, why:
 * - 'organization-off': the organization turned Offhook off; 'denied': it listed this site
 *   as off; 'not-allowed': it lists the sites Offhook runs on and this is not one;
 * - 'off': the user turned it off everywhere; 'site-off': the user turned this site off.
 * The organization's lists win over the user's switches.
 */
export type SiteRule = 'on' | 'organization-off' | 'denied' | 'not-allowed' | 'off' | 'site-off';

export function siteRule(settings: EffectiveDetection, url: string): SiteRule {
  const page = url.includes('://') ? url : `https://${url}/`;
  const policy = settings.policy;
  if (policy?.enabled === false) return 'organization-off';
  if (policy?.denySites?.some((p) => matches(p, page))) return 'denied';
  const allowed = policy?.allowSites?.some((p) => matches(p, page));
  if (policy?.allowSites?.length && !allowed) return 'not-allowed';
  if (allowed) return 'on';
  if (!settings.enabled) return 'off';
  if (settings.disabledSites.includes(hostOf(page))) return 'site-off';
  return 'on';
}

export function isActiveOn(settings: EffectiveDetection, url: string): boolean {
  return siteRule(settings, url) === 'on';
}

function matches(pattern: string, url: string): boolean {
  const parsed = parseSitePattern(pattern);
  return parsed !== undefined && matchesSite(parsed, url);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
