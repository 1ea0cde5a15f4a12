// Reads the SIP lines Kamailio logs, each with the time Kamailio received or sent the message
// (its `at=`, $TV(Sn): the wall clock the browser's Date.now() reads too). Stamping a line when
// the bench saw it instead added 4–6 ms: Kamailio's output reaches Node through a pipe, and
// Node's event loop is busy driving the browser (a trace of the click showed the INVITE leave
// the softphone's WebSocket 5 ms before the bench saw its line).
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
        at: f.at ? Number(f.at) * 1000 : at,
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
