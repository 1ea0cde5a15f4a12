import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startBlackholeProxy } from '../harness/blackhole-proxy';
import { World } from './support/world';

// Staying registered through faults: a PBX restart, a long outage cut short by "Retry now",
// and the softphone's own document disappearing.
describe('recovery', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
  });
  afterAll(async () => {
    await world?.close();
  });

  const registers = () => world.server.requests('REGISTER').filter((r) => r.from === 'alice').length;

  it('re-registers by itself after the PBX restarts, and calls ring again', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const before = registers();
    const restarted = Date.now();
    await world.server.restart(1000);
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 15_000 });
    const recoveredMs = Date.now() - restarted;
    expect(registers()).toBeGreaterThan(before);
    console.info(`recovered from a PBX restart (1 s down) in ${recoveredMs} ms`);

    const bob = await world.party('bob');
    try {
      await bob.call('alice');
      await popup.locator('.call.incoming').waitFor();
      await popup.getByRole('button', { name: 'Answer' }).click();
      await bob.waitForState('established');
      await bob.waitForAudio(2000);
      await bob.hangup();
    } finally {
      await bob.close();
    }
    await popup.close();
  });

  it('shows when it will try again, and "Retry now" does not wait', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    // Down 10 s: the tries at about 0.5, 1.5, 3.5 and 7.5 s fail (±20 %), and the next is
    // due no sooner than 12.4 s, so when the server is back the person would have to wait.
    const outage = world.server.restart(10_000);
    await popup.locator('.status').filter({ hasText: /Cannot reach the server.*Retrying in \d+ s\./ }).waitFor({ timeout: 10_000 });
    await outage;
    // The server is back; the next scheduled try may be seconds away. The person need not wait.
    const clicked = Date.now();
    await popup.getByRole('button', { name: 'Retry now' }).click({ timeout: 2000 });
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 1500 });
    expect(Date.now() - clicked).toBeLessThan(1500);
    await popup.close();
  });

  it('notices a half-open connection within seconds and reconnects', async () => {
    const proxy = await startBlackholeProxy(world.server.wsUrl);
    try {
      await world.registerAs('alice', { server: proxy.wsUrl });
      const popup = await world.openPopup();
      await popup.locator('.status[data-state="registered"]').waitFor();
      const before = registers();

      proxy.blackhole();
      const cut = Date.now();
      // Keep-alive: an OPTIONS every 10 s, 4 s to answer; then a new socket and REGISTER.
      await expect.poll(registers, { timeout: 30_000, interval: 250 }).toBeGreaterThan(before);
      await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 5000 });
      const recoveredMs = Date.now() - cut;
      expect(recoveredMs).toBeLessThan(16_000);
      console.info(`recovered from a half-open connection in ${recoveredMs} ms`);
      await popup.close();
    } finally {
      await world.registerAs('alice');
      await proxy.stop();
    }
  });

  it('keeps a call through a signalling drop: audio goes on, and the far end’s hang-up still reaches us', async () => {
    const proxy = await startBlackholeProxy(world.server.wsUrl);
    const bob = await world.party('bob');
    try {
      await world.registerAs('alice', { server: proxy.wsUrl });
      const popup = await world.dialFromPopup('bob');
      await bob.waitForState('ringing-in');
      await bob.answer();
      await bob.waitForAudio(2000);

      const before = registers();
      proxy.cut();
      await expect.poll(registers, { timeout: 15_000 }).toBeGreaterThan(before);
      await popup.locator('.status[data-state="registered"]').waitFor();
      // Media never went through the WebSocket: it flows on.
      const heard = (await bob.audio()).bytesReceived;
      await new Promise((r) => setTimeout(r, 1500));
      expect((await bob.audio()).bytesReceived).toBeGreaterThan(heard + 1000);
      expect(await bob.state()).toBe('established');

      // The far end's requests find us on the new connection too: its BYE ends our call.
      await bob.hangup();
      await popup.locator('.ended').filter({ hasText: 'The other side hung up' }).waitFor({ timeout: 10_000 });
      await popup.close();
    } finally {
      await bob.close();
      await world.registerAs('alice');
      await proxy.stop();
    }
  });

  it('brings the softphone back when its document is gone, and says a call was lost', async () => {
    const bob = await world.party('bob');
    try {
      const popup = await world.dialFromPopup('bob');
      await bob.waitForState('ringing-in');
      await bob.answer();
      await popup.locator('.call.active .state').filter({ hasText: /Connected/ }).waitFor();
      await popup.close();

      const before = registers();
      const worker = await world.worker();
      await worker.evaluate(() => (globalThis as unknown as Chrome).chrome.offscreen.closeDocument());
      await worker.evaluate(() => (globalThis as unknown as Hooks).__offhookE2E.watchdog());

      await world.waitForSoftphone((s) => s.registration.state === 'registered' && s.calls.length === 0, 're-registered');
      expect(registers()).toBeGreaterThan(before);
      const ids = await worker.evaluate(async () => Object.keys(await (globalThis as unknown as Chrome).chrome.notifications.getAll()));
      expect(ids.some((id) => id.startsWith('lost:'))).toBe(true);
    } finally {
      await bob.close();
    }
  });
});

interface Chrome {
  chrome: {
    offscreen: { closeDocument(): Promise<void> };
    notifications: { getAll(): Promise<Record<string, boolean>> };
  };
}
interface Hooks {
  __offhookE2E: { watchdog(): Promise<void> };
}
