import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirefoxWorld } from './support/firefox-world';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The store package keeps Firefox's strict default policy, upgrade-insecure-requests: it
// never speaks unencrypted ws://, not even to 127.0.0.1. (The e2e and development builds
// drop the upgrade so the harness's and a developer's local PBX work; see wxt.config.ts.)
describe('Firefox: the store build', () => {
  const outDir = path.join(root, '.output-e2e', `firefox-store-${process.pid}`);
  let world: FirefoxWorld;
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], {
      cwd: root,
      env: { ...process.env, OFFHOOK_OUT_DIR: outDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    world = await FirefoxWorld.start(path.join(outDir, 'firefox-mv3'));
  });
  afterAll(async () => {
    await world?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('keeps upgrade-insecure-requests and tells the user a ws:// address cannot work', async () => {
    const manifest = JSON.parse(readFileSync(path.join(outDir, 'firefox-mv3/manifest.json'), 'utf8'));
    expect(manifest.content_security_policy.extension_pages).toContain('upgrade-insecure-requests');
    const options = await world.configureAccount('alice');
    const error = await options.$eval('#field-server-error', (e) => e.textContent ?? '');
    expect(error).toContain('only over an encrypted wss://');
    await new Promise((r) => setTimeout(r, 2000));
    expect(world.server.requests('REGISTER').filter((r) => r.from === 'alice')).toEqual([]);
  });
});
