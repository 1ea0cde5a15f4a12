import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { pollUntil } from '../harness/poll';
import { World } from './support/world';

// An admin deploys Offhook by policy: Chromium on Linux reads managed policy from
// /etc/chromium/policies/managed/*.json (OFFHOOK_POLICY_DIR elsewhere, for a run that cannot
// write /etc), and gives an extension its `3rdparty.extensions.<id>` part through
// storage.managed, checked against the manifest's managed_schema. Chromium watches that
// folder: a file written or changed while it runs is read again within seconds (its file
// watcher waits 5 s for the file to settle), and the extension hears storage.onChanged for
// 'managed'. No restart, and no chrome://policy reload is needed.
//
// The extension runs from a copy of its own: an unpacked extension's id comes from its folder,
// so this policy is for this test's copy alone, whatever else runs.
const POLICY_DIR = process.env.OFFHOOK_POLICY_DIR ?? '/etc/chromium/policies/managed';
const writable = (() => {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    const probe = path.join(POLICY_DIR, `.offhook-probe-${process.pid}`);
    writeFileSync(probe, '{}');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
})();
if (!writable) console.warn(`offhook: ${POLICY_DIR} cannot be written (run as root, or set OFFHOOK_POLICY_DIR to Chromium's managed policy folder): the managed policy suite is skipped`);

/** This test's own copy of Offhook (an unpacked extension's id comes from its folder, so a
 * policy file names this copy alone), and the policy file Chromium reads for it. */
function policyBrowser(file: string) {
  let copy = '';
  const self = {
    world: undefined as unknown as World,
    async start(): Promise<World> {
      copy = mkdtempSync(path.join(tmpdir(), 'offhook-policy-ext-'));
      cpSync(inject('extensionDir'), copy, { recursive: true });
      return (self.world = await World.start(copy));
    },
    /** Writes the policy Chromium gives Offhook (its 3rdparty part for this extension id). */
    setPolicy(policy: Record<string, unknown>): void {
      writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [self.world.extensionId]: policy } } }, null, 2));
    },
    async close(): Promise<void> {
      if (existsSync(file)) rmSync(file);
      await self.world?.close();
      if (copy) rmSync(copy, { recursive: true, force: true });
    },
  };
  return self;
}

describe.skipIf(!writable)('deployed by policy', () => {
  let world: World;
  let bob: Party;
  const browser = policyBrowser(path.join(POLICY_DIR, `offhook-e2e-${process.pid}.json`));
  const setPolicy = (policy: Record<string, unknown>) => browser.setPolicy(policy);
  /** What the extension reads from storage.managed now. */
  const managed = async (): Promise<Record<string, unknown>> =>
    (await world.worker()).evaluate(() => (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<Record<string, unknown>> } } } }).chrome.storage.managed.get());

  beforeAll(async () => {
    world = await browser.start();
    bob = await world.party('bob', { displayName: 'Bob Builder' });
  });
  afterAll(async () => {
    await bob?.close();
    await browser.close();
  });

  let options: Page;

  it('the server, domain and dial plan come from the organization, locked; a bad key is named; the user types only the login, registers and calls with audio', async () => {
    const policy = {
      account: { kind: 'sip', server: world.server.wsUrl, domain: world.server.domain, expires: 5 },
      dialPlan: { international: 'plus', homeCountry: 'US' },
    };
    const before = Date.now();
    setPolicy(policy);
    await pollUntil(managed, (m) => m.account !== undefined, (last) => `Chromium did not hand the policy over: ${JSON.stringify(last)}`, 30_000);
    console.log(`managed policy: file written → storage.managed has it in ${Date.now() - before} ms`);

    options = world.takeWelcomePage() ?? (await world.context.newPage());
    await options.goto(world.url('options.html'));
    await options.bringToFront();
    const server = options.getByLabel('Server (WebSocket URL)');
    await expect.poll(() => server.inputValue()).toBe(world.server.wsUrl);
    expect(await server.isDisabled()).toBe(true);
    expect(await options.getByLabel('Domain').inputValue()).toBe(world.server.domain);
    expect(await options.getByLabel('Domain').isDisabled()).toBe(true);
    expect(await options.getByLabel('Phone system').isDisabled()).toBe(true);
    expect(await options.getByText('Set by your organization').count()).toBeGreaterThanOrEqual(4);
    // The user's own fields stay theirs.
    expect(await options.getByLabel('Username', { exact: true }).isDisabled()).toBe(false);
    // expires 5 is out of range: named, ignored, the rest applied.
    await options.getByText('account.expires').waitFor();

    const allowed = options.getByText('The microphone is allowed.');
    const allow = options.getByRole('button', { name: 'Allow microphone' });
    await allowed.or(allow).first().waitFor();
    if (await allow.isVisible()) await allow.click();
    await options.getByLabel('Username', { exact: true }).fill('alice');
    await options.getByLabel('Password', { exact: true }).fill(world.server.users.find((u) => u.username === 'alice')!.password);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: `Registered as alice@${world.server.domain}` }).waitFor({ timeout: 15_000 });

    const snapshot = await world.softphone();
    expect(snapshot.registration).toMatchObject({ state: 'registered' });
    const popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.answer();
    await bob.waitForAudio(2000);
    const media = await world.waitForExtensionAudio(2000);
    expect(media.bytesReceived).toBeGreaterThan(2000);
    expect(media.bytesSent).toBeGreaterThan(2000);
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
    await popup.close();
  });

  it('a policy changed while the browser runs applies at once: the account takes the new interval and re-registers', async () => {
    setPolicy({ account: { kind: 'sip', server: world.server.wsUrl, domain: world.server.domain, expires: 120 }, dialPlan: { international: 'plus', homeCountry: 'US' } });
    // The stored account, as the options page asks the coordinator for it.
    const stored = () =>
      options.evaluate(async () => {
        const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
        const reply = (await runtime.sendMessage({ offhook: 1, channel: 'coordinator', kind: 'request', type: 'account:get', payload: {} })) as { ok: boolean; value?: { expires: number } | null };
        return reply.value ?? null;
      });
    const t0 = Date.now();
    const changed = await pollUntil(stored, (a) => a?.expires === 120, (last) => `the account did not take the new interval: ${JSON.stringify(last)}`, 30_000);
    console.log(`managed policy: file changed → the account re-configured in ${Date.now() - t0} ms`);
    expect(changed?.expires).toBe(120);
    await world.waitForSoftphone((s) => s.registration.state === 'registered', 're-registered');
    await options.reload();
    await expect.poll(() => options.getByLabel('Registration interval (seconds)').inputValue()).toBe('120');
    expect(await options.getByText('account.expires').count()).toBe(0);
  });

  it('the organization’s site rules win over the user’s switches: a denied page gets no marks and the popup says why; no other account may be added', async () => {
    const base = { account: { kind: 'sip', server: world.server.wsUrl, domain: world.server.domain, expires: 120 }, dialPlan: { international: 'plus', homeCountry: 'US' } };
    // Marks on the fixtures only, never on contact.html; a bad pattern is named and ignored.
    setPolicy({
      ...base,
      detection: { allowSites: ['*://127.0.0.1/fixtures/*'], denySites: ['*://127.0.0.1/fixtures/contact.html', 'https://exa*mple.com/*'], defaultCountry: 'US' },
      allowOtherAccounts: false,
    });
    await pollUntil(managed, (m) => m.detection !== undefined, (last) => `Chromium did not hand the new policy over: ${JSON.stringify(last)}`, 30_000);

    const denied = await world.openFixture('contact.html');
    const allowed = await world.openFixture('split.html');
    await world.waitForNumbers(allowed, (n) => n.length === 2, 'the numbers on an allowed page');
    // The denied page: nothing marked, and the popup says the organization turned it off here,
    // with the site switch showing it and locked.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await world.numbersOn(denied)).toEqual([]);
    const popup = await world.openPopup(denied);
    await popup.getByText('Your organization has turned Offhook off on this site').waitFor();
    const site = popup.getByLabel('On 127.0.0.1');
    expect(await site.isChecked()).toBe(false);
    expect(await site.isDisabled()).toBe(true);
    // The user's own switch does not bring the marks back on an allowed page either way: the
    // organization lists it, so it is on and locked.
    const onAllowed = await world.openPopup(allowed);
    expect(await onAllowed.getByLabel('On 127.0.0.1').isChecked()).toBe(true);
    expect(await onAllowed.getByLabel('On 127.0.0.1').isDisabled()).toBe(true);
    await onAllowed.close();

    // The options page: the lists, the locked country, the bad pattern named, and no "Add account".
    await options.reload();
    await options.locator('[data-organization-sites="denySites"]').getByText('*://127.0.0.1/fixtures/contact.html').waitFor();
    expect(await options.getByLabel('Default country').isDisabled()).toBe(true);
    await options.getByText('detection.denySites[1]').waitFor();
    expect(await options.getByRole('button', { name: 'Add another account' }).count()).toBe(0);
    await options.getByText('Your organization does not allow adding other accounts').first().waitFor();

    // The policy lifted: the page is the user's again, and marked without a reload.
    setPolicy(base);
    await world.waitForNumbers(denied, (n) => n.length === 2, 'the numbers once the organization’s rule is lifted', 30_000);
    await popup.reload();
    await expect.poll(() => popup.getByText('Your organization has turned Offhook off on this site').count()).toBe(0);
    expect(await popup.getByLabel('On 127.0.0.1').isDisabled()).toBe(false);
    await popup.close();
    await denied.close();
    await allowed.close();
  });
});

// A shared account handed out whole: a front desk's browser registers as it with nobody at
// the keyboard, and the password never reaches a page.
describe.skipIf(!writable)('a shared account deployed by policy', () => {
  let world: World;
  let bob: Party;
  const browser = policyBrowser(path.join(POLICY_DIR, `offhook-e2e-shared-${process.pid}.json`));

  beforeAll(async () => {
    world = await browser.start();
    await world.takeWelcomePage()?.close();
    // The policy arrives while the browser runs, with no account stored: the account is set up
    // from it alone.
    browser.setPolicy({ account: { kind: 'sip', server: world.server.wsUrl, domain: world.server.domain, username: 'carol', password: 'carol-secret' } });
    bob = await world.party('bob', { displayName: 'Bob Builder' });
  });
  afterAll(async () => {
    await bob?.close();
    await browser.close();
  });

  it('registers as the shared account on its own, calls with audio, and the options page shows it locked with the password masked', async () => {
    await world.waitForSoftphone((s) => s.registration.state === 'registered', 'registered as the shared account', 30_000);
    expect((await world.softphone()).registration).toMatchObject({ state: 'registered', aor: `carol@${world.server.domain}` });
    const popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.answer();
    const media = await world.waitForExtensionAudio(2000);
    expect(media.bytesReceived).toBeGreaterThan(2000);
    expect(media.bytesSent).toBeGreaterThan(2000);
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await popup.close();

    const options = world.takeWelcomePage() ?? (await world.context.newPage());
    await options.goto(world.url('options.html'));
    await expect.poll(() => options.getByLabel('Username', { exact: true }).inputValue()).toBe('carol');
    expect(await options.getByLabel('Username', { exact: true }).isDisabled()).toBe(true);
    expect(await options.getByLabel('Password', { exact: true }).isDisabled()).toBe(true);
    // What the page was given: the password masked, never the secret itself.
    expect(await options.getByLabel('Password', { exact: true }).inputValue()).toBe('••••••••');
    expect(await options.content()).not.toContain('carol-secret');
    await options.close();
  });
});
