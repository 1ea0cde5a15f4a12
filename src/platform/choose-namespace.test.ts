import { describe, expect, it, vi } from 'vitest';
import { chooseNamespace } from './choose-namespace';

describe('chooseNamespace', () => {
  it('uses the browser namespace when it has the extension id, without loading the polyfill', () => {
    const native = { runtime: { id: 'abcdefghijklmnop' } };
    const polyfill = vi.fn(() => ({ wrapped: true }));
    expect(chooseNamespace(native, polyfill)).toBe(native);
    expect(polyfill).not.toHaveBeenCalled();
  });

  it('falls back to the polyfill where there is no namespace, or one without an id (a web page)', () => {
    const wrapped = { wrapped: true };
    expect(chooseNamespace(undefined, () => wrapped)).toBe(wrapped);
    expect(chooseNamespace({}, () => wrapped)).toBe(wrapped);
    expect(chooseNamespace({ runtime: {} }, () => wrapped)).toBe(wrapped);
    expect(chooseNamespace({ runtime: { id: '' } }, () => wrapped)).toBe(wrapped);
  });
});
