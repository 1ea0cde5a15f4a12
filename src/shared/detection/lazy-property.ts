/**
 * Gives `target` an enumerable property `key` computed on first read and then kept as a plain
 * value. For what most matches never need (the display format and the number type cost more
 * than finding the number; only a hovered number's card or the popup's list reads them), while
 * the object still looks and compares like a plain one.
 */
export function lazyProperty<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get(): T[K] {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
    set(value: T[K]) {
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
    },
  });
}
