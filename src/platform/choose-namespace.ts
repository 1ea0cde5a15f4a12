/** The extension API namespace: `native` when it is a working one (it has the extension's
 * id), else what `polyfill` returns; the polyfill is not loaded at all in the first case. */
export function chooseNamespace(native: unknown, polyfill: () => unknown): unknown {
  const id = (native as { runtime?: { id?: unknown } } | undefined)?.runtime?.id;
  return typeof id === 'string' && id !== '' ? native : polyfill();
}
