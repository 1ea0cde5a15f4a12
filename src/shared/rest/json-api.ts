/**
 * A platform's JSON REST API as its providers call it (Genesys Cloud, Webex): a bearer token on
 * every request, a time limit, no cookies, a 429 waited out as the server's Retry-After asks (a
 * few times, never long), and every other failure turned into the platform's own error by
 * `failed`, with the server's message.
 */
export interface JsonApiOptions {
  /** e.g. https://api.mypurecloud.com */
  base: string;
  token(): string;
  /** The platform's error for a failed answer (status ≥ 400, or 0: unreachable; 429 after the retries). */
  failed(status: number, message: string, body: unknown): Error;
  fetchImpl?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export type JsonCall = (path: string, init?: RequestInit) => Promise<unknown>;

const TIMEOUT_MS = 10_000;
/** How often a 429 is waited out (its Retry-After, at most MAX_RETRY_AFTER_S) before giving up. */
const RATE_LIMIT_RETRIES = 2;
const MAX_RETRY_AFTER_S = 30;

export function jsonApi(opts: JsonApiOptions): JsonCall {
  const fetchImpl = opts.fetchImpl ?? ((...args) => fetch(...args));
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  return async (path, init = {}) => {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${opts.token()}` };
      if (init.body) headers['Content-Type'] = 'application/json';
      let response: Response;
      try {
        response = await fetchImpl(`${opts.base}${path}`, { ...init, headers, signal: AbortSignal.timeout(TIMEOUT_MS), credentials: 'omit' });
      } catch (error) {
        throw opts.failed(0, `${opts.base}: ${(error as Error).message}`, null);
      }
      if (response.ok) return response.status === 202 || response.status === 204 ? null : response.json().catch(() => null);
      const text = await response.text().catch(() => '');
      let body: unknown = null;
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        // Not JSON.
      }
      if (response.status === 429 && attempt < RATE_LIMIT_RETRIES) {
        await sleep(Math.min(Number(response.headers.get('Retry-After')) || 1, MAX_RETRY_AFTER_S) * 1000);
        continue;
      }
      throw opts.failed(response.status, messageOf(body) ?? (response.statusText || String(response.status)), body);
    }
  };
}

/** The message of an error body: { message }, OAuth's { error_description } / { description },
 * or Webex's { errors: [{ description }] }. */
function messageOf(body: unknown): string | undefined {
  const b = body as { message?: unknown; description?: unknown; error_description?: unknown; errors?: { description?: unknown }[] } | null;
  if (!b || typeof b !== 'object') return undefined;
  const nested = Array.isArray(b.errors) ? b.errors[0]?.description : undefined;
  for (const v of [b.message, b.error_description, b.description, nested]) if (typeof v === 'string' && v) return v;
  return undefined;
}
