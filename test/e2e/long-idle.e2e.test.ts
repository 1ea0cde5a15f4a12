import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { World } from './support/world';

/** What the PBX grants, whatever the phone asks: hours of idle compressed into a minute. */
const GRANTED_S = 10;
/** How many granted periods the phone idles through. */
const PERIODS = 5;

// Long idle: the registration is renewed before every expiry the PBX grants, never lapses,
// and a call after the idle still rings and carries audio.
describe('long idle', () => {
  let world: World;
  let popup: Page;
  beforeAll(async () => {
    world = await World.start(inject('extensionDir'), { sip: { maxExpires: GRANTED_S } });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('asks for the registration interval set in the options', async () => {
    const options = await world.configureAccount('alice', undefined, { expires: 120 });
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    // The saved form shows the value back.
    await options.reload();
    await options.getByText('Advanced', { exact: true }).click();
    await expect(options.getByLabel('Registration interval (seconds)').inputValue()).resolves.toBe('120');
    await options.close();
    const asked = world.server.log().match(/OFFHOOK-REG user=alice .*$/gm) ?? [];
    expect(asked.at(-1)).toMatch(/expires=120\b/);
  });

  it('refuses an interval out of range, and keeps the saved one', async () => {
    const options = await world.configureAccount('alice', undefined, { expires: 5 });
    await options.getByText(/Enter a whole number of seconds from 60 to 3600/).waitFor();
    await options.close();
    expect((await world.softphone()).registration.state).toBe('registered');
  });

  it(`stays registered through ${PERIODS} granted periods of ${GRANTED_S} s, then still rings`, async () => {
    popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const okReplies = () => world.server.replies().filter((r) => r.method === 'REGISTER' && r.code === 200).length;

    const start = Date.now();
    let lastOk = okReplies();
    const okAt: number[] = [start];
    const notRegistered: string[] = [];
    while (Date.now() - start < PERIODS * GRANTED_S * 1000) {
      const state = await popup.locator('.status').getAttribute('data-state');
      if (state !== 'registered') notRegistered.push(`${Date.now() - start} ms: ${state}`);
      const ok = okReplies();
      if (ok > lastOk) okAt.push(Date.now());
      lastOk = ok;
      await new Promise((r) => setTimeout(r, 250));
    }
    okAt.push(Date.now());
    const gaps = okAt.slice(1).map((t, i) => t - okAt[i]!);
    const refreshes = okAt.length - 2;
    console.info(
      `long idle: ${((Date.now() - start) / 1000).toFixed(0)} s at ${GRANTED_S} s granted, ${refreshes} refreshes, ` +
        `longest gap ${Math.max(...gaps)} ms, ${notRegistered.length} samples not registered`,
    );
    expect(notRegistered).toEqual([]);
    // Renewed at 80 % of each grant; every gap (the last one still open) stays under the grant.
    expect(refreshes).toBeGreaterThanOrEqual(PERIODS - 1);
    expect(Math.max(...gaps)).toBeLessThan(GRANTED_S * 1000);
    // Kamailio never had to forget us: no REGISTER was refused and none was a fresh start.
    expect(world.server.replies().filter((r) => r.method === 'REGISTER' && r.code >= 400 && r.code !== 401)).toEqual([]);

    const bob = await world.party('bob');
    try {
      await bob.call('alice');
      await popup.locator('.call.incoming').waitFor({ timeout: 10_000 });
      await popup.getByRole('button', { name: 'Answer' }).click();
      await bob.waitForState('established');
      await bob.waitForAudio(2000);
      await world.waitForExtensionAudio(2000);
      await bob.hangup();
    } finally {
      await bob.close();
    }
  }, (PERIODS * GRANTED_S + 60) * 1000);
});
