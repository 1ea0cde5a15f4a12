import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startTortureServer } from '../harness/torture-server';
import { World } from './support/world';

// Export and import of the settings as JSON: the file has no secret; importing it restores
// what was changed since; a broken or hostile file is explained field by field and changes
// nothing.
describe('settings export and import', () => {
  let world: World;
  let options: Page;
  let exported = '';

  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    options = await world.configureAccount('alice', undefined, { displayName: 'Alice Export' });
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
  });
  afterAll(async () => {
    await world?.close();
  });

  const setCountry = async (code: string) => {
    await options.getByLabel('Default country').fill(code);
    await options.getByLabel('Default country').press('Tab');
    await expect.poll(() => world.worker().then((w) => w.evaluate(() => chrome.storage.local.get('detection')))).toMatchObject({
      detection: { defaultRegion: code },
    });
  };

  it('exports detection settings and the account without any secret', async () => {
    await setCountry('DE');
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export settings' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^offhook-settings-\d{4}-\d\d-\d\d\.json$/);
    exported = await readFile((await download.path())!, 'utf8');
    const file = JSON.parse(exported);
    expect(file).toMatchObject({ offhook: 'settings', version: 1, detection: { defaultRegion: 'DE' }, accounts: [{ username: 'alice', displayName: 'Alice Export' }] });
    expect(exported).not.toMatch(/alice-secret|password|ha1/i);
    await options.locator('.transfer-message').filter({ hasText: 'no password, HA1 or TURN credential' }).waitFor();
  });

  it('importing the file restores what was changed since, and the account stays registered', async () => {
    await setCountry('FR');
    await options.getByLabel('Display name').fill('Someone Else');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('.message').filter({ hasText: 'Saved.' }).first().waitFor();

    await options.getByLabel('Import settings from a file').setInputFiles({ name: 'offhook.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await options.locator('.transfer-message').filter({ hasText: 'Imported. Your settings are restored' }).waitFor();
    await expect.poll(() => options.getByLabel('Default country').inputValue()).toBe('DE');
    await expect.poll(() => options.getByLabel('Display name').inputValue()).toBe('Alice Export');
    await options.reload();
    await expect.poll(() => options.getByLabel('Display name').inputValue()).toBe('Alice Export');
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    const popup = await world.openPopup();
    await popup.locator('.status[data-state="registered"]').waitFor();
    await popup.close();
  });

  it('a broken or hostile file is explained field by field and changes nothing', async () => {
    const hostile = JSON.parse(exported);
    hostile.detection.defaultRegion = '<img src=x onerror=alert(1)>';
    hostile.accounts[0].server = 'javascript:alert(1)';
    hostile.accounts[0].password = 'planted';
    hostile.accounts[0].dialPlan.outsideLine = '9;user=phone';
    await options.getByLabel('Import settings from a file').setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
    await options.locator('.transfer-message').filter({ hasText: 'Nothing was imported' }).waitFor();
    const problems = await options.locator('.import-problems li').allTextContents();
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Detection, defaultRegion: /),
        expect.stringMatching(/^Account 1: a settings file never carries passwords/),
      ]),
    );
    // The hostile text is shown as text, never as markup.
    expect(await options.locator('.import-problems img').count()).toBe(0);

    await options.getByLabel('Import settings from a file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    await options.locator('.import-problems li').filter({ hasText: 'The file is not JSON' }).waitFor();

    delete hostile.accounts[0].password;
    hostile.detection.defaultRegion = 'DE';
    await options.getByLabel('Import settings from a file').setInputFiles({ name: 'evil2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
    await options.locator('.import-problems li').filter({ hasText: /^Account 1, Server \(WebSocket URL\): / }).waitFor();
    await options.locator('.import-problems li').filter({ hasText: /^Account 1, Outside-line prefix: / }).waitFor();

    await options.reload();
    await expect.poll(() => options.getByLabel('Server (WebSocket URL)').inputValue()).toBe(world.server.wsUrl);
    await expect(options.getByLabel('Outside-line prefix').inputValue()).resolves.toBe('');
    const stored = await (await world.worker()).evaluate(() => chrome.storage.local.get('detection'));
    expect(stored).toMatchObject({ detection: { defaultRegion: 'DE' } });
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
  });

  it('a file that moves the stored account to another server takes no password along', async () => {
    // The server the file names: a stranger's, which would love a REGISTER with credentials.
    const stranger = await startTortureServer();
    try {
      const moved = JSON.parse(exported);
      moved.accounts[0].server = stranger.wsUrl;
      await options.getByLabel('Import settings from a file').setInputFiles({ name: 'moved.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(moved)) });
      await options.locator('.transfer-message').filter({ hasText: 'moves alice@offhook.test to another server or user' }).waitFor();
      await expect(options.getByLabel('Server (WebSocket URL)').inputValue()).resolves.toBe(stranger.wsUrl);
      await expect(options.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
      // Save without typing it: refused, the stored password stays where it was saved for.
      await options.getByRole('button', { name: 'Save' }).click();
      await options.getByText(/The server or the user changed: enter the password again/).waitFor();
      await new Promise((r) => setTimeout(r, 1500));
      expect(stranger.registrations()).toBe(0);
      expect(stranger.received.filter((m) => m.method === 'REGISTER')).toEqual([]);
      const popup = await world.openPopup();
      await popup.locator('.status').filter({ hasText: `Registered as alice@offhook.test` }).waitFor();
      await popup.close();
      await options.reload();
      await expect.poll(() => options.getByLabel('Server (WebSocket URL)').inputValue()).toBe(world.server.wsUrl);
    } finally {
      await stranger.stop();
    }
  });

  it('a file that turns on auto-answer or changes the ICE servers is applied only once confirmed', async () => {
    const intercom = JSON.parse(exported);
    intercom.accounts[0].autoAnswer = 'intercom';
    intercom.accounts[0].iceServers = [{ urls: 'stun:127.0.0.1:3478' }];
    const load = () =>
      options.getByLabel('Import settings from a file').setInputFiles({ name: 'intercom.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(intercom)) });
    await load();
    await options.locator('.transfer-message').filter({ hasText: 'Nothing is imported yet: this file changes how calls reach you' }).waitFor();
    expect(await options.locator('.import-confirm li').allTextContents()).toEqual([
      'Account 1: turns on auto-answer for intercom calls.',
      'Account 1: sets the ICE/TURN servers, through which calls’ audio goes, to: stun:127.0.0.1:3478.',
    ]);
    await options.getByRole('button', { name: 'Cancel' }).click();
    await options.reload();
    await expect.poll(() => options.getByLabel('Auto-answer').inputValue()).toBe('off');

    await load();
    await options.getByRole('button', { name: 'Import anyway' }).click();
    await options.locator('.transfer-message').filter({ hasText: 'Imported.' }).waitFor();
    expect(await options.locator('.import-changes li').count()).toBe(2);
    await expect.poll(() => options.getByLabel('Auto-answer').inputValue()).toBe('intercom');
  });

  it('an account not stored here is put in the form for its password, never saved without one', async () => {
    const other = JSON.parse(exported);
    other.accounts[0].username = 'bob';
    await options.getByLabel('Import settings from a file').setInputFiles({ name: 'bob.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
    await options.locator('.transfer-message').filter({ hasText: 'Enter the password for bob@offhook.test' }).waitFor();
    await expect(options.getByLabel('Username', { exact: true }).inputValue()).resolves.toBe('bob');
    await options.getByLabel('Password', { exact: true }).fill('bob-secret');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Registered as bob@offhook.test' }).waitFor();
  });
});

declare const chrome: { storage: { local: { get(key: string): Promise<unknown> } } };
