import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startWebexStandIn, type WebexStandIn } from '../harness/webex/stand-in';
import { pollUntil } from '../harness/poll';
import type { PhoneSnapshot } from '../../src/shared/phone/snapshot';
import { World } from './support/world';

// A Webex Calling user signs in through Webex's own login page in the browser's auth window, as
// a new user would, with the integration their admin registered (client id and secret); Offhook
// then drives their Webex phone through the Call Controls API: a page number is dialled, held,
// resumed and hung up through it, and calls are followed by reading the user's calls (Webex's
// events come only by webhook). Webex is the stand-in, at its real host names.
describe('a Webex Calling account', () => {
  const CLIENT_ID = 'C3f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7f80';
  const SECRET = 'offhook-integration-secret';
  let webex: WebexStandIn;
  let world: World;
  let ann: { id: string };

  beforeAll(async () => {
    webex = await startWebexStandIn();
    world = await World.start(inject('extensionDir'), {
      chromiumArgs: [`--host-resolver-rules=${webex.hostResolverRules}`, `--ignore-certificate-errors-spki-list=${webex.spkiHash}`],
    });
    webex.addClient({ clientId: CLIENT_ID, secret: SECRET, redirectUris: [`https://${world.extensionId}.chromiumapp.org/`] });
    ann = webex.addUser({ email: 'ann@example.com', password: 'webex-pw', name: 'Ann Agent', number: '+14155550100', extension: '100' });
    webex.addUser({ email: 'nocalling@example.com', password: 'pw2', name: 'No Calling', calling: false });
    webex.addUser({ email: 'bob.builder@example.com', password: 'pw3', name: 'Bob Builder', number: '+14155550142', extension: '142' });
    webex.setVoicemail('ann@example.com', { newMessages: 2, oldMessages: 0 });
  });
  afterAll(async () => {
    await world?.close();
    await webex?.close();
  });

  /** The phone line's state as the coordinator sees it (a Webex call is not the softphone's). */
  const line = async (): Promise<PhoneSnapshot> =>
    (await world.worker()).evaluate(() => (globalThis as unknown as { __offhookE2E: { softphone(m: boolean): Promise<PhoneSnapshot> } }).__offhookE2E.softphone(false));
  const waitForLine = (predicate: (s: PhoneSnapshot) => boolean, what: string, timeoutMs = 10_000): Promise<PhoneSnapshot> =>
    pollUntil(line, predicate, (last) => `${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last?.registration)}, ${last?.calls.length} calls)`, timeoutMs);
  const commands = (op: string) => webex.commands.filter((c) => c.op === op);

  /** The options page: Webex Calling, the integration's client id and secret, Save; then
   * Webex's own login page in the auth window, filled as a person does. */
  async function signIn(email: string, password: string): Promise<Page> {
    const options = world.takeWelcomePage() ?? (await world.context.newPage());
    if (!options.url().includes('options.html')) await options.goto(world.url('options.html'));
    await options.bringToFront();
    await options.getByLabel('Phone system').selectOption({ label: 'Webex Calling (sign in with Webex)' });
    await options.getByLabel('Integration client id').fill(CLIENT_ID);
    await options.getByLabel('Integration client secret').fill(SECRET);
    const loginPage = world.context.waitForEvent('page', { predicate: (p) => webex.loginOrigins.some((o) => p.url().startsWith(o)), timeout: 15_000 });
    await options.getByRole('button', { name: 'Save' }).click();
    const login = await loginPage;
    await login.getByLabel('Email').fill(email);
    await login.getByLabel('Password').fill(password);
    await login.getByRole('button', { name: 'Sign In' }).click();
    await options.getByText(/Saved\.|Not saved/).waitFor({ timeout: 15_000 });
    return options;
  }

  it('signs in through Webex’s login page (PKCE and the integration’s secret); the popup says connected, with the voicemail count', async () => {
    const options = await signIn('ann@example.com', 'webex-pw');
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 15_000 });
    expect(await popup.locator('.status').textContent()).toBe('Registered as ann@example.com@webexapis.com');
    expect(webex.requests.some((r) => r.path === '/v1/access_token' && r.status === 200)).toBe(true);
    await popup.getByText('2 new voicemail messages').waitFor();
    // The secret is the account's; the faces never see it.
    const view = await popup.evaluate(() => document.body.innerHTML);
    expect(view).not.toContain(SECRET);
    await popup.close();
    await options.close();
  });

  it('a number clicked on a page is dialled by Webex, E.164; hold, resume and hang up reach Webex, and the popup follows within a second', async () => {
    const page = await world.callFromCard('#bob-number');
    await expect.poll(() => webex.dials.length).toBe(1);
    expect(webex.dials[0]).toEqual({ userId: ann.id, body: { destination: '+14155550142' } });
    const popup = await world.openPopup();
    await popup.locator('.call.active[data-call-state="ringing"]').waitFor();
    const callId = (await line()).calls[0]!.id;
    webex.farEndAnswers(callId);
    const changedAt = webex.stateChanges.filter((c) => c.callId === callId && c.state === 'connected').at(-1)!.at;
    await popup.locator('.call.active[data-call-state="established"]').waitFor();
    const delay = Date.now() - changedAt;
    console.log(`webex: the far end answered → the popup showed it in ${delay} ms`);
    expect(delay).toBeLessThan(2_000);
    await popup.getByRole('button', { name: 'Hold' }).click();
    await expect.poll(() => commands('hold').length).toBe(1);
    await popup.getByRole('button', { name: 'Resume' }).waitFor();
    await popup.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => commands('resume').length).toBe(1);
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => commands('hangup').map((c) => c.body.callId)).toEqual([callId]);
    await waitForLine((s) => s.calls.length === 0, 'the call ended');
    await popup.close();
    await page.close();
  });

  it('an incoming call rings with Answer and Decline and a desktop notification; Answer answers it through Webex', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const { callId } = webex.incomingCall('ann@example.com', { number: '+14155550143', name: 'Carol Customer' });
    const incoming = popup.locator('.call.incoming');
    await incoming.waitFor({ timeout: 10_000 });
    await expect(incoming.locator('.who').textContent()).resolves.toContain('Carol Customer');
    await expect.poll(async () => (await world.notificationIds()).length, { timeout: 5000 }).toBeGreaterThan(0);
    await popup.getByRole('button', { name: 'Answer', exact: true }).click();
    await popup.locator('.call.active[data-call-state="established"]').waitFor();
    expect(commands('answer').map((c) => c.body)).toEqual([{ callId }]);
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await waitForLine((s) => s.calls.length === 0, 'the call ended');
    // Decline rejects the next one.
    const second = webex.incomingCall('ann@example.com', { number: '+14155550144', name: 'Dan Declined' });
    await incoming.waitFor({ timeout: 10_000 });
    await popup.getByRole('button', { name: 'Decline', exact: true }).click();
    await expect.poll(() => commands('reject').map((c) => c.body.callId)).toEqual([second.callId]);
    await waitForLine((s) => s.calls.length === 0, 'the declined call gone');
    await popup.close();
  });

  it('a call answered on another of the user’s phones stops ringing here', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    const { callId } = webex.incomingCall('ann@example.com', { number: '+14155550143', name: 'Carol Customer' });
    await popup.locator('.call.incoming').waitFor({ timeout: 10_000 });
    const t = Date.now();
    webex.answeredElsewhere(callId);
    await popup.locator('.call.incoming').waitFor({ state: 'detached', timeout: 2_000 });
    console.log(`webex: answered elsewhere → ringing stopped in ${Date.now() - t} ms`);
    webex.farEndHangsUp(callId);
    await waitForLine((s) => s.calls.length === 0, 'the call gone');
    await popup.close();
  });

  it('a name typed in the dialer is looked up in the Webex directory', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await popup.getByLabel('Number').fill('Bob');
    const directory = popup.getByRole('region', { name: 'Directory' });
    await directory.getByRole('button', { name: 'Call Bob Builder at +14155550142' }).waitFor();
    expect(webex.requests.some((r) => r.path === '/v1/people' && r.query.includes('displayName=Bob') && r.authorised)).toBe(true);
    await popup.close();
  });

  it('a token that lapses mid-day is renewed with the refresh token, and calls go on', async () => {
    const refreshes = () => webex.requests.filter((r) => r.path === '/v1/access_token' && r.status === 200).length;
    const before = refreshes();
    // Tokens now last just over Offhook's renewal margin: the next is renewed ahead of time.
    webex.setTokenLifetime(605);
    webex.expireAccessTokens('ann@example.com');
    await expect.poll(refreshes, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 2);
    webex.setTokenLifetime(1_209_599);
    await waitForLine((s) => s.registration.state === 'registered', 'still registered');
    const { callId } = webex.incomingCall('ann@example.com', { number: '+14155550143', name: 'After Refresh' });
    await waitForLine((s) => s.calls.some((c) => c.id === callId), 'the call rings after the refresh');
    webex.farEndHangsUp(callId);
    await waitForLine((s) => s.calls.length === 0, 'the call gone');
  });

  it('a number Webex refuses and rate limiting: each told in Webex’s words, the attempt kept', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    webex.refuseNumber('+14155550199', 'Invalid destination number.');
    await popup.getByLabel('Number').fill('+14155550199');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await popup.getByRole('alert').filter({ hasText: 'Invalid destination number.' }).waitFor();
    await popup.getByRole('region', { name: 'Recent calls' }).getByText('+14155550199', { exact: false }).first().waitFor();
    // Too many requests: Offhook waits as Webex asks (Retry-After), then the call goes.
    const dials = webex.dials.length;
    webex.rateLimit('/v1/telephony/calls/dial', 1, 1);
    await popup.getByLabel('Number').fill('+14155550142');
    await popup.getByRole('button', { name: 'Call', exact: true }).click();
    await expect.poll(() => webex.dials.length, { timeout: 10_000 }).toBeGreaterThan(dials);
    await popup.locator('.call.active').waitFor();
    webex.farEndAnswers((await line()).calls[0]!.id);
    await popup.locator('.call.active[data-call-state="established"]').waitFor();
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await waitForLine((s) => s.calls.length === 0, 'the call ended');
    await popup.close();
  });

  it('a sign-in revoked mid-call: Offhook says to sign in again, keeps the call in the history, and stops asking', async () => {
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    webex.incomingCall('ann@example.com', { number: '+14155550143', name: 'Revoked Midcall' });
    await popup.getByRole('button', { name: 'Answer', exact: true }).click({ timeout: 10_000 });
    await popup.locator('.call.active[data-call-state="established"]').waitFor();
    webex.revoke('ann@example.com');
    await popup.getByText('Your Webex sign-in has ended. Sign in again in the options.', { exact: false }).first().waitFor({ timeout: 20_000 });
    await popup.getByRole('link', { name: 'Sign in again' }).waitFor();
    await popup.getByRole('region', { name: 'Recent calls' }).getByText('Revoked Midcall').first().waitFor();
    const asked = webex.requests.length;
    await new Promise((r) => setTimeout(r, 5000));
    expect(webex.requests.length - asked).toBeLessThanOrEqual(1);
    await popup.close();
  });

  it('a user without Webex Calling is told so after signing in, and nothing is saved', async () => {
    // The revoke above also ended the login session: Webex shows its login page again.
    const options = await signIn('nocalling@example.com', 'pw2');
    await options.getByText('your Webex user has no Webex Calling', { exact: false }).waitFor();
    await options.close();
  });
});
