import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { attachTarget } from '../e2e/support/target-session';
import { World } from '../e2e/support/world';
import { OTHER_APP, skipReason, XSession } from './support/x-session';

// The keyboard shortcuts, the context menu and the omnibox with real input: Chromium headed on
// a virtual X display, the extension as a user installs it (no test hook in the build), keys
// and clicks from xdotool through X itself. The global shortcuts are pressed while another
// application's window has the focus.
const skip = skipReason();

describe.skipIf(skip !== undefined)('real keys, clicks and menus', () => {
  let x: XSession;
  let world: World;
  let bob: Party;
  let page: Page | undefined;
  const invitesFromAlice = () => world.server.requests('INVITE').filter((r) => r.from === 'alice');

  beforeAll(async () => {
    x = await XSession.start();
    try {
      world = await World.start(inject('extensionDir'), { display: x });
      await world.registerAs('alice');
      bob = await world.party('bob');
    } catch (error) {
      await world?.close();
      await x.close();
      throw error;
    }
  });
  afterEach(async () => {
    await x.key('Escape').catch(() => undefined);
    await bob.leaveNoCall();
    await page?.close().catch(() => undefined);
    page = undefined;
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
    await x?.close();
  });

  /** The toolbar popups open now (CDP targets: Playwright does not list them as pages). */
  async function popupTargets(): Promise<{ targetId: string; url: string }[]> {
    const cdp = await world.context.newCDPSession(world.context.pages()[0]!);
    try {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
      const tabs = new Set(world.context.pages().map((p) => p.url()));
      return targetInfos.filter((t) => t.type === 'page' && t.url.startsWith(world.url('popup.html')) && !tabs.has(t.url));
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  /** The text a person reads in the toolbar popup `targetId`, once it shows `expected`. */
  async function popupText(targetId: string, expected: string): Promise<string> {
    const cdp = await world.context.newCDPSession(world.context.pages()[0]!);
    try {
      const popup = await attachTarget(cdp, targetId);
      let text = '';
      await expect
        .poll(async () => (text = await popup.evaluate<string>('document.body?.innerText ?? ""')).includes(expected), { timeout: 10_000 })
        .toBe(true);
      return text;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  /** Selects Bob's number with a real triple click; the click itself calls nobody. */
  async function selectBobsNumber(on: Page): Promise<void> {
    const before = invitesFromAlice().length;
    await x.clickOn(on, '#bob-number', { count: 3 });
    expect(await on.evaluate(() => getSelection()?.toString())).toContain('+1 415-555-0142');
    await new Promise((r) => setTimeout(r, 500));
    expect(invitesFromAlice().length).toBe(before);
  }

  async function fixtureWithNumbers(): Promise<Page> {
    const opened = await world.openFixture('click-to-call.html');
    await world.waitForNumbers(opened, (n) => n.length >= 3, 'the numbers');
    await opened.bringToFront();
    return opened;
  }

  it('is the build a user installs: no test hook, every shortcut bound by the browser', async () => {
    const worker = await world.worker();
    expect(await worker.evaluate(() => typeof (globalThis as { __offhookE2E?: unknown }).__offhookE2E)).toBe('undefined');
    const commands = await worker.evaluate(() => (globalThis as unknown as Chrome).chrome.commands.getAll());
    // A suggested key the browser refuses (one it keeps for itself) leaves the command unbound.
    expect(Object.fromEntries(commands.map((c) => [c.name, c.shortcut]))).toEqual({
      _execute_action: 'Alt+Shift+O',
      answer: 'Ctrl+Shift+1',
      hangup: 'Ctrl+Shift+2',
      'call-selection': 'Alt+Shift+D',
    });
  });

  it('Ctrl+Shift+1 answers a ringing call while another application has the focus; Ctrl+Shift+2 hangs up', async () => {
    await x.focusOtherApplication();
    await bob.call('alice');
    await expect.poll(() => world.notificationIds()).toEqual([expect.stringMatching(/^incoming:/)]);
    expect(await x.focusedWindowName()).toBe(OTHER_APP);

    // Chromium really is in the background: a shortcut that is not global does not reach it.
    await x.key('alt+shift+o');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await popupTargets()).toEqual([]);

    await x.key('ctrl+shift+1');
    await bob.waitForState('established');
    await bob.waitForAudio(2000);
    const audio = await world.waitForExtensionAudio(2000);
    expect(audio.bytesReceived).toBeGreaterThan(2000);
    expect(audio.bytesSent).toBeGreaterThan(2000);
    expect(await x.focusedWindowName()).toBe(OTHER_APP);

    await x.key('ctrl+shift+2');
    await bob.waitForState('terminated');
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended by the shortcut');
    expect(await x.focusedWindowName()).toBe(OTHER_APP);
  });

  it('Alt+Shift+O opens the toolbar popup, showing the phone registered', async () => {
    page = await fixtureWithNumbers();
    await x.focusBrowser();
    expect(await popupTargets()).toEqual([]);
    await x.key('alt+shift+o');
    await expect.poll(async () => (await popupTargets()).length, { timeout: 10_000 }).toBe(1);
    const [popup] = await popupTargets();
    // It lists the numbers of the page it was opened over.
    const text = await popupText(popup!.targetId, '+1 415 555 0143');
    expect(text).toContain('Registered as alice@offhook.test');
    await x.key('Escape');
    await expect.poll(async () => (await popupTargets()).length).toBe(0);
  });

  it('Alt+Shift+D calls the number the person selected', async () => {
    page = await fixtureWithNumbers();
    await selectBobsNumber(page);
    const before = invitesFromAlice().length;
    await x.key('alt+shift+d');
    await bob.waitForState('ringing-in');
    expect(invitesFromAlice().slice(before)[0]!.ruri).toMatch(/^sip:\+14155550142@/);
  });

  it('the context menu’s “Call …” on a selection, opened by a right-click, calls it', async () => {
    page = await fixtureWithNumbers();
    await selectBobsNumber(page);
    const before = invitesFromAlice().length;
    const point = await x.clickOn(page, '#bob-number', { button: 3 });
    expect(await x.clickExtensionMenuItem(point)).toBe(true);
    await bob.waitForState('ringing-in');
    expect(invitesFromAlice().slice(before)[0]!.ruri).toMatch(/^sip:\+14155550142@/);
  });

  it('“call” typed into the address bar, then a number and Enter, calls it', async () => {
    page = await fixtureWithNumbers();
    await x.focusBrowser();
    await x.key('ctrl+l');
    const before = invitesFromAlice().length;
    await x.type('call +1 415 555 0142');
    // Chromium takes "call " as the extension's keyword; give the suggestions a moment.
    await new Promise((r) => setTimeout(r, 500));
    await x.key('Return');
    await bob.waitForState('ringing-in');
    expect(invitesFromAlice().slice(before)[0]!.ruri).toMatch(/^sip:\+14155550142@/);
    // The tab stays on its page: the keyword did not navigate anywhere.
    expect(page.url()).toContain('/fixtures/click-to-call.html');
  });
});

interface Chrome {
  chrome: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } };
}
