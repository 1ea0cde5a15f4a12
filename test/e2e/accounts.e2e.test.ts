import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

// Several accounts with one default: the default is the one registered at the PBX. Adding an
// account registers as it; "Use this account" switches back, and the PBX rings the new default
// (a real call from bob), not the old one.
describe('several accounts', () => {
  let world: World;
  let bob: Party;
  let options: Page;

  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    options = await world.configureAccount('alice');
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    bob = await world.party('bob');
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  /** bob calls `user`; whether Offhook rings for it (it is registered as `user`). */
  async function ringsFor(user: string): Promise<boolean> {
    const before = world.server.replies().length;
    await bob.call(user);
    try {
      const snap = await world.waitForSoftphone((s) => s.calls.some((c) => c.state === 'incoming'), `a call for ${user}`, 5000);
      await world.softphone();
      const call = snap.calls.find((c) => c.state === 'incoming')!;
      await (await world.worker()).evaluate(
        (id) => chrome.runtime.sendMessage({ offhook: 1, channel: 'softphone', kind: 'request', type: 'softphone:command', payload: { command: { action: 'decline', callId: id, status: 486 } } }),
        call.id,
      );
      await world.waitForSoftphone((s) => s.calls.length === 0, 'declined');
      return true;
    } catch {
      // 404 from the PBX: nobody is registered as `user`.
      expect(world.server.replies().slice(before).some((r) => r.code === 404 || r.code === 480)).toBe(true);
      return false;
    } finally {
      await bob.waitForState('terminated').catch(() => undefined);
    }
  }

  it('adding a second account stores both and registers as the new one', async () => {
    await options.getByRole('button', { name: 'Add another account' }).click();
    await expect(options.getByLabel('Username', { exact: true }).inputValue()).resolves.toBe('');
    await options.getByLabel('Server (WebSocket URL)').fill(world.server.wsUrl);
    await options.getByLabel('Username', { exact: true }).fill('carol');
    await options.getByLabel('Password', { exact: true }).fill('carol-secret');
    await options.getByLabel('Domain').fill(world.server.domain);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Registered as carol@offhook.test' }).waitFor();
    await expect(options.locator('.accounts li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-aor')))).resolves.toEqual([
      'alice@offhook.test',
      'carol@offhook.test',
    ]);
    await expect(options.locator('.accounts li[data-default]').getAttribute('data-aor')).resolves.toBe('carol@offhook.test');
    const popup = await world.openPopup();
    await popup.locator('.status').filter({ hasText: 'Registered as carol@offhook.test' }).waitFor();
    await popup.close();
    expect(await ringsFor('carol')).toBe(true);
    expect(await ringsFor('alice')).toBe(false);
  });

  it('switching the default re-registers: the popup and the PBX follow', async () => {
    await options.locator('.accounts li[data-aor="alice@offhook.test"]').getByRole('button', { name: 'Use this account' }).click();
    await options.locator('.message').filter({ hasText: 'Offhook is registering as alice@offhook.test.' }).waitFor();
    const popup = await world.openPopup();
    await popup.locator('.status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    await popup.close();
    expect(await ringsFor('alice')).toBe(true);
    expect(await ringsFor('carol')).toBe(false);
    // The password of each stored account was kept: switching needed none.
    await options.reload();
    await expect(options.locator('.accounts li[data-default]').getAttribute('data-aor')).resolves.toBe('alice@offhook.test');
  });

  it('removing the default falls back to the other account', async () => {
    await options.getByRole('button', { name: 'Remove account' }).click();
    await options.getByRole('status').filter({ hasText: 'Registered as carol@offhook.test' }).waitFor();
    await expect(options.locator('.accounts li').count()).resolves.toBe(1);
    await expect(options.getByLabel('Username', { exact: true }).inputValue()).resolves.toBe('carol');
  });
});

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
