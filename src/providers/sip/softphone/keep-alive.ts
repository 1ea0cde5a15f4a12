import { UserAgent } from 'sip.js';

export const KEEP_ALIVE_INTERVAL_MS = 10_000;
export const KEEP_ALIVE_DEADLINE_MS = 4_000;

/**
 * Detects a half-open connection (sleep and wake, a path silently dropped): every 10 s an
 * OPTIONS goes to the server, and any answer within 4 s proves the path works, so a dead
 * path is found within 14 s. Silence means the socket is dead even if the browser has not
 * noticed; `dead` is called to reconnect.
 * sip.js's own keep-alive sends CRLF pings but never checks that anything comes back.
 */
export class KeepAlive {
  private timer?: ReturnType<typeof setInterval>;
  private inFlight = false;

  constructor(
    private readonly ua: UserAgent,
    private readonly domain: string,
    private readonly dead: () => void,
    private readonly intervalMs = KEEP_ALIVE_INTERVAL_MS,
    private readonly deadlineMs = KEEP_ALIVE_DEADLINE_MS,
  ) {}

  start(): void {
    this.stop();
    this.timer = setInterval(() => void this.probe(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.inFlight = false;
  }

  /** One probe; resolves true when the server answered in time. */
  async probe(): Promise<boolean> {
    if (this.inFlight || !this.ua.isConnected()) return true;
    this.inFlight = true;
    const answered = await new Promise<boolean>((resolve) => {
      const deadline = setTimeout(() => resolve(false), this.deadlineMs);
      const done = () => {
        clearTimeout(deadline);
        resolve(true);
      };
      try {
        const core = this.ua.userAgentCore;
        const target = UserAgent.makeURI(`sip:${this.domain}`)!;
        const message = core.makeOutgoingRequestMessage('OPTIONS', target, this.ua.configuration.uri, target, {});
        core.request(message, { onAccept: done, onReject: done, onRedirect: done });
      } catch {
        clearTimeout(deadline);
        resolve(false);
      }
    });
    this.inFlight = false;
    if (!answered && this.timer !== undefined) this.dead();
    return answered;
  }
}
