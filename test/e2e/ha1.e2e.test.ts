import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { World } from './support/world';

// An account stored with HA1 instead of the password: it registers and calls, and neither
// the HA1 nor the password is ever given back to the options page.
describe('HA1 instead of the password', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
  });
  afterAll(async () => {
    await world?.close();
  });

  it('registers with only the HA1 stored, and says an HA1 is saved', async () => {
    const ha1 = createHash('md5').update(`alice:${world.server.domain}:alice-secret`).digest('hex');
    const options = await world.configureAccount('alice', '', {});
    // configureAccount left the password empty; give the HA1 instead.
    await options.getByLabel('HA1 instead of password (optional)').fill(ha1);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();

    await options.reload();
    await options.getByText('An HA1 is saved. Leave empty to keep it.').waitFor();
    await expect(options.getByLabel('HA1 instead of password (optional)').inputValue()).resolves.toBe('');
    expect(await options.content()).not.toContain(ha1);
    await options.close();

    const bob = await world.party('bob');
    try {
      const popup = await world.dialFromPopup('bob');
      await bob.waitForState('ringing-in');
      await bob.answer();
      await bob.waitForAudio(2000);
      await popup.getByRole('button', { name: 'Hang up' }).click();
      await bob.waitForState('terminated');
    } finally {
      await bob.close();
    }
  });
});
