import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DEFAULT_SIP_USERS } from '../harness/kamailio';
import type { Party } from '../harness/party';
import { startWazoStandIn, type WazoStandIn } from '../harness/wazo/stand-in';
import { World } from './support/world';

// A Wazo user signs in with their Wazo login, as a new user would: Offhook fetches their
// WebRTC line from the (stand-in) Wazo server and registers it through the server's
// /api/asterisk/ws, which leads to a real Kamailio; calls carry real audio.
describe('a Wazo account', () => {
  let wazo: WazoStandIn;
  let world: World;
  let bob: Party;
  const LINE = { id: 11, username: 'wz-alice-1001', secret: 'line-secret-1', options: [['webrtc', 'yes']] as [string, string][] };
  // Bea's line secret was changed on the PBX; confd still has the old one until the test says.
  const BEA_LINE = { id: 12, username: 'wz-bea-1002', secret: 'bea-old-secret', options: [['webrtc', 'yes']] as [string, string][] };

  beforeAll(async () => {
    wazo = await startWazoStandIn({});
    // Short tokens, as a long day compressed: every one lapses within seconds.
    wazo.setMaxTokenLifetime(10);
    // The line registers at the Wazo server's host name, as Wazo's own clients do.
    const domain = new URL(wazo.url).hostname;
    world = await World.start(inject('extensionDir'), {
      sip: { domain, users: [...DEFAULT_SIP_USERS, { username: LINE.username, password: LINE.secret }, { username: BEA_LINE.username, password: 'bea-new-secret' }] },
      chromiumArgs: [`--ignore-certificate-errors-spki-list=${wazo.spkiHash}`],
    });
    wazo.setSipWsUrl(world.server.wsUrl);
    wazo.addUser({ login: 'alice', password: 'portal-pw', firstname: 'Alice', lastname: 'Wazo', lines: [LINE] });
    wazo.addContact({ name: 'Bob Builder', number: '+14155550142' });
    wazo.addUser({ login: 'bea', password: 'bea-pw', firstname: 'Bea', lastname: 'Wazo', lines: [BEA_LINE] });
    wazo.addUser({ login: 'nophone', password: 'pw2', firstname: 'No', lastname: 'Phone', lines: [] });
    bob = await world.party('bob', { displayName: 'Bob Builder' });
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
    await wazo?.close();
  });

  const signIn = (login: string, password: string, page?: Page) => world.signInToWazo(wazo.host, login, password, page);

  it('a wrong password and a user with no phone line are each told, next to the field, and nothing is saved', async () => {
    const options = await signIn('alice', 'not-it');
    await options.getByText('Wazo refused this login or password.', { exact: false }).waitFor();
    await options.getByLabel('Wazo password').fill('pw2');
    await options.getByLabel('Wazo login').fill('nophone');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('This Wazo user has no phone line.', { exact: false }).waitFor();
    await options.getByLabel('Wazo server').fill('127.0.0.1:1');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByText('Cannot reach the Wazo server at https://127.0.0.1:1.', { exact: false }).waitFor();
    await options.reload();
    await options.getByLabel('Phone system').waitFor();
    await expect(options.locator('button.remove').count()).resolves.toBe(0);
    expect((await world.softphone()).registration.state).toBe('unconfigured');
    await options.close();
  });

  it('signs in with the Wazo login, registers the WebRTC line it fetched, and keeps no password', async () => {
    const options = await signIn('alice', 'portal-pw');
    await options.getByRole('status').filter({ hasText: 'Registered as alice@' }).waitFor({ timeout: 15_000 });
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    expect(await popup.locator('.status').textContent()).toBe(`Registered as alice@${new URL(wazo.url).hostname}`);
    // The line registered with the secret confd gave, through the Wazo server's WebSocket.
    expect(world.server.requests('REGISTER').some((r) => r.from === LINE.username)).toBe(true);
    expect(wazo.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/lines/${LINE.id}/associated/endpoints/sip`) && r.authorised)).toBe(true);
    // The form says it is signed in, and neither the form nor the view has the password.
    await options.reload();
    await options.getByText('Signed in. Leave the password empty to stay signed in.', { exact: false }).waitFor();
    await expect(options.getByLabel('Wazo password').inputValue()).resolves.toBe('');
    await popup.close();
    await options.close();
  });

  it('a number clicked on a page rings the far party through the Wazo line, with audio both ways', async () => {
    const page = await world.callFromCard('#bob-number');
    await bob.waitForState('ringing-in');
    expect(world.server.requests('INVITE').some((r) => r.from === LINE.username)).toBe(true);
    await bob.answer();
    await bob.waitForAudio(2000);
    const audio = await world.waitForExtensionAudio(2000);
    expect(audio.bytesReceived).toBeGreaterThan(2000);
    expect(audio.bytesSent).toBeGreaterThan(2000);
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    await page.close();
  });

  it('a name typed in the dialer is looked up in the Wazo directory, and a click calls the person found', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await popup.getByLabel('Number').fill('build');
    const directory = popup.getByRole('region', { name: 'Directory' });
    await directory.getByText('Bob Builder').waitFor();
    // The search went to dird, with the user's token.
    expect(wazo.requests.some((r) => r.path === '/api/dird/0.1/directories/lookup/default' && r.query.includes('term=build') && r.authorised)).toBe(true);
    await popup.getByLabel('Number').fill('nobody-here');
    await directory.getByText('No one in the directory matches “nobody-here”.').waitFor();
    await popup.getByLabel('Number').fill('build');
    await directory.getByRole('button', { name: 'Call Bob Builder at +14155550142' }).click();
    await bob.waitForState('ringing-in');
    await bob.answer();
    await bob.waitForAudio(2000);
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    await popup.close();
  });

  it('an incoming call to the Wazo line rings in the popup with the caller’s name', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await bob.call(LINE.username);
    const incoming = popup.locator('.call.incoming');
    await incoming.waitFor();
    await expect(incoming.locator('.who').textContent()).resolves.toContain('Bob Builder');
    await popup.getByRole('button', { name: 'Decline' }).click();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call declined');
    await popup.close();
  });

  it('voicemail waiting on the Wazo line shows its count in the popup and on the badge, and goes when heard', async () => {
    // Wazo's Asterisk tells the line of its mailbox by an unsolicited message-summary NOTIFY.
    const asterisk = await world.party('carol');
    try {
      const popup = await world.openPopup();
      await popup.locator('.status[data-state="registered"]').waitFor();
      const body = (n: number) => `Messages-Waiting: ${n ? 'yes' : 'no'}\r\nMessage-Account: sip:*98@wazo\r\nVoice-Message: ${n}/0 (0/0)\r\n`;
      expect(await asterisk.notify(LINE.username, 'message-summary', 'application/simple-message-summary', body(3))).toBe(200);
      await popup.getByText('3 new voicemail messages').waitFor();
      const badge = () => world.worker().then((w) => w.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({})));
      await expect.poll(badge).toBe('3');
      expect(await asterisk.notify(LINE.username, 'message-summary', 'application/simple-message-summary', body(0))).toBe(200);
      await popup.getByText('No new voicemail').waitFor();
      await expect.poll(badge).toBe('');
      await popup.close();
    } finally {
      await asterisk.close();
    }
  });

  it("the server's call log (the user's desk phone) joins the history, missed calls marked, and no call twice", async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    wazo.addCallLog('alice', {
      start: hourAgo.toISOString(),
      end: new Date(hourAgo.getTime() + 20_000).toISOString(),
      answered: false,
      direction: 'inbound',
      sourceName: 'Dana Desk',
      sourceExtension: '1009',
      destinationName: 'Alice Wazo',
      destinationExtension: '1011',
    });
    const popup = await world.openPopup();
    const history = popup.getByRole('region', { name: 'Recent calls' });
    const dana = history.locator('li', { hasText: 'Dana Desk' });
    await dana.waitFor();
    await expect(dana.locator('.when').textContent()).resolves.toMatch(/Missed/i);
    expect(wazo.requests.some((r) => r.path === '/api/call-logd/1.0/users/me/cdr' && r.authorised)).toBe(true);
    await popup.close();
    // Opened again: merged once, not twice.
    const again = await world.openPopup();
    await again.getByRole('region', { name: 'Recent calls' }).locator('li', { hasText: 'Dana Desk' }).first().waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    await expect(again.getByRole('region', { name: 'Recent calls' }).locator('li', { hasText: 'Dana Desk' }).count()).resolves.toBe(1);
    await again.close();
  });

  it('Do Not Disturb set in the popup is set on the Wazo server too, and cleared there', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await popup.getByLabel('Do not disturb').check();
    await expect.poll(() => wazo.dnd('alice')).toBe(true);
    await popup.getByLabel('Do not disturb').uncheck();
    await expect.poll(() => wazo.dnd('alice')).toBe(false);
    await world.waitForSoftphone((s) => !s.dnd, 'DND off here too');
    await popup.close();
  });

  it('short tokens lapse all day long: they are refreshed with no user action and the phone stays registered', async () => {
    const refreshes = () => wazo.requests.filter((r) => r.method === 'POST' && r.path === '/api/auth/0.1/token' && !r.authorised).length;
    const before = refreshes();
    await expect.poll(refreshes, { timeout: 90_000, interval: 1000 }).toBeGreaterThanOrEqual(before + 4);
    expect((await world.softphone()).registration.state).toBe('registered');
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await popup.close();
  }, 120_000);

  it('a revoked sign-in stops the phone and asks to sign in again, in the popup and the options; signing in again registers', async () => {
    wazo.revoke('alice');
    const popup = await world.openPopup();
    await popup.getByText('Your Wazo sign-in has ended. Sign in again in the options.', { exact: false }).waitFor({ timeout: 30_000 });
    await popup.getByRole('link', { name: 'Sign in again' }).waitFor();
    await world.waitForSoftphone((s) => s.registration.state === 'unconfigured', 'the phone stopped');
    // No loop: once told, Offhook stops asking the server.
    const asked = wazo.requests.length;
    await new Promise((r) => setTimeout(r, 10_000));
    expect(wazo.requests.length - asked).toBeLessThanOrEqual(1);
    const options = await world.context.newPage();
    await options.goto(world.url('options.html'));
    await options.getByText('Your Wazo sign-in has ended.', { exact: false }).first().waitFor();
    await options.getByLabel('Wazo password').fill('portal-pw');
    await options.getByRole('button', { name: 'Save' }).click();
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 15_000 });
    await options.close();
    await popup.close();
  }, 90_000);

  it("a line secret the PBX refuses (401) is fetched from Wazo once more, then the refusal is told, with no loop", async () => {
    const lineFetches = () => wazo.requests.filter((r) => r.path.endsWith(`/lines/${BEA_LINE.id}/associated/endpoints/sip`)).length;
    const options = await signIn('bea', 'bea-pw');
    const popup = await world.openPopup();
    await popup.getByText('Wrong username or password', { exact: false }).waitFor({ timeout: 15_000 });
    // Fetched to check it at Save, to register (and for a softphone that had to start), and
    // once more after the 401; then no more: the refusal stands until something changes.
    const settled = lineFetches();
    expect(settled).toBeLessThanOrEqual(4);
    await new Promise((r) => setTimeout(r, 5000));
    expect(lineFetches()).toBe(settled);
    expect(world.server.requests('REGISTER').filter((r) => r.from === BEA_LINE.username).length).toBeLessThanOrEqual(6);
    // The admin's change reaches confd: saving again registers with the new secret.
    wazo.setLineSecret('bea', BEA_LINE.id, 'bea-new-secret');
    await options.getByRole('button', { name: 'Save' }).click();
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 15_000 });
    expect(await popup.locator('.status').textContent()).toBe(`Registered as bea@${new URL(wazo.url).hostname}`);
    await popup.close();
    await options.close();
  }, 60_000);
});
