import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { World } from './support/world';

// The password must never reach a console (any context, the offscreen softphone included)
// nor any storage a content script can read, through registration, a failed login, a call
// and a PBX restart.
describe('secrets', () => {
  let world: World;
  let bob: Party;
  const lines: string[] = [];
  let offscreen: CDPSession | undefined;

  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    world.context.on('console', (m) => lines.push(`page: ${m.text()}`));
    (await world.worker()).on('console', (m) => lines.push(`worker: ${m.text()}`));
  });
  afterAll(async () => {
    await offscreen?.detach().catch(() => undefined);
    await bob?.close();
    await world?.close();
  });

  /** The offscreen document is not a page to Playwright; listen to its console over CDP. */
  async function listenToSoftphone() {
    const page = world.context.pages()[0] ?? (await world.context.newPage());
    const cdp = await world.context.newCDPSession(page);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; url: string }[] };
    const target = targetInfos.find((t) => t.url.endsWith('/offscreen.html'));
    if (!target) throw new Error('no offscreen document');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
    cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
      const message = JSON.parse(event.message) as { method?: string; params?: { args?: { value?: unknown; description?: string }[] } };
      if (message.method === 'Runtime.consoleAPICalled')
        lines.push(`softphone: ${(message.params?.args ?? []).map((a) => String(a.value ?? a.description ?? '')).join(' ')}`);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Runtime.enable' }) });
    offscreen = cdp;
  }

  it('never logs the password or a digest answer', async () => {
    const wrong = await world.configureAccount('alice', 'alice-wrong-secret');
    await wrong.getByText(/Wrong username or password/).first().waitFor();
    await wrong.close();
    await listenToSoftphone();
    const options = await world.configureAccount('alice');
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    await options.getByRole('button', { name: 'Test connection' }).click();
    await options.locator('.message').filter({ hasText: '200 OK' }).waitFor();
    await options.close();

    bob = await world.party('bob');
    const popup = await world.dialFromPopup('bob');
    await bob.waitForState('ringing-in');
    await bob.answer();
    await bob.waitForAudio(1000);
    await world.server.restart(500);
    await popup.locator('.status[data-state="registered"]').waitFor({ timeout: 15_000 });
    await popup.getByRole('button', { name: 'Hang up' }).click();
    await popup.close();

    // Something was logged (the transport warning when the PBX went away), so the listeners work.
    expect(lines.some((l) => l.startsWith('softphone:'))).toBe(true);
    const leaks = lines.filter((l) => /alice-secret|alice-wrong-secret|response="[0-9a-f]{32}"|Authorization:\s*Digest/i.test(l));
    expect(leaks).toEqual([]);
  });

  it('keeps the password out of storage that content scripts can read', async () => {
    const worker = await world.worker();
    const readable = await worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> }; sync: { get(k: null): Promise<unknown> } } } }).chrome;
      return JSON.stringify([await c.storage.local.get(null), await c.storage.sync.get(null)]);
    });
    expect(readable).not.toContain('alice-secret');
  });

  it('keeps the password out of plain text anywhere in the browser profile on disk', async () => {
    const options = await world.configureAccount('alice');
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    await options.close();
    // IndexedDB commits to disk at once; give LevelDB a moment to write its log.
    await new Promise((r) => setTimeout(r, 1500));
    const files = (await readdir(world.chromium.userDataDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    const holding: string[] = [];
    for (const f of files) {
      const bytes = await readFile(path.join(f.parentPath, f.name)).catch(() => Buffer.alloc(0));
      // As Latin-1 and as UTF-16 (how Chromium writes some strings).
      if (bytes.includes('alice-secret') || bytes.includes(Buffer.from('alice-secret', 'utf16le'))) holding.push(path.join(f.parentPath, f.name));
    }
    expect(files.some((f) => f.parentPath.includes('IndexedDB'))).toBe(true);
    expect(holding).toEqual([]);
  });

  it('never hands a TURN credential to a page, and keeps it when the form is saved as shown', async () => {
    const options = await world.configureAccount('alice');
    await options.getByRole('status').filter({ hasText: 'Registered as alice@offhook.test' }).waitFor();
    await options.getByLabel('ICE servers').fill('turn:127.0.0.1:3478 alice:turn-credential-secret');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('.message').filter({ hasText: 'Saved.' }).first().waitFor();
    // What the options page is told, and shows, after saving and after a reload.
    await expect.poll(() => options.getByLabel('ICE servers').inputValue()).toBe('turn:127.0.0.1:3478 alice:••••••••');
    const replies = await options.evaluate(async () => {
      const ask = (type: string) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          offhook: 1, channel: 'coordinator', kind: 'request', type, payload: {},
        });
      return JSON.stringify([await ask('account:get'), await ask('account:list'), await ask('settings:export')]);
    });
    expect(replies).toContain('"hasCredential":true');
    expect(replies).not.toContain('turn-credential-secret');
    // Saved again as shown: the credential is kept (the form still says one is stored).
    await options.getByLabel('Display name').fill('Alice Kept');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.locator('.message').filter({ hasText: 'Saved.' }).first().waitFor();
    await options.reload();
    await expect.poll(() => options.getByLabel('ICE servers').inputValue()).toBe('turn:127.0.0.1:3478 alice:••••••••');
    await options.close();
  });
});
