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
    await bob.leaveNoCall();
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

  it('believes an auto-answer mark only from the account’s own PBX: a foreign caller’s rings', async () => {
    // Auto-answer is still on from the tests above.
    const mallory = await world.party('mallory', { register: false, domain: 'evil.example' });
    try {
      popup = await world.openPopup();
      await mallory.call('alice', [CALL_INFO]);
      await popup.getByRole('button', { name: 'Answer', exact: true }).waitFor();
      await pause(2500);
      expect(await mallory.state()).toBe('calling');
      const snap = await world.softphone();
      expect(snap.calls).toMatchObject([{ state: 'incoming', remote: { uri: expect.stringContaining('@evil.example') } }]);
      // Not even called an intercom call: nothing about it comes from the PBX.
      expect(snap.calls[0]!.intercom).toBeUndefined();
      await mallory.cancel();
      await world.waitForSoftphone((s) => s.calls.length === 0, 'foreign call over');
    } finally {
      await mallory.close();
    }
    // One of the PBX's own users claiming a foreign identity is not believed either.
    await ringsNormally([CALL_INFO, 'P-Asserted-Identity: <sip:boss@evil.example>']);
  });

  async function setCountry(region: string) {
    const options = await world.context.newPage();
    await options.goto(world.url('options.html'));
    await options.getByLabel('Default country').fill(region);
    await options.getByLabel('Default country').press('Tab');
    await expect.poll(() =>
      options.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, { defaultRegion?: string }>> } } } }).chrome;
        return (await c.storage.local.get('detection')).detection?.defaultRegion;
      }),
    ).toBe(region);
    await options.close();
    await pause(300);
  }

  it('names the caller from P-Asserted-Identity, the number formatted for the user’s country, in the popup, notification and history', async () => {
    await setAutoAnswer('off');
    const worker = await world.worker();
    await worker.evaluate(() => {
      const g = globalThis as unknown as { chrome: { notifications: { create: (id: string, o: { message?: string; title?: string }) => Promise<string> } }; __shown?: string[] };
      const api = g.chrome.notifications;
      const create = api.create.bind(api);
      g.__shown = [];
      api.create = (id, o) => (g.__shown!.push(`${o.title ?? ''}|${o.message ?? ''}`), create(id, o));
    });
    const pai = 'P-Asserted-Identity: "Robert Example" <sip:+14155550142@offhook.test>';

    await setCountry('US');
    popup = await world.openPopup();
    await bob.call('alice', [pai]);
    await popup.locator('.call.incoming .who').filter({ hasText: 'Robert Example ((415) 555-0142)' }).waitFor();
    await expect
      .poll(() => worker.evaluate(() => (globalThis as unknown as { __shown: string[] }).__shown.join('\n')))
      .toContain('Robert Example ((415) 555-0142)');
    await bob.cancel();
    await popup.locator('.history li .who').first().filter({ hasText: 'Robert Example ((415) 555-0142)' }).waitFor();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'missed');

    // Abroad, the same caller is written internationally.
    await setCountry('DE');
    await bob.call('alice', [pai]);
    await popup.locator('.call.incoming .who').filter({ hasText: 'Robert Example (+1 415 555 0142)' }).waitFor();
    await bob.cancel();
    await popup.locator('.history li .who').first().filter({ hasText: 'Robert Example (+1 415 555 0142)' }).waitFor();
  });
});
