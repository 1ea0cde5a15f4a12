import type { LogConnector } from 'sip.js/lib/api/user-agent-options.js';

/**
 * sip.js log lines pass through here. They can contain whole SIP messages, so anything
 * that could carry a credential is cut before the line reaches the console.
 */
export function redactSip(text: string): string {
  return text
    .replace(/^((?:Proxy-)?Authorization:).*$/gim, '$1 [redacted]')
    .replace(/\b(response|nonce|cnonce)="[^"]*"/gi, '$1="[redacted]"');
}

/** A hostile server can send a megabyte of garbage that sip.js then quotes: keep one line short. */
const MAX_LOGGED_CHARS = 2000;

/** Redacted, without control characters (a server's bytes must not forge console lines), and capped. */
export function logLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const clean = redactSip(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
  return clean.length > MAX_LOGGED_CHARS
    ? `${clean.slice(0, MAX_LOGGED_CHARS)}… (${clean.length - MAX_LOGGED_CHARS} more characters)`
    : clean;
}

export const sipLogConnector: LogConnector = (level, category, _label, content) => {
  if (level !== 'error' && level !== 'warn') return;
  const line = `[offhook] sip ${category}: ${logLine(content)}`;
  if (level === 'error') console.error(line);
  else console.warn(line);
};
