import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { World } from './support/world';

// The options page: Test connection reports the server's own answer, bad input is explained
// next to its field without losing what is saved, the password never comes back out, and
// removing the account unregisters.
describe('options page', () => {
  let world: World;
  let options: Page;
  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    options = await world.configureAccount('alice');
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
  });
  afterAll(async () => {
    await world?.close();
  });

  const message = () => options.locator('.message');

  it('Test connection reports 200 OK for the saved account (empty password field keeps it)', async () => {
    await options.getByRole('button', { name: 'Test connection' }).click();
    await message().filter({ hasText: 'Registered: 200 OK' }).waitFor();
  });

  it('Test connection reports the server’s 401 for a wrong password, and changes nothing', async () => {
    await options.getByLabel('Password', { exact: true }).fill('wrong');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await message().filter({ hasText: 'The server answered 401 Unauthorized: wrong username or password.' }).waitFor();
    await expect(options.locator('.registration').textContent()).resolves.toBe('Registered as alice@offhook.test');
    await options.getByLabel('Password', { exact: true }).fill('');
  });

  it('Test connection says when nothing listens at the address', async () => {
    const server = options.getByLabel('Server (WebSocket URL)');
    await server.fill('ws://127.0.0.1:9/ws');
    // Another server gets no stored password: it must be typed for the test too.
    await options.getByRole('button', { name: 'Test connection' }).click();
    await options.getByText(/The server or the user changed: enter the password again/).waitFor();
    await options.getByLabel('Password', { exact: true }).fill('alice-secret');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await message().filter({ hasText: 'Cannot reach ws://127.0.0.1:9/ws' }).waitFor({ timeout: 20_000 });
    await server.fill(world.server.wsUrl);
    await options.getByLabel('Password', { exact: true }).fill('');
  });

  it('explains invalid input next to the field and keeps the saved account working', async () => {
    const server = options.getByLabel('Server (WebSocket URL)');
    await server.fill('ws://pbx.example.com/ws');
    await options.getByLabel('Domain').fill('not a domain');
    await options.getByRole('button', { name: 'Save' }).click();
    await message().filter({ hasText: 'Not saved' }).waitFor();
    await expect(options.locator('#field-server-error').textContent()).resolves.toContain('only allowed for localhost');
    await expect(options.locator('#field-domain-error').textContent()).resolves.toContain('host name');
    await expect(server.getAttribute('aria-invalid')).resolves.toBe('true');

    const reloaded = await world.openPopup();
    await reloaded.locator('.status[data-state="registered"]').waitFor();
    await reloaded.close();
    await options.reload();
    await expect.poll(() => options.getByLabel('Server (WebSocket URL)').inputValue()).toBe(world.server.wsUrl);
    await expect.poll(() => options.getByLabel('Domain').inputValue()).toBe('offhook.test');
  });

  it('never gives the password back to a page or to content-script-readable storage', async () => {
    await expect(options.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
    await options.getByText('A password is saved. Leave empty to keep it.').waitFor();
    const html = await options.content();
    expect(html).not.toContain('alice-secret');
    const worker = await world.worker();
    const stored = await worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> }; sync: { get(k: null): Promise<unknown> } } } }).chrome;
      return JSON.stringify([await c.storage.local.get(null), await c.storage.sync.get(null)]);
    });
    expect(stored).not.toContain('alice-secret');
  });

  it('removing the account unregisters it at the server', async () => {
    const bob = await world.party('bob');
    try {
      const before = world.server.requests('REGISTER').filter((r) => r.from === 'alice').length;
      await options.getByRole('button', { name: 'Remove account' }).click();
      await message().filter({ hasText: 'Account removed' }).waitFor();
      await expect.poll(() => world.server.requests('REGISTER').filter((r) => r.from === 'alice').length).toBeGreaterThan(before);
      const popup = await world.openPopup();
      await popup.locator('.status[data-state="unconfigured"]').waitFor();
      await popup.close();
      // The server no longer knows where alice is.
      await bob.call('alice');
      await bob.waitForState('terminated');
      expect(await bob.lastFinalResponse()).toBe(404);
    } finally {
      await bob.close();
    }
  });
});
