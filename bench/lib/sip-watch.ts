// Stamps each SIP line Kamailio logs with the time the bench saw it. Kamailio's log has
// no clock of its own; reading its output every millisecond bounds the error to ~1–2 ms.
import type { SipServer } from '../../test/harness/kamailio';

export interface SipEvent {
  at: number;
  kind: 'req' | 'rpl';
  method: string;
  code?: number;
  from: string;
  to: string;
  callId: string;
  source?: string;
}

export class SipWatch {
  readonly events: SipEvent[] = [];
  private seen = 0;
  private timer: ReturnType<typeof setInterval>;

  constructor(private readonly server: SipServer) {
    this.timer = setInterval(() => this.read(), 1);
  }

  read(): void {
    const log = this.server.log();
    if (log.length === this.seen) return;
    const end = log.lastIndexOf('\n') + 1;
    if (end <= this.seen) return;
    const chunk = log.slice(this.seen, end);
    this.seen = end;
    const at = Date.now();
    for (const line of chunk.split('\n')) {
      const m = /OFFHOOK-(REQ|RPL) (.*)$/.exec(line);
      if (!m) continue;
      const f: Record<string, string> = {};
      for (const kv of m[2]!.matchAll(/(\w+)=(.*?)(?= \w+=|$)/g)) f[kv[1]!] = (kv[2] ?? '').trim();
      this.events.push({
        at,
        kind: m[1] === 'REQ' ? 'req' : 'rpl',
        method: f.method ?? '',
        code: f.code ? Number(f.code) : undefined,
        from: f.from ?? '',
        to: f.to ?? '',
        callId: f.callid ?? '',
        source: f.source,
      });
    }
  }

  after(t: number, match: (e: SipEvent) => boolean): SipEvent | undefined {
    this.read();
    return this.events.find((e) => e.at >= t && match(e));
  }

  async waitFor(t: number, match: (e: SipEvent) => boolean, timeoutMs = 10_000): Promise<SipEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const e = this.after(t, match);
      if (e) return e;
      if (Date.now() > deadline) throw new Error('SIP event not seen in time');
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
