import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Page as PartyPage } from 'playwright-core';
import { startGenesysStandIn, type GenesysStandIn } from '../harness/genesys/stand-in';
import { attachGenesysStreaming, type GenesysStreaming } from '../harness/genesys/streaming-stand-in';
import { pageMediaBytes, pageMediaPeer } from '../harness/genesys/page-media-peer';
import { linkWebrtcStation, type WebrtcStation } from '../harness/genesys/webrtc-station';
import { pollUntil } from '../harness/poll';
import { FirefoxWorld } from './support/firefox-world';

// A Genesys Cloud agent in Firefox: signs in on Genesys's own login page in Firefox's auth
// window (identity.launchWebAuthFlow, Authorization Code with PKCE back to Firefox's
// https://<hash>.extensions.allizom.org/), then Offhook dials through the Conversations API
// and follows the call on the notifications socket. Genesys is the stand-in, reached at its
// real host names: network.dns.localDomains resolves them to loopback and
// network.socket.forcePort sends Firefox's port 443 to the stand-in's port; its self-signed
// certificate is trusted by the BiDi session's acceptInsecureCerts.
describe('Firefox: a Genesys Cloud account', () => {
  const CLIENT_ID = '7de3af06-5b0e-4a3c-9d1f-2c8e4b6a9f10';
  let genesys: GenesysStandIn;
  let world: FirefoxWorld;
  let agent: { id: string };
  let redirectUri: string;
  let streaming: GenesysStreaming;
  let station: WebrtcStation;
  let farEnd: PartyPage;

  beforeAll(async () => {
    genesys = await startGenesysStandIn({ heartbeatS: 5 });
    const names = [genesys.loginOrigin, genesys.apiOrigin, `https://streaming.${genesys.region}`].map((o) => new URL(o).hostname);
    world = await FirefoxWorld.start(inject('firefoxExtensionDir'), {
      prefs: { 'network.dns.localDomains': names.join(','), 'network.socket.forcePort': `443=${genesys.port}` },
      acceptInsecureCerts: true,
    });
    // The admin registers the redirect address Firefox gives the extension.
    redirectUri = await world.identityRedirectURL();
    expect(redirectUri).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/);
    genesys.addClient({ clientId: CLIENT_ID, redirectUris: [redirectUri] });
    agent = genesys.addUser({ email: 'agent@example.com', password: 'genesys-pw', name: 'Ann Agent' });
    // For "Offhook: this browser is my Genesys WebRTC phone": the streaming half, and
    // Genesys's media as a page of the parties' Chromium.
    streaming = attachGenesysStreaming(genesys, { mediaPeer: () => pageMediaPeer(farEnd) });
    station = linkWebrtcStation(genesys, streaming);
    farEnd = await world.parties.context.newPage();
    await farEnd.goto(`${world.statics.origin}/fixtures/no-numbers.html`);
  });
  afterAll(async () => {
    streaming?.close();
    await world?.close();
    await genesys?.close();
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

  /** The options page: Genesys Cloud, the region and the client id by the form's labels, Save;
   * then Genesys's own login page in Firefox's auth window, filled as a person does. */
  async function signIn(email: string, password: string): Promise<{ options: Page; login: Page }> {
    const options = await world.openExtensionPage('options.html');
    const system = await byLabel(options, 'Phone system');
    const genesysOption = await options.$eval(
      system,
      (select, label) => [...(select as HTMLSelectElement).options].find((o) => o.textContent?.trim() === label)?.value,
      'Genesys Cloud (sign in with Genesys)',
    );
    expect(genesysOption).toBeTruthy();
    await options.select(system, genesysOption!);
    await options.select(await byLabel(options, 'Region'), 'mypurecloud.com');
    await options.locator(await byLabel(options, 'OAuth client id')).fill(CLIENT_ID);
    const before = await world.pages();
    await clickButton(options, 'Save');
    const login = await world.waitForNewPage((url) => url.startsWith(`${genesys.loginOrigin}/oauth/authorize`), before, 15_000);
    await login.locator(await byLabel(login, 'Email')).fill(email);
    await login.locator(await byLabel(login, 'Password')).fill(password);
    await clickButton(login, 'Log In');
    await waitForText(options, /Saved\.|Not saved/);
    return { options, login };
  }

  it('signs in on Genesys’s login page in Firefox’s auth window (PKCE); the popup says it is connected as the agent', async () => {
    const { options, login } = await signIn('agent@example.com', 'genesys-pw');
    expect(await options.evaluate(() => document.body.textContent)).toContain('Saved.');
    // Firefox closes its auth window once Genesys sends the browser to the redirect address.
    await expect.poll(() => login.isClosed(), { timeout: 10_000 }).toBe(true);
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').setTimeout(15_000).wait();
    expect(await popup.$eval('.status', (e) => e.textContent)).toBe('Registered as agent@example.com@mypurecloud.com');
    // The sign-in asked for Firefox's redirect address, the code came back to it and the token
    // exchange proved the verifier (the stand-in checks S256); the channel's socket is up.
    const authorize = genesys.requests.find((r) => r.host === `login.${genesys.region}` && r.path === '/oauth/authorize');
    expect(new URLSearchParams(authorize?.query).get('redirect_uri')).toBe(redirectUri);
    expect(genesys.requests.some((r) => r.host === `login.${genesys.region}` && r.path === '/oauth/token' && r.status === 200)).toBe(true);
    expect(genesys.requests.some((r) => r.host === `api.${genesys.region}` && r.path === '/api/v2/users/me' && r.status === 200)).toBe(true);
    expect(genesys.requests.some((r) => r.host === `streaming.${genesys.region}` && r.status === 101)).toBe(true);
    await popup.close();
    await options.close();
  });

  it('a number dialled from the popup is dialled by Genesys as the agent, E.164; the popup follows the call and hangs it up', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').wait();
    await popup.locator(await byLabel(popup, 'Number')).fill('+14155550142');
    await clickButton(popup, 'Call');
    await expect.poll(() => genesys.dials.length).toBe(1);
    expect(genesys.dials[0]).toEqual({ userId: agent.id, body: { phoneNumber: '+14155550142' } });
    await popup.locator('.call.active[data-call-state="ringing"]').wait();
    const conversationId = (await world.softphone()).calls[0]!.id;
    genesys.farEndAnswers(conversationId);
    await popup.locator('.call.active[data-call-state="established"]').wait();
    // The agent's own participant, as the call's events on the agent's topic name it.
    const event = genesys.events.find((e) => e.topicName === `v2.users.${agent.id}.conversations.calls` && (e.eventBody as { id?: string }).id === conversationId);
    const participants = (event?.eventBody as { participants?: { id: string; purpose: string; user?: { id: string } }[] } | undefined)?.participants ?? [];
    const mine = participants.find((p) => p.purpose === 'user' && p.user?.id === agent.id);
    expect(mine).toBeTruthy();
    await clickButton(popup, 'Hang up');
    await expect
      .poll(() => genesys.participantRequests.find((r) => r.conversationId === conversationId && r.method === 'PATCH'))
      .toMatchObject({ participantId: mine!.id, body: { state: 'disconnected' } });
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    await popup.waitForSelector('.call.active', { hidden: true });
    await popup.close();
  });

  it('as the Genesys phone: Genesys’s WebRTC SDK runs in the background page, a call rings in the popup, Answer takes it with audio both ways', { timeout: 60_000 }, async () => {
    // The same sign-in: only "Your phone" changes, and Save keeps the sign-in (no login window).
    // Firefox's background page cannot ask for the microphone: the options page does, once.
    const options = await world.openExtensionPage('options.html');
    await options.locator('.microphone .ok, .microphone .allow-mic').wait();
    if (await options.$('.allow-mic')) await options.locator('.allow-mic').click();
    await options.locator('.microphone .ok').wait();
    const mode = await byLabel(options, 'Your phone');
    const offhook = await options.$eval(mode, (select) => [...(select as HTMLSelectElement).options].find((o) => o.textContent?.trim() === 'Offhook: this browser is my Genesys WebRTC phone')?.value);
    expect(offhook).toBe('offhook');
    await options.select(mode, offhook!);
    const before = await world.pages();
    await clickButton(options, 'Save');
    await streaming.waitBound('agent@example.com', 1, 20_000);
    await world.waitForSoftphone((s) => s.registration.state === 'registered', 'registered as the station', 20_000);
    expect([...(await world.pages())].filter((p) => !before.has(p)).map((p) => p.url())).toEqual([]);

    const popup = await world.openPopup();
    const { conversationId, sessionId } = station.ring('agent@example.com', { number: '+14155550143', name: 'Carol Customer' });
    await popup.locator('.call.incoming').setTimeout(10_000).wait();
    await clickButton(popup, 'Answer');
    await expect.poll(() => streaming.proceeds, { timeout: 10_000 }).toContain(sessionId);
    await popup.locator('.call.active[data-call-state="established"]').setTimeout(10_000).wait();
    expect(genesys.participantRequests.filter((r) => r.conversationId === conversationId)).toEqual([]);
    const bytes = await world.waitForExtensionAudio(2_000, 15_000);
    await pollUntil(() => pageMediaBytes(farEnd), (b) => b.sent > 2_000 && b.received > 2_000, (b) => `Genesys's media: ${JSON.stringify(b)}`, 15_000);
    console.info(`Firefox as the Genesys phone: sent ${bytes.bytesSent}, received ${bytes.bytesReceived} bytes of audio`);
    await clickButton(popup, 'Hang up');
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    expect(streaming.unanswered).toEqual([]);
    expect(streaming.clientErrors).toEqual([]);
    await popup.close();
    await options.close();
  });
});
