import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    extensionDir: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Every end-to-end run tests the extension as built from the current sources, in a
 * folder of its own (removed afterwards). OFFHOOK_EXTENSION_DIR skips the build and uses
 * an extension built elsewhere.
 */
export default function setup(project: TestProject): () => void {
  // --mode e2e exposes what notification buttons and shortcuts call (see e2e-hooks.ts).
  return buildExtensionFor(project, 'e2e');
}

/** Builds the extension in `mode` into a folder of this run and provides it as
 * `extensionDir`; returns what removes it. */
export function buildExtensionFor(project: TestProject, mode: 'e2e' | 'production'): () => void {
  const given = process.env.OFFHOOK_EXTENSION_DIR;
  if (given) {
    project.provide('extensionDir', path.resolve(given));
    return () => undefined;
  }
  const outDir = path.join(root, '.output-e2e', String(process.pid));
  execFileSync(process.execPath, [path.join(root, 'node_modules/wxt/bin/wxt.mjs'), 'build', '--mode', mode], {
    cwd: root,
    env: { ...process.env, OFFHOOK_OUT_DIR: outDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // WXT names the folder after the mode unless it is production.
  project.provide('extensionDir', path.join(outDir, mode === 'production' ? 'chrome-mv3' : `chrome-mv3-${mode}`));
  return () => rmSync(outDir, { recursive: true, force: true });
}
