/**
 * The URL patterns an admin lists for where Offhook marks numbers: the browsers' own match
 * pattern form (`https://*.example.com/*`, `*://crm.example.com/accounts/*`) or, shorter, a
 * host with its subdomains (`*.example.com`) or alone (`example.com`), any scheme and path.
 */
export interface SitePattern {
  /** '*' : http and https. */
  scheme: '*' | 'http' | 'https';
  /** The host; '' with `subdomains`: every host. */
  host: string;
  subdomains: boolean;
  /** The path (with its query), `*` matching anything; '/*' for every path. */
  path: RegExp;
}

const HOST = /^(\*|(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/;

/** The pattern, or undefined when it is not one of the forms above. */
export function parseSitePattern(text: string): SitePattern | undefined {
  const value = text.trim().toLowerCase();
  if (!value || value.length > 2048) return undefined;
  const full = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(value);
  const [scheme, host, path] = full ? [full[1]!, full[2]!, full[3]!] : ['*', value, '/*'];
  if (!HOST.test(host)) return undefined;
  const subdomains = host.startsWith('*');
  return {
    scheme: scheme as SitePattern['scheme'],
    host: subdomains ? host.replace(/^\*\.?/, '') : host,
    subdomains,
    path: new RegExp(`^${path.split('*').map(escape).join('.*')}$`),
  };
}

export function matchesSite(pattern: SitePattern, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const scheme = parsed.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') return false;
  if (pattern.scheme !== '*' && pattern.scheme !== scheme) return false;
  const host = parsed.hostname.toLowerCase();
  const hostOk = pattern.subdomains
    ? pattern.host === '' || host === pattern.host || host.endsWith(`.${pattern.host}`)
    : host === pattern.host;
  return hostOk && pattern.path.test(parsed.pathname + parsed.search);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
