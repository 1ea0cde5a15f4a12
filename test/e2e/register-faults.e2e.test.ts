import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { startBlackholeProxy } from '../harness/blackhole-proxy';
import { World } from './support/world';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The PBX answering REGISTER with something other than 200, and a balancer that takes the
// socket and drops it: the phone must come back by itself whenever the server will have it,
// never give up on a temporary answer, never storm a server that says no.
describe('registration through server faults', () => {
  let world: World;

  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    await world.takeWelcomePage()?.close();
  });
  afterEach(async () => {
    await world.server.answerRegisters(null);
  });
  afterAll(async () => {
    await world?.close();
  });

  const rejected = (code: number) =>
    world.server.replies().filter((r) => r.method === 'REGISTER' && r.code === code && r.source === 'local').length;
  const registersFrom = (user: string) => world.server.requests('REGISTER').filter((r) => r.from === user).length;

  it('keeps trying through 503 (no sooner than Retry-After), says it is reconnecting, and rings once the PBX is back', async () => {
    await world.server.answerRegisters(503, { retryAfter: 3, user: 'alice' });
    const options = await world.configureAccount('alice');
    const popup = await world.openPopup();
    const status = popup.locator('.status[data-state="failed"]');
    await status.filter({ hasText: 'Reconnecting: the server answered 503 Service Unavailable for now.' }).waitFor();
    await expect(status.textContent()).resolves.toMatch(/Retrying in [1-3] s\./);
    await popup.getByRole('button', { name: 'Retry now' }).waitFor();
    // The server asked for 3 s: at most one more try in the next 4.5 s (backoff alone would
    // have tried after 0.5, 1 and 2 s).
    const first = rejected(503);
    await pause(4500);
    expect(rejected(503) - first).toBeGreaterThanOrEqual(1);
    expect(rejected(503) - first).toBeLessThanOrEqual(2);

    // The PBX is back: registered without anyone pressing anything, and a call rings.
    await world.server.answerRegisters(null);
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 10_000 });
    const bob = await world.party('bob');
    try {
      await bob.call('alice');
      await popup.getByRole('button', { name: 'Answer', exact: true }).waitFor();
      await bob.cancel();
    } finally {
      await bob.close();
    }
    await popup.close();
    await options.close();
  });

  it.each([500, 408, 480, 504])('retries a %i the same way', async (code) => {
    await world.server.answerRegisters(code, { user: 'carol' });
    // Another registration interval each time, so that Save registers anew.
    const options = await world.configureAccount('carol', undefined, { expires: code });
    await options.getByRole('status').filter({ hasText: `Reconnecting: the server answered ${code}` }).waitFor();
    await expect.poll(() => rejected(code), { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await world.server.answerRegisters(null);
    await options.getByRole('status').filter({ hasText: 'Registered as carol@offhook.test' }).waitFor({ timeout: 10_000 });
    await options.close();
  });

  it('takes 403 as final: explained, and not retried', async () => {
    await world.server.answerRegisters(403, { user: 'bob' });
    const before = registersFrom('bob');
    const options = await world.configureAccount('bob');
    await options.getByRole('status').filter({ hasText: 'Not registered: The server refused this account (403 Forbidden).' }).waitFor();
    await pause(4000);
    expect(registersFrom('bob') - before).toBe(1);
    await options.close();
  });

  it('backs off from a balancer that accepts the socket and drops it, and registers once it lets through', async () => {
    const proxy = await startBlackholeProxy(world.server.wsUrl);
    try {
      proxy.dropAfterHandshake(true);
      const options = await world.configureAccount('alice', undefined, { server: proxy.wsUrl });
      await pause(12_000);
      // Doubling from 0.5 s: about five connections in 12 s. A backoff reset by every open
      // socket would be one every half second or so, twenty and more.
      expect(proxy.accepted()).toBeGreaterThanOrEqual(3);
      expect(proxy.accepted()).toBeLessThanOrEqual(6);

      proxy.dropAfterHandshake(false);
      const popup = await world.openPopup();
      await popup.getByRole('button', { name: 'Retry now' }).click();
      await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 10_000 });
      await popup.close();
      await options.close();
    } finally {
      await proxy.stop();
    }
  });
});
