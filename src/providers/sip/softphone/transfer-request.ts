/**
 * How long the user has to answer a transfer request before Offhook declines it for them.
 * The far end's REFER transaction gives up after 32 s (64 × T1), so the answer comes first.
 */
export const TRANSFER_PROMPT_MS = 20_000;

/** The part of a sip.js Referral this needs: where to, and the two answers. */
export interface ReferralLike {
  readonly referTo: { uri: ReferToUri };
  accept(): Promise<void>;
  reject(options: { statusCode: number }): Promise<void>;
}

interface ReferToUri {
  scheme: string;
  user?: string;
  host: string;
  headers: Record<string, string[]>;
  getParam(name: string): string | null | undefined;
  clone(): ReferToUri & { clearHeaders(): void; toString(): string };
}

export type ReferTarget = { ok: true; uri: string; user: string; host: string } | { ok: false; reason: string };

/**
 * Where a REFER asks the phone to go, if it is somewhere Offhook would call at all: a sip: or
 * sips: URI with a host, for an INVITE, carrying no URI header but Replaces (an attended
 * transfer). Anything else (another method, a Subject or a Call-Info smuggled into the INVITE,
 * a URI sip.js cannot parse) is refused before anyone is asked.
 */
export function referTarget(referral: Pick<ReferralLike, 'referTo'>): ReferTarget {
  let uri: ReferToUri;
  try {
    uri = referral.referTo.uri;
  } catch {
    return { ok: false, reason: 'unreadable Refer-To' };
  }
  const scheme = uri.scheme.toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips') return { ok: false, reason: `scheme ${scheme}` };
  if (!uri.host) return { ok: false, reason: 'no host' };
  const method = uri.getParam('method');
  if (method && method.toUpperCase() !== 'INVITE') return { ok: false, reason: `method ${method}` };
  const headers = Object.keys(uri.headers ?? {}).filter((h) => h.toLowerCase() !== 'replaces');
  if (headers.length > 0) return { ok: false, reason: `URI headers ${headers.join(', ')}` };
  const shown = uri.clone();
  shown.clearHeaders();
  return { ok: true, uri: shown.toString(), user: uri.user ?? '', host: uri.host };
}

interface Pending {
  referral: ReferralLike;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The transfer requests waiting for the user, one per call. Each is answered exactly once:
 * by the user, by the timeout (603), or because its call ended.
 */
export class TransferPrompts {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly expired: (callId: string) => void,
    private readonly timeoutMs = TRANSFER_PROMPT_MS,
  ) {}

  has(callId: string): boolean {
    return this.pending.has(callId);
  }

  /** Holds `referral` unanswered until the user decides or the time is up. */
  ask(callId: string, referral: ReferralLike): void {
    const timer = setTimeout(() => {
      const referral = this.take(callId);
      if (!referral) return;
      void referral.reject({ statusCode: 603 }).catch(() => undefined);
      this.expired(callId);
    }, this.timeoutMs);
    this.pending.set(callId, { referral, timer });
  }

  /** The user's answer; the referral to follow when accepted, undefined when none is waiting. */
  async answer(callId: string, accept: boolean): Promise<ReferralLike | undefined> {
    const referral = this.take(callId);
    if (!referral) return undefined;
    if (accept) await referral.accept();
    else await referral.reject({ statusCode: 603 });
    return referral;
  }

  /** The call ended first: the request goes with it. */
  drop(callId: string): void {
    void this.take(callId)?.reject({ statusCode: 603 }).catch(() => undefined);
  }

  private take(callId: string): ReferralLike | undefined {
    const entry = this.pending.get(callId);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.pending.delete(callId);
    return entry.referral;
  }
}
