import { existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { FirefoxWorld } from './support/firefox-world';

// An admin deploys Offhook to Firefox by policy: Firefox reads its enterprise policies once,
// at startup, from /etc/firefox/policies/policies.json on Linux (Debian's firefox-esr too: not
// /etc/firefox-esr), or else from distribution/policies.json beside the binary
// (/usr/lib/firefox-esr/distribution/). It hands an extension its `3rdparty.Extensions.<id>`
// part through storage.managed as it is: Firefox knows no managed_schema, so Offhook's own
// reading of the policy is the only check. A temporary add-on with an id of its own in the
// manifest gets it too (only add-ons whose id Firefox made up are refused managed storage).
//
// The file is system-wide, so the add-on runs under an id of this run's own: another Firefox
// running the suite meanwhile is given nothing. The file is there only while this Firefox
// starts; a file already there is kept (ours merged into it) and put back as it was.
const POLICY_FILE = process.env.OFFHOOK_FIREFOX_POLICY_FILE ?? '/etc/firefox/policies/policies.json';
const ADDON_ID = `offhook-policy-e2e-${process.pid}@offhook.dev`;

/** Puts the policy file back as it was (and removes the folders made for it); safe to call twice. */
let restore: () => void = () => undefined;
const writable = (() => {
  try {
    const made = mkdirSync(path.dirname(POLICY_FILE), { recursive: true });
    const probe = `${POLICY_FILE}.offhook-probe-${process.pid}`;
    writeFileSync(probe, '{}');
    rmSync(probe);
    if (made) rmdirUpTo(path.dirname(POLICY_FILE), made);
    return true;
  } catch {
    return false;
  }
})();
if (!writable)
  console.warn(`offhook: ${POLICY_FILE} cannot be written (run as root, or set OFFHOOK_FIREFOX_POLICY_FILE to the policies.json Firefox reads): the Firefox managed policy suite is skipped`);

/** Writes `policy` as Offhook's part of the policies.json, keeping whatever else a file there held. */
function writePolicy(policy: Record<string, unknown>): void {
  const dir = path.dirname(POLICY_FILE);
  const before = existsSync(POLICY_FILE) ? readFileSync(POLICY_FILE) : undefined;
  const made = mkdirSync(dir, { recursive: true });
  let restored = false;
  restore = () => {
    if (restored) return;
    restored = true;
    if (before) writeFileSync(POLICY_FILE, before);
    else rmSync(POLICY_FILE, { force: true });
    if (made) rmdirUpTo(dir, made);
  };
  // Even when the run is cut short between here and afterAll.
  process.once('exit', restore);
  let file: { policies?: Record<string, unknown> } = {};
  try {
    if (before) file = JSON.parse(before.toString('utf8')) as typeof file;
  } catch {
    file = {};
  }
  const thirdParty = ((file.policies ??= {})['3rdparty'] ??= {}) as { Extensions?: Record<string, unknown> };
  thirdParty.Extensions = { ...thirdParty.Extensions, [ADDON_ID]: policy };
  writeFileSync(POLICY_FILE, JSON.stringify(file, null, 2));
}

/** Removes the empty folders from `dir` up to `top`, the first one mkdirSync made. */
function rmdirUpTo(dir: string, top: string): void {
  try {
    for (let d = dir; d.startsWith(top); d = path.dirname(d)) rmdirSync(d);
  } catch {
    // Someone else put a file there meanwhile: the folder is theirs now.
  }
}

describe.skipIf(!writable)('Firefox: deployed by policy', () => {
  let world: FirefoxWorld;
  let bob: Party;

  beforeAll(async () => {
    world = await FirefoxWorld.start(inject('firefoxExtensionDir'), {
      addonId: ADDON_ID,
      beforeFirefox: (server) =>
        writePolicy({
          account: { kind: 'sip', server: server.wsUrl, domain: server.domain },
          // homeCountry XX is no country: named and ignored, the rest applies.
          dialPlan: { international: 'prefix', internationalPrefix: '00', homeCountry: 'XX' },
        }),
    });
    // Read at startup and kept: the file has done its work.
    restore();
    bob = await world.party('bob');
  });
  afterAll(async () => {
    restore();
    await bob?.close();
    await world?.close();
  });

  it('the server, domain and dial plan come from policies.json, locked; a bad key is named; the user types only the login, registers and calls with audio', async () => {
    const options = await world.openExtensionPage('options.html');
    const field = (name: string) =>
      options.$eval(`#field-${name}`, (e) => ({ value: (e as HTMLInputElement).value, disabled: (e as HTMLInputElement).disabled }));
    await options.waitForFunction((url) => (document.querySelector('#field-server') as HTMLInputElement | null)?.value === url, {}, world.server.wsUrl);
    expect(await field('server')).toEqual({ value: world.server.wsUrl, disabled: true });
    expect(await field('domain')).toEqual({ value: world.server.domain, disabled: true });
    expect(await field('kind')).toMatchObject({ value: 'sip', disabled: true });
    expect(await field('dialInternational')).toEqual({ value: 'prefix', disabled: true });
    expect(await field('dialInternationalPrefix')).toEqual({ value: '00', disabled: true });
    const locked = await options.$$eval('.locked[data-locked]', (notes) => notes.map((n) => [n.getAttribute('data-locked'), n.textContent]));
    expect(Object.fromEntries(locked)).toMatchObject({
      server: 'Set by your organization',
      domain: 'Set by your organization',
      dialInternational: 'Set by your organization',
      dialInternationalPrefix: 'Set by your organization',
    });
    // The bad country: named with why, and the field stays the user's.
    const problems = await options.$$eval('.policy-problems li', (items) => items.map((li) => li.textContent ?? ''));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^dialPlan\.homeCountry: Use a two-letter country code/);
    expect((await field('dialHomeCountry')).disabled).toBe(false);
    // The user's own fields.
    expect((await field('username')).disabled).toBe(false);
    expect((await field('password')).disabled).toBe(false);

    await options.locator('.microphone .ok, .microphone .allow-mic').wait();
    if (await options.$('.allow-mic')) await options.locator('.allow-mic').click();
    await options.locator('.microphone .ok').wait();
    await options.locator('#field-username').fill('alice');
    await options.locator('#field-password').fill(world.server.users.find((u) => u.username === 'alice')!.password);
    await options.locator('button.save').click();
    await options.waitForFunction(
      (text) => document.querySelector('.registration')?.textContent?.includes(text) ?? false,
      { timeout: 15_000 },
      `Registered as alice@${world.server.domain}`,
    );
    // What Firefox handed over, as it is (no schema): the bad country included.
    const managed = await options.evaluate(() => (globalThis as unknown as { browser: { storage: { managed: { get(): Promise<unknown> } } } }).browser.storage.managed.get());
    expect(managed).toMatchObject({ account: { server: world.server.wsUrl }, dialPlan: { homeCountry: 'XX' } });
    await options.close();

    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').wait();
    await popup.locator('#number').fill('bob');
    await popup.locator('button.call-button').click();
    await bob.waitForState('ringing-in');
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
});
