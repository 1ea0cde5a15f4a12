import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

interface Hooks {
  __offhookE2E: { command(name: string): Promise<void> };
}

// "Call the selection" (Alt+Shift+D) asks the one frame the person last used, by its frame id,
// and takes a selection only where the person pressed a key or the pointer: a frame's script
// that selects a number by itself gets nothing called.
describe('the call-selection shortcut', () => {
  let world: World;
  let bob: Party;
  let page: Page;
  const invites = () => world.server.requests('INVITE').filter((r) => r.from === 'alice').length;
  const shortcut = async () =>
    (await world.worker()).evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.command('call-selection'));

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob');
  });
  afterEach(async () => {
    await bob.leaveNoCall();
    await page?.close().catch(() => undefined);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  async function open() {
    page = await world.openFixture('selection.html');
    await world.waitForNumbers(page, (n) => n.length >= 1, 'the numbers');
    const frame = page.frames().find((f) => f.url().includes('selection-frame.html'))!;
    await expect.poll(() => frame.evaluate(() => getSelection()?.toString())).toBe('+1 415-555-0143');
  }

  it('calls nothing for a selection a frame’s script made', async () => {
    await open();
    const before = invites();
    await shortcut();
    await new Promise((r) => setTimeout(r, 1500));
    expect(invites()).toBe(before);
  });

  it('calls what the person selected in the frame they used, not another frame’s selection', async () => {
    await open();
    await page.locator('#bob-number').click({ clickCount: 3 });
    await shortcut();
    await bob.waitForState('ringing-in');
    expect(world.server.requests('INVITE').filter((r) => r.from === 'alice').at(-1)!.ruri).toMatch(/^sip:\+14155550142@/);
  });
});
