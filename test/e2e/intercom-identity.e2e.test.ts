import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CALL_INFO = 'Call-Info: <sip:offhook.test>;answer-after=0';
const ALERT_INFO = 'Alert-Info: <http://127.0.0.1/>;info=alert-autoanswer';

// Auto-answer for intercom calls (only when the PBX marks the call and the user enabled it),
// and the caller's identity as the user reads it.
describe('intercom auto-answer and caller identity', () => {
  let world: World;
  let bob: Party;
  let popup: Page | undefined;

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    bob = await world.party('bob');
  });
  afterEach(async () => {
    const state = await bob.state();
    if (state === 'calling') await bob.cancel().catch(() => undefined);
    if (state === 'established') await bob.hangup().catch(() => undefined);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over');
    await popup?.close().catch(() => undefined);
    popup = undefined;
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  async function setAutoAnswer(value: 'off' | 'intercom') {
    const options = await world.configureAccount('alice');
    await options.getByLabel('Auto-answer').selectOption(value);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    await options.close();
  }

  /** The call rings and stays ringing: nobody answers it for us. */
  async function ringsNormally(headers: string[]) {
    popup = await world.openPopup();
    await bob.call('alice', headers);
    await popup.getByRole('button', { name: 'Answer', exact: true }).waitFor();
    await pause(2500);
    expect(await bob.state()).toBe('calling');
    const snap = await world.softphone();
    expect(snap.calls.map((c) => c.state)).toEqual(['incoming']);
    expect(snap.tone).toBe('ringtone');
  }

  it('rings an intercom call normally while auto-answer is off (the default)', async () => {
    await ringsNormally([CALL_INFO]);
    await popup!.locator('.call.incoming .state').filter({ hasText: 'Incoming intercom call' }).waitFor();
  });

  it('answers an intercom call by itself when enabled, with audio both ways', async () => {
    await setAutoAnswer('intercom');
    popup = await world.openPopup();
    await bob.call('alice', [CALL_INFO]);
    await bob.waitForState('established', 5000);
    await popup.locator('.call.active .note').filter({ hasText: 'Answered automatically: an intercom call' }).waitFor();
    await bob.waitForAudio(2000);
    await world.waitForExtensionAudio(2000);
    await bob.hangup();
  });

  it('answers an Alert-Info auto-answer call too, but never a call without the header', async () => {
    await bob.call('alice', [ALERT_INFO]);
    await bob.waitForState('established', 5000);
    await bob.waitForAudio(1000);
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'intercom call over');

    await ringsNormally([]);
  });
});
