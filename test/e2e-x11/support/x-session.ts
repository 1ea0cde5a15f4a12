// A desktop for the real-input suite: a virtual X display (Xvfb), a session bus with a real
// notification server on it (dunst), and xdotool to press keys and click as a person does.
// Chromium runs headed on it (World's `display` option), so a global shortcut reaches it by
// its X key grab, a key press by X's input, and chrome.notifications the desktop's server
// over D-Bus, as on a user's Linux desktop.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { HeadedDisplay } from '../../e2e/support/world';
import { firstBand, readXwd } from './xwd';

/** Each program this suite runs, and the Debian package it comes in. */
const PROGRAMS: Record<string, string> = {
  Xvfb: 'xvfb',
  xdotool: 'xdotool',
  xwd: 'x11-apps',
  xlogo: 'x11-apps',
  xwininfo: 'x11-utils',
  'dbus-daemon': 'dbus-daemon',
  dunst: 'dunst',
  dunstctl: 'dunst',
};

const onPath = (program: string) =>
  (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, program)));

/** The Debian packages missing for the real-input suite (empty when it can run). */
export function missingPackages(): string[] {
  return [...new Set(Object.entries(PROGRAMS).filter(([program]) => !onPath(program)).map(([, pkg]) => pkg))];
}

/** Why the suite is skipped, or undefined when it can run. Said once, loudly, with the fix. */
export function skipReason(): string | undefined {
  const missing = missingPackages();
  if (missing.length === 0) return undefined;
  const reason = `real-input suite SKIPPED: no X server or notification server here; missing Debian packages: ${missing.join(' ')} (apt-get install -y ${missing.join(' ')})`;
  console.warn(`offhook: ${reason}`);
  return reason;
}

/** How long any one start-up step may take before it fails with its name (never a hang). */
const START_TIMEOUT_MS = 10_000;

/** The title of the stand-in for "another application" that holds the focus. */
export const OTHER_APP = 'offhook-other-app';

export class XSession implements HeadedDisplay {
  private constructor(
    private readonly dir: string,
    private readonly processes: ChildProcess[],
    readonly display: string,
    readonly env: Record<string, string>,
  ) {}

  /** Starts Xvfb on a free display, a session bus and dunst; each within 10 s or it throws,
   * naming what did not start. */
  static async start(): Promise<XSession> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'offhook-x11-'));
    const processes: ChildProcess[] = [];
    try {
      // -displayfd: Xvfb picks a free display itself and writes its number, so two runs on one
      // machine never collide.
      const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp', '-noreset'], {
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      });
      processes.push(xvfb);
      const display = `:${(await firstLine(xvfb, 3, 'Xvfb (package xvfb) did not start a display')).trim()}`;

      const bus = spawn('dbus-daemon', ['--session', '--nofork', '--nosyslog', `--address=unix:path=${dir}/bus`, '--print-address=1'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      processes.push(bus);
      const address = (await firstLine(bus, 1, 'dbus-daemon (package dbus-daemon) did not start a session bus')).trim();
      const env = { DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: address, WAYLAND_DISPLAY: '' };

      await writeDunstConfig(dir);
      const dunst = spawn('dunst', ['-config', path.join(dir, 'dunstrc')], { env: { ...process.env, ...env }, stdio: 'ignore' });
      processes.push(dunst);
      const session = new XSession(dir, processes, display, env);
      await session.until(async () => (await session.run('dunstctl', ['is-paused']).catch(() => '')).trim() === 'false', 'dunst (package dunst) did not take the session bus');
      return session;
    } catch (error) {
      for (const p of processes.reverse()) p.kill();
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Runs `program` on this display; its stdout. Fails after 10 s. */
  run(program: string, args: string[]): Promise<string> {
    return new Promise((resolve, reject) =>
      execFile(program, args, { env: { ...process.env, ...this.env }, timeout: START_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) =>
        error ? reject(new Error(`${program} ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
      ),
    );
  }

  xdotool(...args: string[]): Promise<string> {
    return this.run('xdotool', args);
  }

  /** Presses a key combination, e.g. "ctrl+shift+1", on whatever window has the focus. */
  async key(combo: string): Promise<void> {
    await this.xdotool('key', '--clearmodifiers', combo);
  }

  async type(text: string): Promise<void> {
    await this.xdotool('type', '--delay', '40', text);
  }

  /** The title of the window that has the keyboard focus. */
  async focusedWindowName(): Promise<string> {
    return (await this.xdotool('getwindowfocus', 'getwindowname')).trim();
  }

  /** Opens another application's window (xlogo) and gives it the keyboard focus. */
  async focusOtherApplication(): Promise<void> {
    if (!(await this.windowNamed(`^${OTHER_APP}$`))) {
      const app = spawn('xlogo', ['-title', OTHER_APP, '-geometry', '300x200+1290+900'], { env: { ...process.env, ...this.env }, stdio: 'ignore' });
      this.processes.push(app);
      await this.until(async () => (await this.windowNamed(`^${OTHER_APP}$`)) !== undefined, 'xlogo (package x11-apps) opened no window');
    }
    await this.xdotool('windowfocus', '--sync', (await this.windowNamed(`^${OTHER_APP}$`))!);
    await this.until(async () => (await this.focusedWindowName()) === OTHER_APP, 'the other application did not get the focus');
  }

  /** Gives the browser window (the one whose title ends "- Chromium") the keyboard focus. */
  async focusBrowser(): Promise<string> {
    const id = await this.windowNamed(' - Chromium$');
    if (!id) throw new Error('no Chromium window on the display');
    await this.xdotool('windowfocus', '--sync', id);
    await this.until(async () => (await this.focusedWindowName()).endsWith(' - Chromium'), 'the Chromium window did not get the focus');
    return id;
  }

  private async windowNamed(pattern: string): Promise<string | undefined> {
    const found = await this.xdotool('search', '--onlyvisible', '--name', pattern).catch(() => '');
    return found.split('\n').find(Boolean);
  }

  /** Where the page's top-left corner is on the screen, found from a real pointer move. */
  async pageOrigin(page: Page): Promise<{ x: number; y: number }> {
    if ((await page.evaluate(() => devicePixelRatio)) !== 1) throw new Error('the page is zoomed: screen points would be off');
    await page.evaluate(() => {
      const w = window as unknown as { offhookOrigin?: [number, number] };
      w.offhookOrigin = undefined;
      addEventListener('mousemove', (e) => (w.offhookOrigin = [e.screenX - e.clientX, e.screenY - e.clientY]), { once: true, capture: true });
    });
    const geometry = await this.xdotool('getwindowgeometry', '--shell', await this.focusBrowser());
    const value = (name: string) => Number(new RegExp(`^${name}=(\\d+)`, 'm').exec(geometry)?.[1]);
    const [x, y] = [value('X') + value('WIDTH') / 2, value('Y') + value('HEIGHT') / 2];
    await this.xdotool('mousemove', String(x), String(y));
    await this.xdotool('mousemove', String(x + 3), String(y + 3));
    let origin: [number, number] | undefined;
    await this.until(async () => (origin = await page.evaluate(() => (window as unknown as { offhookOrigin?: [number, number] }).offhookOrigin)) !== undefined, 'the page saw no pointer move');
    return { x: origin![0], y: origin![1] };
  }

  /** Moves the pointer to the centre of `selector` on `page` and clicks `count` times with
   * `button` (1 left, 3 right); returns the screen point. */
  async clickOn(page: Page, selector: string, opts: { button?: 1 | 3; count?: number } = {}): Promise<{ x: number; y: number }> {
    const origin = await this.pageOrigin(page);
    const box = await page.locator(selector).boundingBox();
    if (!box) throw new Error(`${selector} is not on screen`);
    const point = { x: Math.round(origin.x + box.x + box.width / 2), y: Math.round(origin.y + box.y + box.height / 2) };
    await this.xdotool('mousemove', String(point.x), String(point.y));
    await this.xdotool('click', '--repeat', String(opts.count ?? 1), '--delay', '80', String(opts.button ?? 1));
    return point;
  }

  /**
   * In the context menu Chromium drew at `near` (a right-click's point), finds the row showing
   * the extension's icon (Offhook's green phone: the only saturated green in a menu) and clicks
   * it, as a person picks the item. Returns false if no menu or no such row showed.
   */
  async clickExtensionMenuItem(near: { x: number; y: number }): Promise<boolean> {
    let menu: { id: string; x: number; y: number } | undefined;
    await this.until(async () => (menu = await this.windowAt(near)) !== undefined, 'no context menu opened').catch(() => undefined);
    if (!menu) return false;
    const dump = path.join(this.dir, 'menu.xwd');
    await this.run('xwd', ['-id', menu.id, '-silent', '-out', dump]);
    const row = firstBand(readXwd(await readFile(dump)), ([r, g, b]) => g > 90 && g > r + 40 && g > b + 20);
    if (!row) return false;
    // On the item's label, right of its icon.
    const [x, y] = [menu.x + row.right + 60, menu.y + Math.round((row.top + row.bottom) / 2)];
    await this.xdotool('mousemove', String(x), String(y));
    await new Promise((r) => setTimeout(r, 200));
    await this.xdotool('click', '1');
    return true;
  }

  /** An unnamed viewable top-level window (a menu: override-redirect, drawn by Chromium) whose
   * corner is within a few pixels of `point`. */
  private async windowAt(point: { x: number; y: number }): Promise<{ id: string; x: number; y: number } | undefined> {
    const tree = await this.run('xwininfo', ['-root', '-children']);
    for (const m of tree.matchAll(/^\s+(0x[0-9a-f]+) \(has no name\): \(\)\s+(\d+)x(\d+)\+(-?\d+)\+(-?\d+)/gm)) {
      const [, id, w, h, x, y] = m as unknown as [string, string, string, string, string, string];
      if (Number(w) < 100 || Number(h) < 50) continue;
      if (Math.abs(Number(x) - point.x) > 8 || Math.abs(Number(y) - point.y) > 8) continue;
      if (/Map State: IsViewable/.test(await this.run('xwininfo', ['-id', id]))) return { id, x: Number(x), y: Number(y) };
    }
    return undefined;
  }

  /** How many notifications the notification server shows now. */
  async notificationsShown(): Promise<number> {
    return Number(/\d+/.exec(await this.run('dunstctl', ['count', 'displayed']))?.[0] ?? NaN);
  }

  /**
   * Picks `action` of the notification whose summary is `summary` in the notification server's
   * own action menu (dunst's context menu, answered by the picker script as a person picks a
   * line), so dunst invokes the action over D-Bus as it does for a user. Returns every action
   * the server offered for that notification, or [] if it showed none with that summary.
   */
  async chooseNotificationAction(summary: string, action: string): Promise<string[]> {
    const offered = path.join(this.dir, 'offered');
    await rm(offered, { force: true });
    await writeFile(path.join(this.dir, 'want'), `#${action} (${summary}) [`);
    await this.run('dunstctl', ['context']);
    let menu = '';
    await this.until(async () => (menu = await readFile(offered, 'utf8').catch(() => '')) !== '', 'dunst showed no action menu');
    // Lines read "#Answer (Incoming call) [2,0]": the label, the summary, dunst's ids.
    return [...menu.matchAll(/^#(.+) \((.+)\) \[[^\]]*\]$/gm)].filter((m) => m[2] === summary).map((m) => m[1]!);
  }

  async closeNotifications(): Promise<void> {
    await this.run('dunstctl', ['close-all']);
  }

  private async until(check: () => Promise<boolean>, what: string, timeoutMs = START_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    for (const p of this.processes.reverse()) p.kill();
    await Promise.all(this.processes.map((p) => (p.exitCode === null && p.signalCode === null ? new Promise((r) => p.once('exit', r)) : undefined)));
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** dunst as a desktop would run it, but with notifications that stay until acted on, and its
 * context menu ("dmenu") answered by a script that picks the line the test asked for. */
async function writeDunstConfig(dir: string): Promise<void> {
  const picker = path.join(dir, 'pick-action');
  await writeFile(
    picker,
    `#!/bin/sh
# dunst's action menu: one line per action on stdin; print the one that starts with ./want.
menu=$(cat)
want=$(cat '${dir}/want' 2>/dev/null)
printf '%s\\n' "$menu" | awk -v w="$want" 'index($0, w) == 1 { print; exit }'
printf '%s\\n' "$menu" > '${dir}/offered.tmp' && mv '${dir}/offered.tmp' '${dir}/offered'
`,
  );
  await chmod(picker, 0o755);
  const stay = (urgency: string) => `[urgency_${urgency}]\n    timeout = 0\n`;
  await writeFile(
    path.join(dir, 'dunstrc'),
    `[global]\n    dmenu = ${picker}\n    mouse_left_click = do_action\n    geometry = "320x5-10+10"\n    idle_threshold = 0\n` +
      ['low', 'normal', 'critical'].map(stay).join(''),
  );
}

/** The first line a child writes on file descriptor `fd`, within 10 s; else `failure`. */
function firstLine(child: ChildProcess, fd: number, failure: string): Promise<string> {
  const stream = child.stdio[fd] as NodeJS.ReadableStream | null;
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${failure} within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    child.once('error', (error) => (clearTimeout(timer), reject(new Error(`${failure}: ${error.message}`))));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${failure}: it exited (${code})`))));
    stream?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.split('\n')[0]!);
      }
    });
  });
}
