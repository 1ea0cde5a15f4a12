import type { Browser, Page } from 'puppeteer-core';
import { launchChromium, type LaunchedChromium } from '../../harness/browser';
import { launchFirefox, locationOf, type LaunchedFirefox } from '../../harness/firefox';
import { startKamailio, type KamailioOptions, type SipServer } from '../../harness/kamailio';
import { PARTY_ROUTES, Party, type PartyOptions } from '../../harness/party';
import { startStaticServer, type StaticServer } from '../../harness/static-server';
import { pollUntil } from '../../harness/poll';
import { waitForExtensionAudio, waitForSoftphone } from '../../harness/wait-for-softphone';
import type { PhoneSnapshot } from '../../../src/shared/phone/snapshot';
import { FIXTURES_DIR } from '../../e2e/support/world';

type Snapshot = PhoneSnapshot & { configured: boolean };

/**
 * The Firefox test world: a real Kamailio, Firefox ESR with the e2e build of the extension
 * installed, and the remote parties (real sip.js phones) in a separate Chromium. Firefox
 * gives WebDriver BiDi no way to navigate a tab to a moz-extension: page, so every
 * extension page is opened by the extension itself, from the welcome page it opens on
 * install (kept open as the "control" page); the background page's e2e hooks are reached
 * through runtime.getBackgroundPage().
 */
export class FirefoxWorld {
  private constructor(
    readonly server: SipServer,
    readonly statics: StaticServer,
    readonly firefox: LaunchedFirefox,
    readonly parties: LaunchedChromium,
    private readonly control: Page,
  ) {}

  static async start(
    extensionDir: string,
    opts: {
      prefs?: Record<string, unknown>;
      /** Kamailio's options, e.g. a platform's SIP domain and its users. */
      sip?: KamailioOptions;
      /** Firefox trusts any certificate, e.g. a stand-in's self-signed one (see launchFirefox). */
      acceptInsecureCerts?: boolean;
      /** The extension installed under this add-on id (see launchFirefox), e.g. for a policy of this run's own. */
      addonId?: string;
      /**
       * Runs once Kamailio is up and before Firefox starts, e.g. to write an enterprise
       * policies.json naming the server: Firefox reads its policies only at startup.
       */
      beforeFirefox?: (server: SipServer) => void | Promise<void>;
    } = {},
  ): Promise<FirefoxWorld> {
    const server = await startKamailio(opts.sip);
    let statics: StaticServer | undefined;
    let firefox: LaunchedFirefox | undefined;
    let parties: LaunchedChromium | undefined;
    try {
      statics = await startStaticServer({ ...PARTY_ROUTES, '/fixtures/': FIXTURES_DIR });
      await opts.beforeFirefox?.(server);
      firefox = await launchFirefox({ extensionDir, prefs: opts.prefs, acceptInsecureCerts: opts.acceptInsecureCerts, addonId: opts.addonId });
      const control = await waitForPage(firefox.browser, (url) => url === `${firefox!.origin}options.html#welcome`, 15_000);
      await control.evaluate(() => {
        const shown: string[] = ((window as unknown as { __shown: string[] }).__shown = []);
        const note = (id: string) => void (shown.includes(id) || shown.push(id));
        browser.notifications.onShown.addListener(note);
        browser.notifications.onClosed.addListener(note);
      });
      // The parties gather on the namespace's veth address only. With the loopback
      // interface as well, libwebrtc's loopback port was sometimes ready first and got a
      // reply from Firefox's offered address (Firefox answers checks before it has the
      // answer); libwebrtc stops gathering once a pair is writable, so about one instant
      // answer in thirty carried 127.0.0.1 alone. Firefox's ICE never pairs a loopback remote candidate with its own
      // non-loopback one, so it never connected and DTLS never began (bob: "ice connected,
      // connection connecting" for good).
      parties = await launchChromium({ loopbackMedia: false });
      return new FirefoxWorld(server, statics, firefox, parties, control);
    } catch (error) {
      await parties?.close();
      await firefox?.close();
      await statics?.stop();
      await server.stop();
      throw error;
    }
  }

  get browser(): Browser {
    return this.firefox.browser;
  }

  url(page: string): string {
    return `${this.firefox.origin}${page}`;
  }

  /** Opens one of the extension's pages in a new tab (the extension opens it: see above). */
  async openExtensionPage(page: string): Promise<Page> {
    const before = new Set(await this.browser.pages());
    const url = this.url(page);
    await this.control.evaluate((u) => void browser.tabs.create({ url: u }), url);
    return waitForPage(this.browser, (href) => href === url, 10_000, before);
  }

  /** Runs an e2e hook of the background page (`globalThis.__offhookE2E`, e2e builds only). */
  async hook<T>(name: string, ...args: unknown[]): Promise<T> {
    const json = await this.control.evaluate(
      async (n, a) => {
        const bg = (await browser.runtime.getBackgroundPage()) as unknown as {
          __offhookE2E: Record<string, (...x: unknown[]) => Promise<unknown>>;
        };
        return JSON.stringify((await bg.__offhookE2E[n]!(...a)) ?? null);
      },
      name,
      args,
    );
    return JSON.parse(json) as T;
  }

  softphone(withMedia = false): Promise<Snapshot> {
    return this.hook<Snapshot>('softphone', withMedia);
  }

  waitForSoftphone(predicate: (s: Snapshot) => boolean, what: string, timeoutMs = 15_000, withMedia = false): Promise<Snapshot> {
    return waitForSoftphone((m) => this.softphone(m), predicate, what, timeoutMs, withMedia);
  }

  waitForExtensionAudio(minBytes = 2000, timeoutMs = 15_000): Promise<{ bytesReceived: number; bytesSent: number }> {
    return waitForExtensionAudio((m) => this.softphone(m), minBytes, timeoutMs);
  }

  /** Sets up `username` the way a user does: options page, Allow microphone, Save. */
  async configureAccount(username: string, password?: string): Promise<Page> {
    const page = await this.openExtensionPage('options.html');
    await page.locator('.microphone .ok, .microphone .allow-mic').wait();
    if (await page.$('.allow-mic')) await page.locator('.allow-mic').click();
    await page.locator('.microphone .ok').wait();
    const user = this.server.users.find((u) => u.username === username);
    const fill = async (name: string, value: string) => {
      await page.locator(`#field-${name}`).fill(value);
    };
    await fill('server', this.server.wsUrl);
    await fill('username', username);
    await fill('password', password ?? user?.password ?? '');
    await fill('domain', this.server.domain);
    await fill('displayName', `${username[0]!.toUpperCase()}${username.slice(1)} Offhook`);
    await page.locator('button.save').click();
    await page.waitForFunction(() => /Saved\.|Not saved/.test(document.body.textContent ?? ''));
    return page;
  }

  async registerAs(username: string): Promise<void> {
    const options = await this.configureAccount(username);
    await options.waitForFunction(
      (text) => document.querySelector('.registration')?.textContent?.includes(text) ?? false,
      { timeout: 15_000 },
      `Registered as ${username}@${this.server.domain}`,
    );
    await options.close();
  }

  /**
   * The ids of every notification the extension has shown since the world started.
   * Headless Firefox has nowhere to show a notification and closes each one at once
   * (notifications.onClosed ~70 ms later), so getAll() cannot be used to look.
   */
  async notificationsShown(): Promise<string[]> {
    return this.control.evaluate(() => [...((window as unknown as { __shown?: string[] }).__shown ?? [])]);
  }

  /** A page the extension opened by itself (a window, a tab), found by its URL. */
  async waitForExtensionPage(match: (url: string) => boolean, before: Set<Page>, timeoutMs = 10_000): Promise<Page> {
    return waitForPage(this.browser, (href) => href.startsWith(this.firefox.origin) && match(href), timeoutMs, before);
  }

  /** A page of any origin that opened since `before` (e.g. a login page in the browser's auth window), found by its URL. */
  async waitForNewPage(match: (url: string) => boolean, before: Set<Page>, timeoutMs = 10_000): Promise<Page> {
    return waitForPage(this.browser, match, timeoutMs, before);
  }

  /** The extension's `identity.getRedirectURL()`: where an OAuth server sends a launchWebAuthFlow sign-in back to. */
  async identityRedirectURL(): Promise<string> {
    return this.control.evaluate(() => browser.identity.getRedirectURL());
  }

  async pages(): Promise<Set<Page>> {
    return new Set(await this.browser.pages());
  }

  async openPopup(query = ''): Promise<Page> {
    return this.openExtensionPage(`popup.html${query}`);
  }

  async party(username: string, opts?: PartyOptions): Promise<Party> {
    return Party.open(this.parties.context, this.statics.origin, this.server, username, opts);
  }

  async openFixture(name: string): Promise<Page> {
    const page = await this.browser.newPage();
    await page.goto(`${this.statics.origin}/fixtures/${name}`);
    return page;
  }

  /** The content script's `page:numbers` answer for the page's top frame, asked by the extension. */
  async numbersOn(page: Page): Promise<{ tel: string; text: string }[]> {
    await page.bringToFront();
    return this.control.evaluate(async () => {
      const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
      const reply = (await browser.tabs.sendMessage(tab!.id!, { offhook: 1, channel: 'page', type: 'page:numbers', payload: {} }, { frameId: 0 })) as {
        numbers: { tel: string; text: string }[];
      };
      return reply.numbers;
    });
  }

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

  /**
   * Hovers the number and returns where the card's Call button is. The card's shadow root is
   * closed and WebDriver BiDi cannot look inside (Chromium's suite uses CDP), so the page
   * finds the card's box by hit-testing (a closed root retargets to its host) and the
   * button is its last row, as wide as the card.
   */
  async showCard(page: Page, selector: string): Promise<{ x: number; y: number }> {
    await this.waitForNumbers(page, (n) => n.length >= 3, 'the numbers');
    const box = (await (await page.$(selector))!.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const handle = await page.waitForFunction(
      (right: number, top: number, bottom: number) => {
        const host = document.querySelector('offhook-ui');
        if (!host) return null;
        const hits: { x: number; y: number }[] = [];
        for (let x = right; x < right + 320; x += 4)
          for (let y = Math.max(0, top - 80); y < bottom + 80; y += 2)
            if (document.elementFromPoint(x, y) === host) hits.push({ x, y });
        if (hits.length === 0) return null;
        const left = Math.min(...hits.map((h) => h.x));
        const lowest = Math.max(...hits.map((h) => h.y));
        return { x: left + 24, y: lowest - 22 };
      },
      { timeout: 10_000, polling: 200 },
      box.x + box.width,
      box.y,
      box.y + box.height,
    );
    return (await handle.jsonValue())!;
  }

  /** Opens the click-to-call fixture and clicks Call on the card of `selector`'s number, as a
   * person does (the card's button acts once it has shown the number for 400 ms). */
  async callFromCard(selector: string): Promise<Page> {
    const page = await this.openFixture('click-to-call.html');
    const button = await this.showCard(page, selector);
    await page.mouse.move(button.x, button.y, { steps: 4 });
    await new Promise((r) => setTimeout(r, 450));
    await page.mouse.click(button.x, button.y);
    return page;
  }

  async close(): Promise<void> {
    await this.firefox.close();
    await this.parties.close();
    await this.statics.stop().catch(() => undefined);
    await this.server.stop().catch(() => undefined);
  }
}

/** Polls the browser's pages for a new one at `url` (asked of each page, see locationOf). */
async function waitForPage(browser: Browser, match: (url: string) => boolean, timeoutMs: number, skip = new Set<Page>()): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      if (skip.has(page)) continue;
      if (match(await locationOf(page))) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Timed out waiting for a page to open');
}

declare const browser: {
  tabs: {
    create(p: { url: string }): Promise<unknown>;
    query(q: object): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
  runtime: { getBackgroundPage(): Promise<unknown> };
  identity: { getRedirectURL(path?: string): string };
  notifications: {
    onShown: { addListener(l: (id: string) => void): void };
    onClosed: { addListener(l: (id: string) => void): void };
  };
};
