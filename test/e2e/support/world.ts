import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { extensionId, launchChromium, type LaunchedChromium } from '../../harness/browser';
import { startKamailio, type KamailioOptions, type SipServer } from '../../harness/kamailio';
import { PARTY_ROUTES, Party, type PartyOptions } from '../../harness/party';
import { startStaticServer, type StaticServer } from '../../harness/static-server';
import { pollUntil } from '../../harness/poll';
import { waitForExtensionAudio, waitForSoftphone } from '../../harness/wait-for-softphone';
import type { PhoneSnapshot } from '../../../src/shared/phone/snapshot';
import { attachTarget } from './target-session';
import { findNode, type CdpNode } from './cdp-nodes';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES_DIR = path.join(root, 'test/e2e/fixtures');

/**
 * One test world: a real Kamailio, a static server for the remote parties and fixture
 * pages, and Debian's Chromium with the built extension loaded. Everything is stopped by
 * `close()`, also after a failure.
 */
export class World {
  private constructor(
    readonly server: SipServer,
    readonly statics: StaticServer,
    readonly chromium: LaunchedChromium,
    readonly extensionId: string,
    /** The page the extension opened on install, if it did. */
    private welcome: Page | undefined,
  ) {}

  static async start(
    extensionDir: string,
    opts: {
      headless?: boolean;
      extraStatics?: Record<string, string>;
      lang?: string;
      sip?: KamailioOptions;
      extensionDebugging?: boolean;
      /** More Chromium flags, e.g. to trust a stand-in's certificate. */
      chromiumArgs?: string[];
      /** Run headed on this X display (and its session bus) instead of headless, so real
       * key presses, clicks and the desktop's notification server reach Chromium. */
      display?: HeadedDisplay;
    } = {},
  ): Promise<World> {
    const server = await startKamailio(opts.sip);
    let statics: StaticServer | undefined;
    let chromium: LaunchedChromium | undefined;
    try {
      statics = await startStaticServer({ ...PARTY_ROUTES, '/fixtures/': FIXTURES_DIR, ...opts.extraStatics });
      const headed = opts.display ? ['--ozone-platform=x11', '--window-position=0,0', '--window-size=1280,960'] : [];
      chromium = await launchChromium({
        extensionDir,
        headless: opts.display ? false : (opts.headless ?? true),
        extensionDebugging: opts.extensionDebugging,
        ...(opts.chromiumArgs || opts.display ? { extraArgs: [...headed, ...(opts.chromiumArgs ?? [])] } : {}),
        ...(opts.display ? { env: opts.display.env } : {}),
        ...(opts.lang ? { lang: opts.lang } : {}),
      });
      const id = await extensionId(chromium.context);
      const welcomeUrl = `chrome-extension://${id}/options.html#welcome`;
      const welcome =
        chromium.context.pages().find((p) => p.url() === welcomeUrl) ??
        (await chromium.context
          .waitForEvent('page', { predicate: (p) => p.url() === welcomeUrl, timeout: 5000 })
          .catch(() => undefined));
      const world = new World(server, statics, chromium, id, welcome);
      world.extensionDir = path.resolve(extensionDir);
      return world;
    } catch (error) {
      await chromium?.close();
      await statics?.stop();
      await server.stop();
      throw error;
    }
  }

  get context(): BrowserContext {
    return this.chromium.context;
  }

  url(page: string): string {
    return `chrome-extension://${this.extensionId}/${page}`;
  }

  /** Set when a test stopped the worker; Playwright's Worker object for it only answers
   * again once something wakes the worker. */
  private workerStopped = false;

  /** The extension's service worker, waking it if it was stopped. */
  async worker(): Promise<Worker> {
    const mine = (w: Worker) => w.url().startsWith(`chrome-extension://${this.extensionId}/`);
    if (this.workerStopped) {
      // Opening an extension page wakes the worker (its port connects).
      const page = await this.context.newPage();
      await page.goto(this.url('popup.html'));
      await this.waitForWorkerTarget(true);
      await page.close();
      this.workerStopped = false;
    }
    const found = this.context.serviceWorkers().find(mine);
    if (found) return found;
    return this.context.waitForEvent('serviceworker', { predicate: mine, timeout: 10_000 });
  }

  /** A CDP session for `page` (or any page: browser-wide domains), detached afterwards. */
  private async withCdp<T>(page: Page | undefined, use: (cdp: CDPSession) => Promise<T>): Promise<T> {
    const target = page ?? this.context.pages()[0] ?? (await this.context.newPage());
    const cdp = await this.context.newCDPSession(target);
    try {
      return await use(cdp);
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  private swTargets(): Promise<{ targetId: string; type: string; url: string }[]> {
    return this.withCdp(undefined, async (cdp) => {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { targetId: string; type: string; url: string }[];
      };
      return targetInfos.filter(
        (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${this.extensionId}/`),
      );
    });
  }

  /** A node inside the call card's closed shadow root (visible to CDP, not to page scripts). */
  private async cardNode(cdp: CDPSession, nodeName: string): Promise<CdpNode | undefined> {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findNode(root, (n) => n.nodeName === 'OFFHOOK-UI');
    return host && findNode(host, (n) => n.nodeName === nodeName);
  }

  private async waitForWorkerTarget(running: boolean): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if ((await this.swTargets()).length > 0 === running) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The service worker did not ${running ? 'start' : 'stop'}`);
  }

  private extensionDir = '';

  /**
   * Updates the extension in place, as the browser does for a new version: the same id, a
   * new service worker and offscreen document, and every old content script orphaned.
   * Needs a world started with `extensionDebugging`.
   */
  async reloadExtension(): Promise<void> {
    const browser = this.context.browser();
    if (!browser) throw new Error('No browser-wide CDP session for this context');
    const mine = (w: Worker) => w.url().startsWith(`chrome-extension://${this.extensionId}/`);
    const old = this.context.serviceWorkers().find(mine);
    const cdp = await browser.newBrowserCDPSession();
    try {
      const next = this.context.waitForEvent('serviceworker', { predicate: (w) => mine(w) && w !== old, timeout: 15_000 });
      const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: this.extensionDir } as never)) as { id: string };
      if (id !== this.extensionId) throw new Error(`The reloaded extension has another id (${id})`);
      await next;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  /** When configureAccount last clicked Save (for the demo's timings). */
  savedAt = 0;

  /** A world where `username` is already set up and registered, the way most tests begin. */
  static async startRegistered(extensionDir: string, username: string): Promise<World> {
    const world = await World.start(extensionDir);
    try {
      await world.registerAs(username);
      return world;
    } catch (error) {
      await world.close();
      throw error;
    }
  }

  /** Sets up `username` through the options page and waits until it is registered. */
  async registerAs(username: string, extra: { server?: string } = {}): Promise<void> {
    const options = await this.configureAccount(username, undefined, extra);
    await options.getByRole('status').filter({ hasText: `Registered as ${username}@${this.server.domain}` }).waitFor();
    await options.close();
  }

  /** The welcome page the extension opened on install, taken over by the caller. */
  takeWelcomePage(): Page | undefined {
    const page = this.welcome;
    this.welcome = undefined;
    return page;
  }

  /** Sets up the SIP account the way a user does: the options page, Allow microphone, Save. */
  async configureAccount(
    username: string,
    password?: string,
    extra: { displayName?: string; server?: string; expires?: number } = {},
  ): Promise<Page> {
    let page = this.welcome;
    this.welcome = undefined;
    if (!page) {
      page = await this.context.newPage();
      await page.goto(this.url('options.html'));
    }
    await page.waitForLoadState();
    // A person fills the form in the tab they look at; a background tab's timers are
    // throttled, which would slow everything it does.
    await page.bringToFront();
    const allowed = page.getByText('The microphone is allowed.');
    const allow = page.getByRole('button', { name: 'Allow microphone' });
    await allowed.or(allow).first().waitFor();
    if (await allow.isVisible()) await allow.click();
    await allowed.waitFor();
    const user = this.server.users.find((u) => u.username === username);
    await page.getByLabel('Server (WebSocket URL)').fill(extra.server ?? this.server.wsUrl);
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password ?? user?.password ?? '');
    await page.getByLabel('Domain').fill(this.server.domain);
    await page.getByLabel('Display name').fill(extra.displayName ?? `${username[0]!.toUpperCase()}${username.slice(1)} Offhook`);
    if (extra.expires !== undefined) {
      const field = page.getByLabel('Registration interval (seconds)');
      if (!(await field.isVisible())) await page.getByText('Advanced', { exact: true }).click();
      await field.fill(String(extra.expires));
    }
    this.savedAt = Date.now();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Saved\.|Not saved/).waitFor();
    return page;
  }

  /** The options page (a new tab unless `page`), microphone allowed, *Wazo Platform* chosen
   * and signed in by the form's labels, as a new Wazo user does; returns once Save answered. */
  async signInToWazo(server: string, login: string, password: string, page?: Page): Promise<Page> {
    let options = page ?? this.welcome;
    this.welcome = undefined;
    if (!options) {
      options = await this.context.newPage();
      await options.goto(this.url('options.html'));
    }
    await options.bringToFront();
    const allowed = options.getByText('The microphone is allowed.');
    const allow = options.getByRole('button', { name: 'Allow microphone' });
    await allowed.or(allow).first().waitFor();
    if (await allow.isVisible()) await allow.click();
    await allowed.waitFor();
    await options.getByLabel('Phone system').selectOption({ label: 'Wazo Platform (your Wazo login)' });
    await options.getByLabel('Wazo server').fill(server);
    await options.getByLabel('Wazo login').fill(login);
    await options.getByLabel('Wazo password').fill(password);
    this.savedAt = Date.now();
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText(/Saved\.|Not saved/).waitFor();
    return options;
  }

  async openPopup(forPage?: Page): Promise<Page> {
    const tab = forPage ? `?tab=${await this.tabIdOf(forPage)}` : '';
    const page = await this.context.newPage();
    await page.goto(this.url(`popup.html${tab}`));
    return page;
  }

  /** The address the toolbar button opens the popup at now (`action.getPopup`). */
  async toolbarPopupUrl(): Promise<string> {
    const worker = await this.worker();
    return worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getPopup(d: object): Promise<string> } } }).chrome.action.getPopup({}));
  }

  /** Opens the popup once registered, types `target` and presses Call, as a person does. */
  async dialFromPopup(target: string): Promise<Page> {
    const popup = await this.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await popup.getByLabel('Number').fill(target);
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    return popup;
  }

  /** The browser's tab id for a page (brought to front to find it). */
  async tabIdOf(page: Page): Promise<number> {
    await page.bringToFront();
    const worker = await this.worker();
    return worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: ChromeTabs }).chrome;
      const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
      return tab!.id!;
    });
  }

  /** The ids of the extension's desktop notifications on screen now. */
  async notificationIds(): Promise<string[]> {
    const worker = await this.worker();
    return worker.evaluate(async () =>
      Object.keys(await (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<object> } } }).chrome.notifications.getAll()),
    );
  }

  /** The softphone's own state, asked through the service worker as the coordinator does. */
  async softphone(withMedia = false): Promise<PhoneSnapshot & { configured: boolean }> {
    const worker = await this.worker();
    return worker.evaluate(async (withMedia) => {
      const reply = (await chrome.runtime.sendMessage({
        offhook: 1,
        channel: 'softphone',
        kind: 'request',
        type: 'softphone:snapshot',
        payload: { withMedia },
      })) as { ok: boolean; value: PhoneSnapshot & { configured: boolean }; error?: string };
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    }, withMedia);
  }

  waitForSoftphone(predicate: (s: PhoneSnapshot) => boolean, what: string, timeoutMs = 15_000, withMedia = false): Promise<PhoneSnapshot> {
    return waitForSoftphone((m) => this.softphone(m), predicate, what, timeoutMs, withMedia);
  }

  /** Bytes of audio received and sent by the extension's call, from getStats. */
  waitForExtensionAudio(minBytes = 2000, timeoutMs = 15_000): Promise<{ bytesReceived: number; bytesSent: number }> {
    return waitForExtensionAudio((m) => this.softphone(m), minBytes, timeoutMs);
  }

  async party(username: string, opts?: PartyOptions): Promise<Party> {
    return Party.open(this.context, this.statics.origin, this.server, username, opts);
  }

  /** A fixture page served on 127.0.0.1, opened in a new tab; `initScript` runs in the page
   * before any of the page's own scripts. */
  async openFixture(name: string, opts: { initScript?: string } = {}): Promise<Page> {
    const page = await this.context.newPage();
    if (opts.initScript) await page.addInitScript(opts.initScript);
    await page.goto(`${this.statics.origin}/fixtures/${name}`);
    return page;
  }

  /** The content script's answer to `page:numbers` for the page's top frame, asked from the
   * service worker as the extension does. The page is brought to front to find its tab. */
  async numbersOn(page: Page): Promise<{ tel: string; text: string }[]> {
    await page.bringToFront();
    const worker = await this.worker();
    return worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: ChromeTabs }).chrome;
      const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
      const reply = (await c.tabs.sendMessage(tab!.id!, { offhook: 1, channel: 'page', type: 'page:numbers', payload: {} }, { frameId: 0 })) as {
        numbers: { tel: string; text: string }[];
      };
      return reply.numbers;
    });
  }

  /** Every frame's report (as the popup collects them). */
  async frameReports(page: Page): Promise<{ top: boolean; url: string; numbers: { tel: string; text: string }[] }[]> {
    await page.bringToFront();
    const worker = await this.worker();
    return worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: ChromeTabs }).chrome;
      const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
      const port = c.tabs.connect(tab!.id!, { name: 'offhook-page' });
      const reports: { top: boolean; url: string; numbers: { tel: string; text: string }[] }[] = [];
      port.onMessage.addListener((m: unknown) => reports.push(m as (typeof reports)[number]));
      await new Promise((r) => setTimeout(r, 600));
      port.disconnect();
      return reports;
    });
  }

  /** Polls `numbersOn` until `accept` holds. */
  waitForNumbers(
    page: Page,
    accept: (numbers: { tel: string; text: string }[]) => boolean,
    what: string,
    timeoutMs = 10_000,
  ): Promise<{ tel: string; text: string }[]> {
    return pollUntil(
      () => this.numbersOn(page),
      accept,
      (last) => `Timed out waiting for numbers: ${what}. Last: ${JSON.stringify(last ?? [])}`,
      timeoutMs,
      [],
    );
  }

  /** Opens the click-to-call fixture and calls the number at `selector` as a person does: hover,
   * the card shows, the pointer moves to its Call button, a pause while it arms, a click. */
  async callFromCard(selector: string): Promise<Page> {
    const page = await this.openFixture('click-to-call.html');
    await this.waitForNumbers(page, (n) => n.length >= 3, 'the numbers');
    const box = await page.locator(selector).boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    const button = await pollUntil(() => this.callButtonCentre(page), (b) => b !== undefined, () => 'the call card did not show', 10_000);
    await page.mouse.move(button!.x, button!.y, { steps: 4 });
    // The button acts once the card has shown the number for 400 ms (call-card.test.ts).
    await new Promise((r) => setTimeout(r, 450));
    await page.mouse.click(button!.x, button!.y);
    return page;
  }

  /** The centre of the call card's button, found through CDP (the card's shadow root is
   * closed to page scripts, not to the browser's own protocol). */
  async callButtonCentre(page: Page): Promise<{ x: number; y: number } | undefined> {
    return this.withCdp(page, async (cdp) => {
      const button = await this.cardNode(cdp, 'BUTTON');
      if (!button) return undefined;
      const box = (await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId }).catch(() => undefined)) as
        | { model: { content: number[]; width: number; height: number } }
        | undefined;
      if (!box || box.model.width === 0) return undefined;
      const [x1, y1, , , x3, y3] = box.model.content as [number, number, number, number, number, number];
      return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
    });
  }

  /** The call card's text as a person reads it (number, type, button), through CDP. */
  async cardText(page: Page): Promise<string | undefined> {
    return this.withCdp(page, async (cdp) => {
      const card = await this.cardNode(cdp, 'DIV');
      if (!card) return undefined;
      const { outerHTML } = (await cdp.send('DOM.getOuterHTML', { backendNodeId: card.backendNodeId })) as { outerHTML: string };
      return outerHTML.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    });
  }

  /** 'ask' while the card asks the person to confirm a call, 'hover' for the hover card. */
  async cardMode(page: Page): Promise<string | undefined> {
    return this.withCdp(page, async (cdp) => {
      const card = await this.cardNode(cdp, 'DIV');
      if (!card) return undefined;
      const { outerHTML } = (await cdp.send('DOM.getOuterHTML', { backendNodeId: card.backendNodeId })) as { outerHTML: string };
      return /^<div[^>]*\bdata-mode="(\w+)"/.exec(outerHTML)?.[1];
    });
  }

  /** Stops the extension's service worker, as Chromium does when it is idle. */
  async stopServiceWorker(): Promise<void> {
    await this.worker();
    const [sw] = await this.swTargets();
    if (!sw) throw new Error('The extension has no running service worker to stop');
    await this.withCdp(undefined, (cdp) => cdp.send('Target.closeTarget', { targetId: sw.targetId }));
    await this.waitForWorkerTarget(false);
    this.workerStopped = true;
  }

  /**
   * The offscreen document over CDP (it is not a page to Playwright): its console lines and
   * uncaught errors as they happen, and `evaluate` for what a test must do inside it.
   */
  async attachSoftphone(): Promise<SoftphoneDebug> {
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    const cdp = await this.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; url: string }[] };
    const target = targetInfos.find((t) => t.url === this.url('offscreen.html'));
    if (!target) throw new Error('no offscreen document');
    const session = await attachTarget(cdp, target.targetId);
    const debug: SoftphoneDebug = {
      console: [],
      errors: [],
      evaluate: (expression) => session.evaluate(expression),
      detach: () => cdp.detach().catch(() => undefined),
    };
    session.onEvent((method, params) => {
      const p = params as { type?: string; args?: { value?: unknown; description?: string }[]; exceptionDetails?: { text?: string; exception?: { description?: string } } };
      if (method === 'Runtime.consoleAPICalled') {
        debug.console.push(`${p.type}: ${(p.args ?? []).map((a) => String(a.value ?? a.description ?? '')).join(' ')}`);
      } else if (method === 'Runtime.exceptionThrown') {
        const details = p.exceptionDetails;
        debug.errors.push(details?.exception?.description ?? details?.text ?? 'an uncaught error');
      }
    });
    await session.call('Runtime.enable');
    return debug;
  }

  async close(): Promise<void> {
    await this.chromium.close().catch(() => undefined);
    await this.statics.stop().catch(() => undefined);
    await this.server.stop().catch(() => undefined);
  }
}

/** An X display Chromium can run headed on (test/e2e-x11/support/x-session.ts starts one). */
export interface HeadedDisplay {
  /** DISPLAY, and DBUS_SESSION_BUS_ADDRESS when the display has a notification server. */
  env: Record<string, string>;
}

export interface SoftphoneDebug {
  /** "type: text" per console call, oldest first. */
  console: string[];
  /** Uncaught exceptions and unhandled rejections. */
  errors: string[];
  evaluate(expression: string): Promise<unknown>;
  detach(): Promise<void>;
}


interface ChromeTabs {
  tabs: {
    query(q: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
    connect(
      tabId: number,
      options: { name: string },
    ): { onMessage: { addListener(f: (m: unknown) => void): void }; disconnect(): void };
  };
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
