// Small statistics for noisy timings: medians and the spread around them.

export function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1]! + s[mid]!) / 2;
}

export function quantile(xs: readonly number[], q: number): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

/** "min–max" for a few runs, "p10–p90" for many (a few outliers say little). */
export function spread(xs: readonly number[]): [number, number] | undefined {
  if (xs.length === 0) return undefined;
  if (xs.length < 10) return [Math.min(...xs), Math.max(...xs)];
  return [quantile(xs, 0.1)!, quantile(xs, 0.9)!];
}

export function max(xs: readonly number[]): number | undefined {
  return xs.length ? Math.max(...xs) : undefined;
}

export function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

export const round = (x: number | undefined, digits = 1): number | undefined =>
  x === undefined || !Number.isFinite(x) ? undefined : Math.round(x * 10 ** digits) / 10 ** digits;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
