import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import { DEFAULT_SIP_USERS } from '../harness/kamailio';
import type { Party } from '../harness/party';
import { startWazoStandIn, type WazoStandIn } from '../harness/wazo/stand-in';
import { FirefoxWorld } from './support/firefox-world';

// A Wazo user in Firefox: signs in with their Wazo login, Offhook fetches the WebRTC line from
// the (stand-in) Wazo server over HTTPS and registers it through wss://<server>/api/asterisk/ws
// to a real Kamailio; a call from the popup carries audio both ways; a revoked sign-in is told.
// The stand-in's certificate is self-signed: Firefox trusts it by the BiDi session's
// acceptInsecureCerts, which covers the extension's fetch() and WebSocket.
describe('Firefox: a Wazo account', () => {
  let wazo: WazoStandIn;
  let world: FirefoxWorld;
  let bob: Party;
  const LINE = { id: 11, username: 'wz-alice-1001', secret: 'line-secret-1', options: [['webrtc', 'yes']] as [string, string][] };

  beforeAll(async () => {
    wazo = await startWazoStandIn({});
    // Short tokens, so a revoked sign-in is found out within seconds.
    wazo.setMaxTokenLifetime(10);
    // The line registers at the Wazo server's host name, as Wazo's own clients do.
    const domain = new URL(wazo.url).hostname;
    world = await FirefoxWorld.start(inject('firefoxExtensionDir'), {
      sip: { domain, users: [...DEFAULT_SIP_USERS, { username: LINE.username, password: LINE.secret }] },
      acceptInsecureCerts: true,
    });
    wazo.setSipWsUrl(world.server.wsUrl);
    wazo.addUser({ login: 'alice', password: 'portal-pw', firstname: 'Alice', lastname: 'Wazo', lines: [LINE] });
    bob = await world.party('bob', { displayName: 'Bob Builder' });
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
    await wazo?.close();
  });
  // A test that fails mid-call must not leave bob in it.
  afterEach(async () => {
    await bob.hangup().catch(() => bob.cancel().catch(() => undefined));
    await world.waitForSoftphone((s) => s.calls.length === 0, 'no call left over').catch(() => undefined);
  });

  /** The CSS selector of the control the label reading exactly `text` is for. */
  async function byLabel(page: Page, text: string): Promise<string> {
    await page.waitForFunction((t) => [...document.querySelectorAll('label')].some((l) => l.textContent?.trim() === t && l.htmlFor), {}, text);
    return page.evaluate((t) => `#${CSS.escape([...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === t)!.htmlFor)}`, text);
  }

  /** Waits until the page shows `text` somewhere. */
  async function waitForText(page: Page, text: string, timeout = 15_000): Promise<void> {
    await page.waitForFunction((t) => document.body.textContent?.includes(t) ?? false, { timeout }, text);
  }

  /** The options page, microphone allowed, Wazo chosen and filled in by the form's labels. */
  async function signIn(login: string, password: string): Promise<Page> {
    const options = await world.openExtensionPage('options.html');
    await options.locator('.microphone .ok, .microphone .allow-mic').wait();
    if (await options.$('.allow-mic')) await options.locator('.allow-mic').click();
    await options.locator('.microphone .ok').wait();
    const system = await byLabel(options, 'Phone system');
    const wazoOption = await options.$eval(system, (select, label) => {
      const option = [...(select as HTMLSelectElement).options].find((o) => o.textContent?.trim() === label);
      return option?.value;
    }, 'Wazo Platform (your Wazo login)');
    expect(wazoOption).toBeTruthy();
    await options.select(system, wazoOption!);
    await options.locator(await byLabel(options, 'Wazo server')).fill(wazo.host);
    await options.locator(await byLabel(options, 'Wazo login')).fill(login);
    await options.locator(await byLabel(options, 'Wazo password')).fill(password);
    await options.locator('button.save').click();
    await options.waitForFunction(() => /Saved\.|Not saved/.test(document.body.textContent ?? ''), { timeout: 15_000 });
    return options;
  }

  it('signs in with the Wazo login and registers the WebRTC line it fetched; the popup says so', async () => {
    const options = await signIn('alice', 'portal-pw');
    await waitForText(options, 'Registered as alice@');
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').wait();
    expect(await popup.$eval('.status', (e) => e.textContent)).toBe('Registered as alice@127.0.0.1');
    // The line registered with the secret confd gave, through the Wazo server's WebSocket.
    expect(world.server.requests('REGISTER').some((r) => r.from === LINE.username)).toBe(true);
    expect(wazo.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/lines/${LINE.id}/associated/endpoints/sip`) && r.authorised)).toBe(true);
    expect(wazo.requests.some((r) => r.path === '/api/asterisk/ws')).toBe(true);
    await popup.close();
    await options.close();
  });

  it('calls bob from the popup through the Wazo line: bob answers, audio flows both ways, hang up ends it', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').wait();
    await popup.locator('#number').fill('+14155550142');
    await popup.locator('button.call-button').click();
    await bob.waitForState('ringing-in');
    expect(world.server.requests('INVITE').some((r) => r.from === LINE.username)).toBe(true);
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

  it('a revoked sign-in stops the phone and the popup asks to sign in again', async () => {
    wazo.revoke('alice');
    const popup = await world.openPopup();
    await waitForText(popup, 'Your Wazo sign-in has ended. Sign in again in the options.', 30_000);
    // The hook reads the Wazo line (the softphone shares the background page here, unlike
    // Chromium's offscreen document): the SIP phone is stopped, the line shows why.
    const stopped = await world.waitForSoftphone((s) => !s.configured, 'the phone stopped');
    expect(stopped.registration).toMatchObject({ state: 'failed', kind: 'signin' });
    await popup.close();
  }, 60_000);
});
