import type { Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Party } from '../harness/party';
import { aliceAndBob } from './support/alice-and-bob';
import type { World } from './support/world';

// "Call with Offhook" on tel:/sip: links (driven through the e2e hook: headless Chromium
// cannot open a context menu), and the keyboard shortcuts list with its way to the browser's
// shortcut page, in the popup and the options page.
describe('link menu and shortcuts', () => {
  let world: World;
  let bob: Party;
  const sw = (): Promise<Worker> => world.worker();
  const invites = () => world.server.requests('INVITE').filter((r) => r.from === 'alice');

  aliceAndBob((w, b) => {
    world = w;
    bob = b;
  });

  it('the browser accepted the link item, limited to call links', async () => {
    // update() rejects for an item that does not exist, e.g. if the URL patterns were refused.
    await expect((await sw()).evaluate(() => chrome.contextMenus.update('offhook-call-link', {}).then(() => 'ok'))).resolves.toBe('ok');
    await expect((await sw()).evaluate(() => chrome.contextMenus.update('offhook-call-selection', {}).then(() => 'ok'))).resolves.toBe('ok');
  });

  it('"Call with Offhook" on a tel: link dials its number', async () => {
    await (await sw()).evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.linkMenuClick('tel:+1-415-555-0142'));
    await bob.waitForState('ringing-in');
    expect(invites().at(-1)!.ruri).toMatch(/^sip:\+14155550142@/);
    await bob.decline(486);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
  });

  it('on a sip: link it dials the address without the link’s parameters or headers', async () => {
    await (await sw()).evaluate(() =>
      (globalThis as unknown as Hooks).__offhookE2E.linkMenuClick('sip:bob@offhook.test;transport=tcp?X-Evil=1&Subject=hi'),
    );
    await bob.waitForState('ringing-in');
    expect(invites().at(-1)!.ruri).toBe('sip:bob@offhook.test');
    await bob.decline(486);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
  });

  it('anything else from a link places no call', async () => {
    const before = invites().length;
    for (const href of ['https://evil.example/', 'javascript:alert(1)', 'tel:12;ext=<b>', 'sip:%0d%0aVia:x@evil'])
      await (await sw()).evaluate((h) => (globalThis as unknown as Hooks).__offhookE2E.linkMenuClick(h), href);
    await new Promise((r) => setTimeout(r, 1000));
    expect(invites().slice(before).map((r) => r.ruri)).toEqual([]);
  });

  it('the popup lists the shortcuts on request and opens the browser’s shortcut page', async () => {
    const popup = await world.openPopup();
    await popup.getByText('Keyboard shortcuts').click();
    const row = popup.locator('.shortcuts tr[data-command="_execute_action"]');
    await expect.poll(() => row.textContent()).toBe('Open the dialerAlt+Shift+O');
    await expect(popup.locator('.shortcuts tr[data-command="answer"]').textContent()).resolves.toContain('Ctrl+Shift+1');
    const opened = world.context.waitForEvent('page', { predicate: (p) => p.url().startsWith('chrome://extensions/shortcuts'), timeout: 10_000 });
    await popup.getByRole('button', { name: 'Change shortcuts' }).click();
    const page = await opened;
    await page.close();
    await popup.close();
  });

  it('the options page lists them too', async () => {
    const options = await world.context.newPage();
    await options.goto(world.url('options.html'));
    await expect.poll(() => options.locator('.shortcuts tr[data-command="hangup"]').textContent()).toContain('Ctrl+Shift+2');
    await expect(options.getByRole('button', { name: 'Change shortcuts' }).isVisible()).resolves.toBe(true);
    await options.close();
  });
});

interface Hooks {
  __offhookE2E: { linkMenuClick(href: string): Promise<void> };
}

declare const chrome: { contextMenus: { update(id: string, props: object): Promise<void> } };
