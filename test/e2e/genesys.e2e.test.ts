import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startGenesysStandIn, type GenesysStandIn } from '../harness/genesys/stand-in';
import { pollUntil } from '../harness/poll';
import type { PhoneSnapshot } from '../../src/shared/phone/snapshot';
import { World } from './support/world';

// A Genesys Cloud agent signs in through Genesys's own login page in the browser's auth window,
// as a new user would; Offhook then drives their Genesys phone: a page number is dialled through
// the Conversations API, and calls ring from the notifications socket. Genesys is the stand-in,
// reached at its real host names (Chromium maps them to 127.0.0.1).
describe('a Genesys Cloud account', () => {
  const CLIENT_ID = '7de3af06-5b0e-4a3c-9d1f-2c8e4b6a9f10';
  let genesys: GenesysStandIn;
  let world: World;
  let agent: { id: string };

  beforeAll(async () => {
    genesys = await startGenesysStandIn({ heartbeatS: 5, closingGraceS: 1 });
    world = await World.start(inject('extensionDir'), {
      chromiumArgs: [`--host-resolver-rules=${genesys.hostResolverRules}`, `--ignore-certificate-errors-spki-list=${genesys.spkiHash}`],
    });
    genesys.addClient({ clientId: CLIENT_ID, redirectUris: [`https://${world.extensionId}.chromiumapp.org/`] });
    agent = genesys.addUser({ email: 'agent@example.com', password: 'genesys-pw', name: 'Ann Agent' });
    genesys.addUser({ email: 'nostation@example.com', password: 'pw2', name: 'No Station', station: false });
  });
  afterAll(async () => {
    await world?.close();
    await genesys?.close();
  });

  /** The phone line's state as the coordinator sees it (a Genesys call is not the softphone's). */
  const line = async (): Promise<PhoneSnapshot> =>
    (await world.worker()).evaluate(() => (globalThis as unknown as { __offhookE2E: { softphone(m: boolean): Promise<PhoneSnapshot> } }).__offhookE2E.softphone(false));
  const waitForLine = (predicate: (s: PhoneSnapshot) => boolean, what: string, timeoutMs = 10_000): Promise<PhoneSnapshot> =>
    pollUntil(line, predicate, (last) => `${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last?.registration)}, ${last?.calls.length} calls)`, timeoutMs);

  /** The options page: Genesys Cloud, the region and the client id, Save; then Genesys's own
   * login page in the auth window, filled as a person does. */
  async function signIn(email: string, password: string): Promise<Page> {
    const options = world.takeWelcomePage() ?? (await world.context.newPage());
    if (!options.url().includes('options.html')) await options.goto(world.url('options.html'));
    await options.bringToFront();
    await options.getByLabel('Phone system').selectOption({ label: 'Genesys Cloud (sign in with Genesys)' });
    await options.getByLabel('Region').selectOption('mypurecloud.com');
    await options.getByLabel('OAuth client id').fill(CLIENT_ID);
    const loginPage = world.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(genesys.loginOrigin), timeout: 15_000 });
    await options.getByRole('button', { name: 'Save' }).click();
    const login = await loginPage;
    await login.getByLabel('Email').fill(email);
    await login.getByLabel('Password').fill(password);
    await login.getByRole('button', { name: 'Log In' }).click();
    await options.getByText(/Saved\.|Not saved/).waitFor({ timeout: 15_000 });
    return options;
  }

  it('signs in through Genesys’s login page (PKCE), and the popup says it is connected as the agent', async () => {
    const options = await signIn('agent@example.com', 'genesys-pw');
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 15_000 });
    expect(await popup.locator('.status').textContent()).toBe('Registered as agent@example.com@mypurecloud.com');
    // The token exchange proved the verifier (the stand-in checks S256), and the channel is up.
    expect(genesys.requests.some((r) => r.host === `login.${genesys.region}` && r.path === '/oauth/token' && r.status === 200)).toBe(true);
    expect(genesys.requests.some((r) => r.host === `streaming.${genesys.region}` && r.status === 101)).toBe(true);
    await popup.close();
    await options.close();
  });

  it('a number clicked on a page is dialled by Genesys as the agent, E.164, and the popup follows the call', async () => {
    const page = await world.callFromCard('#bob-number');
    await expect.poll(() => genesys.dials.length).toBe(1);
    expect(genesys.dials[0]).toEqual({ userId: agent.id, body: { phoneNumber: '+14155550142' } });
    const popup = await world.openPopup();
    await popup.locator('.call.active[data-call-state="ringing"]').waitFor();
    const conversationId = (await line()).calls[0]!.id;
    genesys.farEndAnswers(conversationId);
    await popup.locator('.call.active[data-call-state="established"]').waitFor();
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => genesys.participantRequests.some((r) => r.conversationId === conversationId && (r.body as { state?: string })?.state === 'disconnected')).toBe(true);
    await waitForLine((s) => s.calls.length === 0, 'the call ended');
    await popup.close();
    await page.close();
  });

  it('an incoming call rings with Answer and Decline; Answer answers the agent’s own participant', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const { conversationId } = genesys.incomingCall('agent@example.com', { number: '+14155550143', name: 'Carol Customer' });
    const incoming = popup.locator('.call.incoming');
    await incoming.waitFor();
    await expect(incoming.locator('.who').textContent()).resolves.toContain('Carol Customer');
    // The same desktop notification as any call, with Answer and Decline.
    await expect.poll(async () => (await world.notificationIds()).length, { timeout: 5000 }).toBeGreaterThan(0);
    await popup.getByRole('button', { name: 'Answer', exact: true }).click();
    await popup.locator('.call.active[data-call-state="established"]').waitFor();
    const answer = genesys.participantRequests.find((r) => r.conversationId === conversationId && r.method === 'PATCH');
    expect(answer?.body).toEqual({ state: 'connected' });
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await waitForLine((s) => s.calls.length === 0, 'the call ended');
    await popup.close();
  });

  it('a call answered elsewhere stops ringing within a second', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const { conversationId } = genesys.incomingCall('agent@example.com', { number: '+14155550143', name: 'Carol Customer' });
    await popup.locator('.call.incoming').waitFor();
    const t = Date.now();
    genesys.answeredElsewhere(conversationId);
    await popup.locator('.call.incoming').waitFor({ state: 'detached', timeout: 1000 });
    expect(Date.now() - t).toBeLessThan(1000);
    await popup.close();
  });

  it('a dropped notifications socket is reconnected, and a call that came meanwhile is found', async () => {
    genesys.dropSockets();
    const { conversationId } = genesys.incomingCall('agent@example.com', { number: '+14155550143', name: 'Carol Customer' });
    // The event went to no socket; the reconnect's reconciliation finds the call ringing.
    const ringing = await waitForLine((s) => s.calls.some((c) => c.id === conversationId && c.state === 'incoming'), 'the call found after the drop', 15_000);
    expect(ringing.registration.state).toBe('registered');
    genesys.answeredElsewhere(conversationId);
    await waitForLine((s) => s.calls.length === 0, 'the call gone');
  });

  it('an expired channel moves to a new one without losing a call event', async () => {
    const before = genesys.requests.filter((r) => r.path === '/api/v2/notifications/channels' && r.method === 'POST').length;
    genesys.expireChannels();
    await expect.poll(() => genesys.requests.filter((r) => r.path === '/api/v2/notifications/channels' && r.method === 'POST').length, { timeout: 10_000 }).toBeGreaterThan(before);
    await waitForLine((s) => s.registration.state === 'registered', 'registered on the new channel', 15_000);
    const { conversationId } = genesys.incomingCall('agent@example.com', { number: '+14155550143', name: 'Carol Customer' });
    await waitForLine((s) => s.calls.some((c) => c.id === conversationId), 'the call rings on the new channel');
    genesys.answeredElsewhere(conversationId);
    await waitForLine((s) => s.calls.length === 0, 'the call gone');
  });

  it('a number Genesys refuses, a missing permission and rate limiting: each told in Genesys’s words, the attempt kept', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    genesys.refuseNumber('+14155550199');
    await popup.getByLabel('Number').fill('+14155550199');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await popup.getByRole('alert').filter({ hasText: 'The phone number [+14155550199] is not valid.' }).waitFor();
    // The attempt is in the history, with the number to try again.
    await popup.getByRole('region', { name: 'Recent calls' }).getByText('+14155550199', { exact: false }).first().waitFor();
    // Without the permission to place calls, Genesys's message names it.
    genesys.setCanCall('agent@example.com', false);
    await popup.getByLabel('Number').fill('+14155550142');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await popup.getByRole('alert').filter({ hasText: 'conversation:conference:add' }).waitFor();
    genesys.setCanCall('agent@example.com', true);
    // Too many requests: Offhook waits as Genesys asks (Retry-After), then the call goes.
    const dials = genesys.dials.length;
    genesys.rateLimit('/api/v2/conversations/calls', 1, 1);
    await popup.getByLabel('Number').fill('+14155550142');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => genesys.dials.length, { timeout: 10_000 }).toBeGreaterThan(dials);
    await popup.locator('.call.active').waitFor();
    genesys.farEndAnswers((await line()).calls[0]!.id);
    await popup.locator('.call.active[data-call-state="established"]').waitFor();
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await waitForLine((s) => s.calls.length === 0, 'the call ended');
    await popup.close();
  });

  it('a sign-in revoked mid-call: hanging up tells to sign in again, and the call stays in the history, with no loop', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const { conversationId } = genesys.incomingCall('agent@example.com', { number: '+14155550143', name: 'Revoked Midcall' });
    await popup.getByRole('button', { name: 'Answer', exact: true }).click();
    await popup.locator('.call.active[data-call-state="established"]').waitFor();
    genesys.revoke('agent@example.com');
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await popup.getByText('Your Genesys Cloud sign-in has ended. Sign in again in the options.', { exact: false }).first().waitFor({ timeout: 20_000 });
    await popup.getByRole('link', { name: 'Sign in again' }).waitFor();
    await popup.getByRole('region', { name: 'Recent calls' }).getByText('Revoked Midcall').first().waitFor();
    expect((await line()).calls.some((c) => c.id === conversationId)).toBe(false);
    const asked = genesys.requests.length;
    await new Promise((r) => setTimeout(r, 5000));
    expect(genesys.requests.length - asked).toBeLessThanOrEqual(2);
    await popup.close();
  });

  it('a user without a phone (station) is told so after signing in, and nothing is saved', async () => {
    // The revoke above also ended the login session: Genesys shows its login page again.
    const options = await signIn('nostation@example.com', 'pw2');
    await options.getByText('Your Genesys user has no phone (station) assigned', { exact: false }).waitFor();
    await options.close();
  });
});
