/** The work did not end in time. */
export class TimeoutError extends Error {}

/** `work`, or a TimeoutError after `ms`. */
export function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError('timeout')), ms)))]).finally(() => clearTimeout(timer));
}
