// The reference for "what does any content script cost": an extension whose manifest declares
// the same content script entry as the built Offhook (same matches, frames, run_at and CSS), with
// a script that does nothing. Chromium pays for injecting it (an isolated world per frame, and a
// later load event, see trace.ts) before any of Offhook's own code runs.
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

interface ContentScriptEntry {
  js?: string[];
  css?: string[];
  [key: string]: unknown;
}

/** Writes the empty extension next to nothing else (a fresh temp dir) and returns its folder. */
export async function writeEmptyExtension(offhookDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(offhookDir, 'manifest.json'), 'utf8')) as { content_scripts?: ContentScriptEntry[] };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'offhook-bench-empty-'));
  const entries: ContentScriptEntry[] = [];
  for (const entry of manifest.content_scripts ?? []) {
    const css: string[] = [];
    for (const file of entry.css ?? []) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await copyFile(path.join(offhookDir, file), path.join(dir, file));
      css.push(file);
    }
    entries.push({ ...entry, js: ['empty.js'], ...(css.length ? { css } : {}) });
  }
  // One statement, so the script is compiled and run like any other (an empty file is not).
  await writeFile(path.join(dir, 'empty.js'), 'void 0;\n');
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'empty content script', version: '1', content_scripts: entries }));
  return dir;
}
