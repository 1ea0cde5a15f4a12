import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startWebexStandIn, type WebexStandIn } from '../harness/webex/stand-in';
import { FirefoxWorld } from './support/firefox-world';

// A Webex Calling user in Firefox: signs in on Webex's own login page in Firefox's auth window
// (identity.launchWebAuthFlow, Authorization Code with PKCE and the integration's secret, back to
// Firefox's https://<hash>.extensions.allizom.org/), then Offhook dials through the Call Controls
// API and follows the call by reading the user's calls. Webex is the stand-in, reached at its
// real host names: network.dns.localDomains resolves them to loopback and
// network.socket.forcePort sends Firefox's port 443 to the stand-in's port; its self-signed
// certificate is trusted by the BiDi session's acceptInsecureCerts.
describe('Firefox: a Webex Calling account', () => {
  const CLIENT_ID = 'C3f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7f80';
  const SECRET = 'offhook-integration-secret';
  let webex: WebexStandIn;
  let world: FirefoxWorld;
  let ann: { id: string };
  let redirectUri: string;

  beforeAll(async () => {
    webex = await startWebexStandIn();
    const names = [webex.apiOrigin, ...webex.loginOrigins].map((o) => new URL(o).hostname);
    world = await FirefoxWorld.start(inject('firefoxExtensionDir'), {
      prefs: { 'network.dns.localDomains': names.join(','), 'network.socket.forcePort': `443=${webex.port}` },
      acceptInsecureCerts: true,
    });
    // The admin registers the redirect address Firefox gives the extension on the integration.
    redirectUri = await world.identityRedirectURL();
    expect(redirectUri).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/);
    webex.addClient({ clientId: CLIENT_ID, secret: SECRET, redirectUris: [redirectUri] });
    ann = webex.addUser({ email: 'ann@example.com', password: 'webex-pw', name: 'Ann Agent', number: '+14155550100', extension: '100' });
    webex.addUser({ email: 'bob.builder@example.com', password: 'pw3', name: 'Bob Builder', number: '+14155550142', extension: '142' });
  });
  afterAll(async () => {
    await world?.close();
    await webex?.close();
  });

  /** The CSS selector of the control the label reading exactly `text` is for. */
  async function byLabel(page: Page, text: string): Promise<string> {
    await page.waitForFunction((t) => [...document.querySelectorAll('label')].some((l) => l.textContent?.trim() === t && l.htmlFor), {}, text);
    return page.evaluate((t) => `#${CSS.escape([...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === t)!.htmlFor)}`, text);
  }

  /** Clicks the button reading exactly `text`. */
  async function clickButton(page: Page, text: string): Promise<void> {
    const found = await page.waitForFunction((t) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === t && !b.disabled) ?? false, {}, text);
    const button = found.asElement() as ElementHandle<HTMLButtonElement> | null;
    if (!button) throw new Error(`no button "${text}"`);
    await button.click();
    await found.dispose();
  }

  /** Waits until the page shows `text` somewhere. */
  async function waitForText(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
    const source = typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source;
    await page.waitForFunction((s) => new RegExp(s).test(document.body.textContent ?? ''), { timeout }, source);
  }

  it('signs in on Webex’s login page in Firefox’s auth window (PKCE and the secret); the popup says connected', async () => {
    const options = await world.openExtensionPage('options.html');
    const system = await byLabel(options, 'Phone system');
    const webexOption = await options.$eval(
      system,
      (select, label) => [...(select as HTMLSelectElement).options].find((o) => o.textContent?.trim() === label)?.value,
      'Webex Calling (sign in with Webex)',
    );
    expect(webexOption).toBeTruthy();
    await options.select(system, webexOption!);
    await options.locator(await byLabel(options, 'Integration client id')).fill(CLIENT_ID);
    await options.locator(await byLabel(options, 'Integration client secret')).fill(SECRET);
    const before = await world.pages();
    await clickButton(options, 'Save');
    const login = await world.waitForNewPage((url) => webex.loginOrigins.some((o) => url.startsWith(o)), before, 15_000);
    await login.locator(await byLabel(login, 'Email')).fill('ann@example.com');
    await login.locator(await byLabel(login, 'Password')).fill('webex-pw');
    await clickButton(login, 'Sign In');
    await waitForText(options, /Saved\.|Not saved/);
    expect(await options.evaluate(() => document.body.textContent)).toContain('Saved.');
    // Firefox closes its auth window once Webex sends the browser to the redirect address.
    await expect.poll(() => login.isClosed(), { timeout: 10_000 }).toBe(true);
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').setTimeout(15_000).wait();
    expect(await popup.$eval('.status', (e) => e.textContent)).toBe('Registered as ann@example.com@webexapis.com');
    // The sign-in asked for Firefox's redirect address and the token exchange proved the
    // verifier and the secret (the stand-in checks both); the user is read from people/me.
    const authorize = webex.requests.find((r) => r.path === '/v1/authorize');
    expect(new URLSearchParams(authorize?.query).get('redirect_uri')).toBe(redirectUri);
    expect(webex.requests.some((r) => r.path === '/v1/access_token' && r.status === 200)).toBe(true);
    expect(webex.requests.some((r) => r.path === '/v1/people/me' && r.status === 200)).toBe(true);
    expect(await popup.evaluate(() => document.body.innerHTML)).not.toContain(SECRET);
    await popup.close();
    await options.close();
  });

  it('a number clicked on a page is dialled by Webex as the user, E.164; the popup follows the call and hangs it up', async () => {
    const page = await world.callFromCard('#bob-number');
    await expect.poll(() => webex.dials.length).toBe(1);
    expect(webex.dials[0]).toEqual({ userId: ann.id, body: { destination: '+14155550142' } });
    const popup = await world.openPopup();
    await popup.locator('.call.active[data-call-state="ringing"]').setTimeout(10_000).wait();
    const callId = (await world.softphone()).calls[0]!.id;
    webex.farEndAnswers(callId);
    await popup.locator('.call.active[data-call-state="established"]').setTimeout(10_000).wait();
    await clickButton(popup, 'Hang up');
    await expect.poll(() => webex.commands.filter((c) => c.op === 'hangup').map((c) => c.body.callId)).toEqual([callId]);
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    await popup.waitForSelector('.call.active', { hidden: true });
    await popup.close();
    await page.close();
  });
});
