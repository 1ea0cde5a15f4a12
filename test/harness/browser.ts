// Launches Debian's Chromium through Playwright with a fresh profile, fake media devices
// and (optionally) an unpacked extension loaded.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export interface LaunchedChromium {
  context: BrowserContext;
  userDataDir: string;
  /** Closes the browser and removes the profile; idempotent. */
  close(): Promise<void>;
}

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // The fake mic is a beeping tone: real RTP, no device, no permission prompt.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  // Without this, ICE on a loopback-only host finds no candidate pair: the call reaches
  // Established but no audio flows.
  '--allow-loopback-in-peer-connection',
]);

const LOOPBACK_MEDIA_FLAG = '--allow-loopback-in-peer-connection';

/** Chromium's UI language for a locale such as "en-US" or "de": the flag and the environment
 * Chromium on Linux reads, so a run never depends on the machine's own language. */
function languageSettings(lang: string): { args: string[]; env: Record<string, string> } {
  const posix = lang.replace('-', '_');
  return { args: [`--lang=${lang}`], env: { LANGUAGE: posix, LANG: `${posix.includes('_') ? posix : `${posix}_${posix.toUpperCase()}`}.UTF-8` } };
}

export async function launchChromium(
  /** extensionDebugging: the CDP Extensions domain, so a test can update the extension in
   * place (`Extensions.loadUnpacked`); chrome.runtime.reload() leaves a command-line
   * extension disabled. */
  /** env: more environment for Chromium, e.g. the DISPLAY and session bus of a headed run. */
  /** loopbackMedia (default true): WebRTC gathers on the loopback interface too. Turn it off
   * where the host has another interface and the far end's ICE would not pair a loopback
   * candidate (Firefox: see firefox-world.ts). */
  opts: { extensionDir?: string; headless?: boolean; lang?: string; extensionDebugging?: boolean; extraArgs?: string[]; env?: Record<string, string>; loopbackMedia?: boolean } = {},
): Promise<LaunchedChromium> {
  const executablePath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run \`apt-get install -y chromium\``);
  }
  // English unless a test asks for another language: the tests read the faces' English text.
  const language = languageSettings(opts.lang ?? 'en-US');
  const flags = opts.loopbackMedia === false ? CHROMIUM_FLAGS.filter((f) => f !== LOOPBACK_MEDIA_FLAG) : CHROMIUM_FLAGS;
  const args = [...flags, ...language.args, ...(opts.extraArgs ?? [])];
  if (opts.extensionDir) {
    const dir = path.resolve(opts.extensionDir);
    if (!existsSync(path.join(dir, 'manifest.json'))) {
      throw new Error(`No manifest.json in extension dir ${dir}: build the extension first`);
    }
    args.push(`--disable-extensions-except=${dir}`, `--load-extension=${dir}`);
    if (opts.extensionDebugging) args.push('--enable-unsafe-extension-debugging');
  }

  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'offhook-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: opts.headless ?? true,
      args,
      env: { ...process.env, ...language.env, ...opts.env } as Record<string, string>,
      // Playwright's defaults switch extensions off; --headless in Chromium ≥ 132 is the
      // "new" headless, which runs extensions and their service workers.
      ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
      viewport: { width: 1280, height: 800 },
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    context,
    userDataDir,
    close: () =>
      (closing ??= (async () => {
        await context.close().catch(() => undefined);
        await rm(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
      })()),
  };
}

/** Waits for the extension's MV3 service worker and returns the extension's id. */
export async function extensionId(context: BrowserContext, timeoutMs = 10_000): Promise<string> {
  const isExtension = (url: string): boolean => url.startsWith('chrome-extension://');
  const worker =
    context.serviceWorkers().find((w) => isExtension(w.url())) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => isExtension(w.url()), timeout: timeoutMs }));
  return new URL(worker.url()).host;
}
