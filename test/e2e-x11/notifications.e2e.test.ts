import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from '../e2e/support/world';
import { skipReason, XSession } from './support/x-session';

// The call notifications on a real desktop: Chromium on Linux hands chrome.notifications to the
// session's notification server over D-Bus (org.freedesktop.Notifications), here dunst, with
// the buttons as the notification's actions. The test picks an action in dunst's own action
// menu, so dunst invokes it over D-Bus as it does when a person picks it; the build has no
// test hook.
const skip = skipReason();

describe.skipIf(skip !== undefined)('notifications on the desktop’s notification server', () => {
  let x: XSession;
  let world: World;
  let bob: Party;

  beforeAll(async () => {
    x = await XSession.start();
    try {
      world = await World.start(inject('extensionDir'), { display: x });
      await world.registerAs('alice');
      bob = await world.party('bob', { displayName: 'Bob Builder' });
    } catch (error) {
      await world?.close();
      await x.close();
      throw error;
    }
  });
  afterEach(async () => {
    await bob.leaveNoCall();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
    await x.closeNotifications();
    await expect.poll(() => x.notificationsShown()).toBe(0);
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
    await x?.close();
  });

  it('an incoming call shows on the notification server with Answer and Decline; Answer answers it with audio', async () => {
    expect(await (await world.worker()).evaluate(() => typeof (globalThis as { __offhookE2E?: unknown }).__offhookE2E)).toBe('undefined');
    await bob.call('alice');
    await expect.poll(() => x.notificationsShown(), { timeout: 10_000 }).toBe(1);
    const offered = await x.chooseNotificationAction('Incoming call', 'Answer');
    expect(offered).toEqual(expect.arrayContaining(['Answer', 'Decline']));
    await bob.waitForState('established');
    await bob.waitForAudio(2000);
    const audio = await world.waitForExtensionAudio(2000);
    expect(audio.bytesReceived).toBeGreaterThan(2000);
    // Answered, the ringing notification goes from the desktop.
    await expect.poll(() => x.notificationsShown()).toBe(0);
    await bob.hangup();
  });

  it('Decline declines the call: the caller hears busy', async () => {
    await bob.call('alice');
    await expect.poll(() => x.notificationsShown(), { timeout: 10_000 }).toBe(1);
    await x.chooseNotificationAction('Incoming call', 'Decline');
    await bob.waitForState('terminated');
    expect(await bob.lastFinalResponse()).toBe(486);
    await expect.poll(() => x.notificationsShown()).toBe(0);
  });

  it('Answer still answers after the browser stopped the idle service worker', async () => {
    await bob.call('alice');
    await expect.poll(() => x.notificationsShown(), { timeout: 10_000 }).toBe(1);
    await world.stopServiceWorker();
    // The action wakes the worker, as a person's press on a long-ringing call does.
    await x.chooseNotificationAction('Incoming call', 'Answer');
    await bob.waitForState('established');
    await bob.waitForAudio(2000);
    await bob.hangup();
  });

  it('a missed call offers Call back, which calls the caller', async () => {
    await bob.call('alice');
    await expect.poll(() => x.notificationsShown(), { timeout: 10_000 }).toBe(1);
    await bob.cancel();
    await expect.poll(() => world.notificationIds()).toEqual([expect.stringMatching(/^missed:/)]);
    const before = world.server.requests('INVITE').filter((r) => r.from === 'alice').length;
    const offered = await x.chooseNotificationAction('Missed call', 'Call back');
    expect(offered).toContain('Call back');
    await bob.waitForState('ringing-in');
    expect(world.server.requests('INVITE').filter((r) => r.from === 'alice').slice(before)[0]!.ruri).toBe('sip:bob@offhook.test');
  });
});
