import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { FirefoxWorld } from './support/firefox-world';

// The spine in Firefox: register, call out and in with audio both ways, hang up.
describe('Firefox: calls', () => {
  let world: FirefoxWorld;
  let bob: Party;
  beforeAll(async () => {
    world = await FirefoxWorld.start(inject('firefoxExtensionDir'));
    bob = await world.party('bob');
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });
  // A test that fails mid-call must not leave bob in it: the next test's call would fail too.
  afterEach(async () => {
    await bob.hangup().catch(() => bob.cancel().catch(() => undefined));
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over').catch(() => undefined);
  });

  it('registers, and the popup says so', async () => {
    await world.registerAs('alice');
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').wait();
    expect(await popup.$eval('.status', (e) => e.textContent)).toBe('Registered as alice@offhook.test');
    // The build writes the stylesheet into popup.html (one request less); Firefox's policy
    // for extension pages lets it apply, and the page loads its one script only.
    expect(await popup.$eval('.status', (e) => getComputedStyle(e).fontWeight)).toBe('600');
    expect(await popup.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src')))).toEqual(['/popup-app.js']);
    await popup.close();
  });

  it('calls out from the popup: bob rings, answers, audio flows both ways, hang up ends it', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').wait();
    await popup.locator('#number').fill('bob');
    await popup.locator('button.call-button').click();
    await bob.waitForState('ringing-in');
    // bob picks up as a person does, a moment after it rings; the instant answer is its own case below.
    await new Promise((r) => setTimeout(r, 1_000));
    await bob.answer();
    await bob.waitForAudio(2000);
    const media = await world.waitForExtensionAudio(2000);
    expect(media.bytesReceived).toBeGreaterThan(2000);
    expect(media.bytesSent).toBeGreaterThan(2000);
    await popup.locator('button.hangup').click();
    await bob.waitForState('terminated');
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    await popup.close();
  });

  // An IVR or an auto-answering device answers within milliseconds of the INVITE. This once
  // lost the audio of about one call in thirty: bob's answer carried only a candidate Firefox
  // would not pair (see launchChromium's loopbackMedia in support/firefox-world.ts). So
  // several calls in a row, each with audio both ways.
  it('calls out and the far end answers at once (an IVR): audio flows both ways every time', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').wait();
    for (let call = 1; call <= 5; call++) {
      await popup.locator('#number').fill('bob');
      await popup.locator('button.call-button').click();
      await bob.waitForState('ringing-in');
      await bob.answer();
      await bob.waitForAudio(2000);
      const media = await world.waitForExtensionAudio(2000);
      expect(media.bytesReceived, `call ${call}`).toBeGreaterThan(2000);
      expect(media.bytesSent, `call ${call}`).toBeGreaterThan(2000);
      await popup.locator('button.hangup').click();
      await bob.waitForState('terminated');
      await world.waitForSoftphone((s) => s.calls.length === 0, `call ${call} ended`);
    }
    await popup.close();
  });

  it('rings in: a notification without buttons whose click opens the call, Answer, audio, bob hangs up', async () => {
    await bob.call('alice');
    const ringing = await world.waitForSoftphone((s) => s.calls[0]?.state === 'incoming', 'the call rings');
    const id = `incoming:${ringing.calls[0]!.id}`;
    await expect.poll(() => world.notificationsShown()).toContain(id);
    const before = await world.pages();
    // What Firefox does when the person clicks the notification (headless has no screen).
    await world.hook('notificationClick', id);
    const view = await world.waitForExtensionPage((url) => url.includes('/popup.html'), before);
    await view.locator('.call.incoming button.answer').click();
    await bob.waitForState('established');
    await bob.waitForAudio(2000);
    const media = await world.waitForExtensionAudio(2000);
    expect(media.bytesReceived).toBeGreaterThan(2000);
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    await view.close().catch(() => undefined);
  });

  it('opens the dialer prefilled for a tel: link handed over by Firefox (protocol_handlers), without calling', async () => {
    const invites = world.server.requests('INVITE').length;
    // What Firefox opens when the person picks Offhook for a tel: link: the manifest's uriTemplate.
    const popup = await world.openPopup(`?dial=${encodeURIComponent('tel:+14155550142')}`);
    await popup.locator('.status[data-state="registered"]').wait();
    expect(await popup.$eval('#number', (e) => (e as HTMLInputElement).value)).toBe('tel:+14155550142');
    await new Promise((r) => setTimeout(r, 500));
    expect(world.server.requests('INVITE').length).toBe(invites);
    await popup.close();
  });

  it('declines a ringing call with the keyboard command', async () => {
    await bob.waitForState('terminated');
    await bob.call('alice');
    await world.waitForSoftphone((s) => s.calls[0]?.state === 'incoming', 'the call rings');
    await world.hook('command', 'hangup');
    await bob.waitForState('terminated');
    expect(await bob.lastFinalResponse()).toBe(486);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
  });
});
