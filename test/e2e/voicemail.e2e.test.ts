import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

// Voicemail waiting, as Asterisk tells it: an unsolicited message-summary NOTIFY to the
// registered phone. The count shows in the popup and on the badge, and goes when the messages
// are heard; the same NOTIFY from outside the PBX is refused and changes nothing.
describe('voicemail waiting', () => {
  let world: World;
  let pbx: Party;
  let outsider: Party;
  const summary = (waiting: boolean, fresh: number, old: number) =>
    `Messages-Waiting: ${waiting ? 'yes' : 'no'}\r\nMessage-Account: sip:*97@offhook.test\r\nVoice-Message: ${fresh}/${old} (0/0)\r\n`;
  const badge = async () =>
    (await world.worker()).evaluate(async () => {
      const a = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } } }).chrome.action;
      return { text: await a.getBadgeText({}), title: await a.getTitle({}) };
    });

  beforeAll(async () => {
    world = await World.startRegistered(inject('extensionDir'), 'alice');
    // The PBX's voicemail, a user of its own domain; and someone outside it.
    pbx = await world.party('carol');
    outsider = await world.party('mallory', { register: false, domain: 'evil.example' });
  });
  afterAll(async () => {
    await outsider?.close();
    await pbx?.close();
    await world?.close();
  });

  it('shows new voicemail in the popup and as a count on the badge, and nothing once heard', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    expect(await pbx.notify('alice', 'message-summary', 'application/simple-message-summary', summary(true, 2, 5))).toBe(200);
    await popup.getByText('2 new voicemail messages').waitFor();
    await expect.poll(async () => (await badge()).text).toBe('2');
    expect((await badge()).title).toContain('2 new voicemail messages.');
    // Heard: the PBX says none wait.
    expect(await pbx.notify('alice', 'message-summary', 'application/simple-message-summary', summary(false, 0, 7))).toBe(200);
    await popup.getByText('No new voicemail').waitFor();
    await expect.poll(async () => (await badge()).text).toBe('');
    await popup.close();
  });

  it('a voicemail NOTIFY from outside the PBX is refused and changes nothing', async () => {
    const popup = await world.openPopup();
    await popup.getByText('No new voicemail').waitFor();
    expect(await outsider.notify('alice', 'message-summary', 'application/simple-message-summary', summary(true, 9, 0))).toBe(403);
    // Another event is not ours to take either.
    expect(await pbx.notify('alice', 'presence', 'application/pidf+xml', '<presence/>')).toBe(489);
    await new Promise((r) => setTimeout(r, 500));
    await expect(popup.getByText('No new voicemail').count()).resolves.toBe(1);
    expect((await badge()).text).toBe('');
    await popup.close();
  });
});
