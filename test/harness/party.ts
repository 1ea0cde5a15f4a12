// Drives the remote party page (party/party.html): a second, independent sip.js phone in
// another tab of the browser under test, registered on the same Kamailio.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import type { SipServer } from './kamailio.js';

export type PartyState = 'idle' | 'ringing-in' | 'calling' | 'established' | 'terminated';

export interface PartyAudio {
  bytesReceived: number;
  bytesSent: number;
  packetsReceived: number;
  /** Sum of received audio energy (RTCInboundRtpStreamStats.totalAudioEnergy). */
  totalAudioEnergy: number;
}

export interface PartyInvite {
  fromDisplayName?: string;
  fromUser?: string;
  fromUri?: string;
  callId?: string;
}

export interface PartyOptions {
  /** Answer every inbound call after ~300 ms (for demos and "callee picks up" tests). */
  autoAnswer?: boolean;
  /** Answer inbound INVITEs with 183 Session Progress and SDP (early media) before any answer. */
  earlyMedia?: boolean;
  /** Send the received audio back instead of the fake mic's beep. */
  echo?: boolean;
  /** Display name in our From header. */
  displayName?: string;
  /** Overrides the password from server.users, e.g. to test a failing registration. */
  password?: string;
  /**
   * REGISTER on open (default true). Without it the party only places calls, and needs no
   * password: any username will do, e.g. a caller from another domain.
   */
  register?: boolean;
  /** Host of our own address of record (default the server's domain), e.g. 'evil.example'. */
  domain?: string;
  /** Send a steady sine of this many Hz instead of the fake microphone's beep. */
  tone?: number;
  /** Puts every SIP message sent and received into events(). */
  traceSip?: boolean;
}

/** What the page's module exposes as window.party (see party/party.js). */
interface PartyPageApi {
  start(config: Record<string, unknown>): Promise<void>;
  call(target: string, extraHeaders?: string[]): Promise<void>;
  answer(): Promise<void>;
  decline(code: number): Promise<void>;
  cancel(answeredElsewhere?: boolean): Promise<void>;
  hangup(): Promise<void>;
  hold(onHold: boolean): Promise<number>;
  refer(target: string): Promise<number>;
  notify(target: string, event: string, contentType: string, body: string): Promise<number>;
  silence(on: boolean): void;
  close(): Promise<void>;
  state(): PartyState;
  registration(): string;
  lastFinalResponse(): number | undefined;
  lastInvite(): PartyInvite | undefined;
  referNotifies(): string[];
  audio(): Promise<PartyAudio>;
  events(): string[];
  remoteSdp(): string | undefined;
}

declare global {
  interface Window {
    party: PartyPageApi;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Static-server routes the party page needs; spread them into startStaticServer().
 * sip.js's lib/ uses only relative imports, so the browser loads it as ES modules as is.
 */
export const PARTY_ROUTES: Readonly<Record<string, string>> = Object.freeze({
  '/party/': path.join(here, 'party'),
  '/vendor/sip.js/': path.dirname(createRequire(import.meta.url).resolve('sip.js/package.json')),
});

export class Party {
  readonly uri: string;
  private readonly pageErrors: string[] = [];

  private constructor(
    readonly page: Page,
    readonly username: string,
    domain: string,
  ) {
    this.uri = `sip:${username}@${domain}`;
    page.on('pageerror', (error) => this.pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') this.pageErrors.push(`console.error: ${message.text()}`);
    });
  }

  /**
   * Opens the page on `origin` (a static server with PARTY_ROUTES) and registers; resolves
   * once registered (with `register: false`, once connected).
   */
  static async open(
    context: BrowserContext,
    origin: string,
    server: SipServer,
    username: string,
    opts: PartyOptions = {},
  ): Promise<Party> {
    const register = opts.register ?? true;
    const password = opts.password ?? server.users.find((u) => u.username === username)?.password;
    if (password === undefined && register) throw new Error(`Party.open: ${username} is not a user of this SIP server`);
    const page = await context.newPage();
    const party = new Party(page, username, opts.domain ?? server.domain);
    try {
      await page.goto(`${origin}/party/party.html`);
      await page.waitForFunction(() => typeof window.party === 'object', undefined, { timeout: 10_000 });
      await page.evaluate((config) => window.party.start(config), {
        wsUrl: server.wsUrl,
        domain: server.domain,
        aorDomain: opts.domain,
        register,
        username,
        password,
        displayName: opts.displayName,
        autoAnswer: opts.autoAnswer ?? false,
        echo: opts.echo ?? false,
        earlyMedia: opts.earlyMedia ?? false,
        traceSip: opts.traceSip ?? false,
        tone: opts.tone,
      });
    } catch (error) {
      const detail = await party.transcript();
      await page.close().catch(() => undefined);
      const what = register ? 'register' : 'start';
      throw new Error(`Party ${username} failed to ${what}: ${message(error)}\n${detail}`, { cause: error });
    }
    return party;
  }

  /** Starts an outbound INVITE to a SIP URI, user@host or bare user; resolves once sent. */
  call(target: string, extraHeaders: string[] = []): Promise<void> {
    return this.run('call', () => this.page.evaluate(([t, h]) => window.party.call(t, h), [target, extraHeaders] as const));
  }

  answer(): Promise<void> {
    return this.run('answer', () => this.page.evaluate(() => window.party.answer()));
  }

  decline(code: 486 | 603): Promise<void> {
    return this.run('decline', () => this.page.evaluate((c) => window.party.decline(c), code));
  }

  /** CANCEL while ringing; `answeredElsewhere` adds Reason: SIP;cause=200 as a PBX does. */
  cancel(answeredElsewhere = false): Promise<void> {
    return this.run('cancel', () => this.page.evaluate((e) => window.party.cancel(e), answeredElsewhere));
  }

  /** Sends BYE; only valid on an established call. */
  hangup(): Promise<void> {
    return this.run('hangup', () => this.page.evaluate(() => window.party.hangup()));
  }

  /** Ends whatever call a failed test may have left: declines, cancels or hangs up. */
  async leaveNoCall(): Promise<void> {
    const state = await this.state().catch(() => 'idle' as PartyState);
    if (state === 'ringing-in') await this.decline(486).catch(() => undefined);
    else if (state === 'calling') await this.cancel().catch(() => undefined);
    else if (state === 'established') await this.hangup().catch(() => undefined);
  }

  /**
   * Puts the peer on hold (or resumes) with an in-dialog re-INVITE; resolves with its
   * final status code once answered.
   */
  hold(onHold = true): Promise<number> {
    return this.run('hold', () => this.page.evaluate((h) => window.party.hold(h), onHold));
  }

  /**
   * Sends the peer an in-dialog REFER to `target` (SIP URI, user@host or bare user, as
   * call()); resolves with the REFER's final status code (202, 603, …).
   */
  refer(target: string): Promise<number> {
    return this.run('refer', () => this.page.evaluate((t) => window.party.refer(t), target));
  }

  /** An out-of-dialog NOTIFY to `target` (e.g. a voicemail summary); its final status. */
  notify(target: string, event: string, contentType: string, body: string): Promise<number> {
    return this.run('notify', () => this.page.evaluate(([t, e, c, b]) => window.party.notify(t, e, c, b), [target, event, contentType, body] as const));
  }

  /** First lines of the sipfrag bodies NOTIFYed about the last refer(), e.g. 'SIP/2.0 200 OK'. */
  referNotifies(): Promise<string[]> {
    return this.page.evaluate(() => window.party.referNotifies());
  }

  /** Stops (or restarts) sending sound on the current call; no re-INVITE. */
  silence(on = true): Promise<void> {
    return this.run('silence', () => this.page.evaluate((o) => window.party.silence(o), on));
  }

  /** How much sound this party hears over `ms` (received audio energy). */
  async energyOver(ms: number): Promise<number> {
    const before = (await this.audio()).totalAudioEnergy;
    await new Promise((r) => setTimeout(r, ms));
    return (await this.audio()).totalAudioEnergy - before;
  }

  state(): Promise<PartyState> {
    return this.page.evaluate(() => window.party.state());
  }

  /** 'unregistered' | 'registered' | 'failed' */
  registration(): Promise<string> {
    return this.page.evaluate(() => window.party.registration());
  }

  async waitForState(state: PartyState, timeoutMs = 10_000): Promise<void> {
    try {
      await this.page.waitForFunction((s) => window.party.state() === s, state, { timeout: timeoutMs, polling: 50 });
    } catch (error) {
      const now = await this.state().catch(() => 'unknown');
      throw new Error(
        `${this.username}: state ${state} not reached in ${timeoutMs} ms (is ${now}): ${message(error)}\n${await this.transcript()}`,
        { cause: error },
      );
    }
  }

  /** Status code of the final response to our last outbound INVITE (200, 486, …). */
  lastFinalResponse(): Promise<number | undefined> {
    return this.page.evaluate(() => window.party.lastFinalResponse());
  }

  lastInvite(): Promise<PartyInvite | undefined> {
    return this.page.evaluate(() => window.party.lastInvite());
  }

  /** The ICE username fragment of the other side, from the description last applied. */
  async remoteIceUfrag(): Promise<string | undefined> {
    return /^a=ice-ufrag:(\S+)/m.exec((await this.remoteSdp()) ?? '')?.[1];
  }

  /** The other side's session description as last applied: its offer, or its answer. */
  remoteSdp(): Promise<string | undefined> {
    return this.page.evaluate(() => window.party.remoteSdp());
  }

  /** RTP counters of the current (or last) call, from RTCPeerConnection.getStats(). */
  audio(): Promise<PartyAudio> {
    return this.page.evaluate(() => window.party.audio());
  }

  /** Waits until bytesReceived > minBytes. Assert on bytes: "established" alone proves no audio. */
  async waitForAudio(minBytes = 0, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = await this.audio();
    while (last.bytesReceived <= minBytes) {
      if (Date.now() > deadline) {
        throw new Error(
          `${this.username}: received ${last.bytesReceived} audio bytes, wanted > ${minBytes} within ${timeoutMs} ms ` +
            `(sent ${last.bytesSent})\n${await this.transcript()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      last = await this.audio();
    }
  }

  /** What happened on this side, one line each, with seconds since the page loaded. */
  async events(): Promise<string[]> {
    const fromPage = await this.page.evaluate(() => window.party.events()).catch(() => [] as string[]);
    return [...fromPage, ...this.pageErrors];
  }

  /** Unregisters and closes the page; idempotent, never throws. */
  async close(): Promise<void> {
    if (this.page.isClosed()) return;
    await this.page.evaluate(() => window.party?.close()).catch(() => undefined);
    await this.page.close().catch(() => undefined);
  }

  /** Runs one page action; a failure carries this side's transcript. */
  private async run<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new Error(`${this.username}.${what}() failed: ${message(error)}\n${await this.transcript()}`, { cause: error });
    }
  }

  private async transcript(): Promise<string> {
    const lines = await this.events().catch(() => [] as string[]);
    return `--- ${this.username} events ---\n${lines.join('\n')}`;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
