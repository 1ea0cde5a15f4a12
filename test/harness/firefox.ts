// Launches Debian's Firefox ESR through puppeteer-core over WebDriver BiDi with a fresh
// profile, fake media, and the extension installed temporarily (as about:debugging does).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const DEFAULT_FIREFOX = '/usr/bin/firefox-esr';
export const GECKO_ID = 'offhook@offhook.dev';
/** Fixed so tests know the extension's origin before it is installed. */
export const EXTENSION_UUID = '6f0e4d7a-2b1c-4e8f-9a3d-0ff40000f1ef';

export const FIREFOX_PREFS: Readonly<Record<string, unknown>> = Object.freeze({
  // The fake microphone is a tone: real RTP, no device, no prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // Real host addresses in candidates instead of mDNS names nobody here can resolve.
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.autoplay.default': 0,
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
  // Nothing but loopback: no updates, telemetry, studies or remote settings.
  'app.update.enabled': false,
  'app.update.auto': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'extensions.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
});

export interface LaunchedFirefox {
  browser: Browser;
  origin: string;
  close(): Promise<void>;
}

export interface LaunchFirefoxOptions {
  extensionDir: string;
  prefs?: Record<string, unknown>;
  /**
   * Trusts any TLS certificate (the BiDi session's acceptInsecureCerts capability), for every
   * connection Firefox makes, the extension's fetch() and WebSocket included: a stand-in's
   * self-signed certificate. Default off.
   */
  acceptInsecureCerts?: boolean;
  /**
   * Installs a copy of the extension under this add-on id instead of GECKO_ID (same origin):
   * an enterprise policy for the id then concerns this run alone, not another Firefox that
   * runs the suite meanwhile on the same machine.
   */
  addonId?: string;
}

export async function launchFirefox(opts: LaunchFirefoxOptions): Promise<LaunchedFirefox> {
  const executablePath = process.env.FIREFOX_PATH || DEFAULT_FIREFOX;
  if (!existsSync(executablePath)) throw new Error(`Firefox not found at ${executablePath}: run \`apt-get install -y firefox-esr\``);
  const built = path.resolve(opts.extensionDir);
  if (!existsSync(path.join(built, 'manifest.json'))) throw new Error(`No manifest.json in ${built}: build the extension first`);
  const addonId = opts.addonId ?? GECKO_ID;
  const copy = addonId === GECKO_ID ? undefined : withAddonId(built, addonId);
  const dir = copy ?? built;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    protocol: 'webDriverBiDi',
    headless: true,
    extraPrefsFirefox: { ...FIREFOX_PREFS, 'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXTENSION_UUID }), ...opts.prefs },
    defaultViewport: { width: 1280, height: 800 },
    acceptInsecureCerts: opts.acceptInsecureCerts ?? false,
  });
  try {
    await browser.installExtension(dir);
  } catch (error) {
    await browser.close().catch(() => undefined);
    if (copy) rmSync(copy, { recursive: true, force: true });
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    browser,
    origin: `moz-extension://${EXTENSION_UUID}/`,
    close: () =>
      (closing ??= browser
        .close()
        .catch(() => undefined)
        .finally(() => copy && rmSync(copy, { recursive: true, force: true }))),
  };
}

/** A copy of the built extension whose manifest names `addonId` (browser_specific_settings.gecko.id). */
function withAddonId(built: string, addonId: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'offhook-firefox-ext-'));
  cpSync(built, copy, { recursive: true });
  const manifestPath = path.join(copy, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
  manifest.browser_specific_settings.gecko.id = addonId;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return copy;
}

/** The location of a page. BiDi reports an extension page's URL as about:blank, so ask the page. */
export async function locationOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => '');
}
