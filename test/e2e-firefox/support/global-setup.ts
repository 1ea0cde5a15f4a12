import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    firefoxExtensionDir: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The Firefox suite tests the Firefox build of the current sources, `--mode e2e` (the
 * background page's test hooks, and a content security policy that lets the extension
 * reach the harness's ws://127.0.0.1). OFFHOOK_FIREFOX_EXTENSION_DIR uses one built elsewhere.
 */
export default function setup(project: TestProject): () => void {
  const given = process.env.OFFHOOK_FIREFOX_EXTENSION_DIR;
  if (given) {
    project.provide('firefoxExtensionDir', path.resolve(given));
    return () => undefined;
  }
  const outDir = path.join(root, '.output-e2e', `firefox-${process.pid}`);
  execFileSync(process.execPath, [path.join(root, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox', '--mode', 'e2e'], {
    cwd: root,
    env: { ...process.env, OFFHOOK_OUT_DIR: outDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('firefoxExtensionDir', path.join(outDir, 'firefox-mv3-e2e'));
  return () => rmSync(outDir, { recursive: true, force: true });
}
