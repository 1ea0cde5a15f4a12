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

export const sipLogConnector: LogConnector = (level, category, _label, content) => {
  if (level !== 'error' && level !== 'warn') return;
  const line = `[offhook] sip ${category}: ${redactSip(content)}`;
  if (level === 'error') console.error(line);
  else console.warn(line);
};
