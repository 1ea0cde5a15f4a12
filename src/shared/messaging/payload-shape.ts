/** A payload's expected fields; `?` marks optional ones. Unknown fields are refused. */
export type Shape = Record<string, 'string' | 'string?' | 'number' | 'number?' | 'boolean' | 'boolean?' | 'object' | 'object?' | 'null|object'>;

/** Returns an error sentence, or undefined when `payload` has exactly this shape. */
export function checkShape(payload: unknown, shape: Shape): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'payload is not an object';
  const record = payload as Record<string, unknown>;
  // hasOwn, not `in`: "constructor" or "toString" are in every object but in no shape.
  for (const key of Object.keys(record)) if (!Object.hasOwn(shape, key)) return `unexpected field "${key}"`;
  for (const [key, spec] of Object.entries(shape)) {
    const value = record[key];
    const optional = spec.endsWith('?');
    if (value === undefined) {
      if (optional) continue;
      return `missing field "${key}"`;
    }
    const type = spec.replace('?', '');
    if (type === 'null|object') {
      if (value !== null && (typeof value !== 'object' || Array.isArray(value))) return `field "${key}" must be an object or null`;
    } else if (type === 'object') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return `field "${key}" must be an object`;
    } else if (typeof value !== type) {
      return `field "${key}" must be a ${type}`;
    }
  }
  return undefined;
}
