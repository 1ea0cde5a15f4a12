/**
 * Calls `read` every 150 ms until `accept` holds for what it returned, and returns that. A
 * failed read keeps the last value. On timeout, throws `failure(last)`.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  failure: (last: T | undefined) => string,
  timeoutMs: number,
  initial?: T,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = initial;
  while (Date.now() < deadline) {
    last = await read().catch(() => last);
    if (last !== undefined && accept(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(failure(last));
}
