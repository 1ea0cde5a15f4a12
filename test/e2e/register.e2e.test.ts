import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { World } from './support/world';

// Scenario 1: registration as the user sees it in the popup, and a wrong password that is
// explained instead of retried.
describe('registration', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
  });
  afterAll(async () => {
    await world?.close();
  });

  it('shows "Registered as" in the popup after saving good credentials', async () => {
    const options = await world.configureAccount('alice');
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await expect(popup.locator('.status').textContent()).resolves.toBe('Registered as alice@offhook.test');
    const registers = world.server.requests('REGISTER').filter((r) => r.from === 'alice');
    expect(registers.length).toBeGreaterThanOrEqual(1);
    await popup.close();
    await options.close();
  });

  it('explains a wrong password and does not retry in a loop', async () => {
    const before = world.server.requests('REGISTER').filter((r) => r.from === 'bob').length;
    const options = await world.configureAccount('bob', 'not-the-password');
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="failed"]').waitFor({ timeout: 10_000 });
    const text = await popup.locator('.status').textContent();
    expect(text).toContain('Wrong username or password');
    expect(text).toContain('401');
    // Give a retry storm time to show itself, then count.
    await new Promise((r) => setTimeout(r, 4000));
    const registers = world.server.requests('REGISTER').filter((r) => r.from === 'bob').length - before;
    expect(registers).toBeGreaterThanOrEqual(1);
    expect(registers).toBeLessThanOrEqual(2);
    await popup.close();
    await options.close();
  });
});
