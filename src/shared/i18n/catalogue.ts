/** The shape of a messages.json file (Chrome/Firefox i18n). */
export type Catalogue = Record<string, { message: string; description?: string }>;

/**
 * What browser.i18n.getMessage does with a catalogue entry: `$1`…`$9` become the
 * substitutions and `$$` a dollar sign. Unit tests use it to stand in for the browser.
 */
export function formatMessage(catalogue: Catalogue, key: string, subs: readonly string[] = []): string {
  const entry = catalogue[key];
  if (!entry) return '';
  return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (subs[Number(which) - 1] ?? '')));
}

/** The `$n` substitutions a message uses, for checking that translations keep them. */
export function substitutionsOf(message: string): number[] {
  return [...new Set([...message.matchAll(/\$([1-9])/g)].map((m) => Number(m[1])))].sort();
}
