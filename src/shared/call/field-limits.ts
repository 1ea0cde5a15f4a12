import type { RemoteParty } from './call-info';

/**
 * The longest text Offhook keeps of what a caller sends about themselves. A far end chooses
 * its display name and address freely; past these lengths nobody reads them, and a flood of
 * megabyte names would otherwise fill every snapshot, notification and the history.
 */
export const FIELD_LIMITS = { displayName: 128, number: 64, uri: 256 } as const;

/** `text` cut to `max` characters (code points), marked with an ellipsis where it was cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** A remote party with every field within FIELD_LIMITS. */
export function capRemote(remote: RemoteParty): RemoteParty {
  return {
    uri: capText(remote.uri, FIELD_LIMITS.uri),
    number: capText(remote.number, FIELD_LIMITS.number),
    ...(remote.displayName ? { displayName: capText(remote.displayName, FIELD_LIMITS.displayName) } : {}),
    ...(remote.formatted ? { formatted: capText(remote.formatted, FIELD_LIMITS.number) } : {}),
  };
}
