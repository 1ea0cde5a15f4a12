import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { FirefoxWorld } from './support/firefox-world';

// Firefox suspends an idle event page, and the softphone lives in it: a registered phone
// must stay loaded and reachable. Firefox's idle timeout (30 s) is shortened to 15 s here,
// still longer than the keep-alive's 10 s, and the test stays idle for more than two of
// them. Without the keep-alive (measured with a 2 s timeout) the page was suspended over
// and over, the open welcome page woke it each time (a new REGISTER), and an incoming call
// never rang.
describe('Firefox: a registered phone keeps ringing while nobody touches the extension', () => {
  let world: FirefoxWorld;
  let bob: Party;
  beforeAll(async () => {
    world = await FirefoxWorld.start(inject('firefoxExtensionDir'), {
      prefs: { 'extensions.background.idle.timeout': 15_000 },
    });
    bob = await world.party('bob');
    await world.registerAs('alice');
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  it('is not suspended after several idle timeouts, and an incoming call rings and connects', async () => {
    const registers = () => world.server.requests('REGISTER').filter((r) => r.from === 'alice').length;
    const before = registers();
    await new Promise((r) => setTimeout(r, 35_000));
    // A suspended page would have registered again when woken; a live one did not.
    expect(registers() - before).toBe(0);
    await bob.call('alice');
    await world.waitForSoftphone((s) => s.calls[0]?.state === 'incoming', 'the call rings in Firefox');
    const answered = await world.hook('command', 'answer');
    expect(answered).toBeNull();
    await bob.waitForState('established');
    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio(2000);
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
  });
});
