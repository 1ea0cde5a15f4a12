// Bundle sizes: the JavaScript each entrypoint loads (its own file plus every chunk it
// imports statically), raw and gzipped.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface EntrySize {
  entry: string;
  files: string[];
  bytes: number;
  gzipBytes: number;
}

async function staticGraph(dir: string, start: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file) || !existsSync(path.join(dir, file))) continue;
    seen.add(file);
    const code = await readFile(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g)) {
      const spec = m[1]!;
      const resolved = spec.startsWith('/') ? spec.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      queue.push(resolved);
    }
  }
  return [...seen];
}

export async function bundleSizes(extDir: string): Promise<EntrySize[]> {
  const manifest = JSON.parse(await readFile(path.join(extDir, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string };
    content_scripts?: { js?: string[] }[];
    web_accessible_resources?: { resources?: string[] }[];
  };
  const entries: [string, string[]][] = [];
  if (manifest.background?.service_worker) entries.push(['background (service worker)', [manifest.background.service_worker]]);
  for (const cs of manifest.content_scripts ?? []) entries.push([`content script (${cs.js?.join(', ')})`, cs.js ?? []]);
  // The detection engine, imported by the content script only where a number may be.
  for (const war of manifest.web_accessible_resources ?? [])
    for (const file of war.resources ?? []) if (file.endsWith('.js')) entries.push([`content engine, on demand (${file})`, [file]]);
  for (const html of ['popup.html', 'options.html', 'offscreen.html']) {
    if (!existsSync(path.join(extDir, html))) continue;
    const text = await readFile(path.join(extDir, html), 'utf8');
    const refs = [...text.matchAll(/<(?:script[^>]*\bsrc|link[^>]*\brel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]!.replace(/^\//, ''));
    entries.push([html.replace('.html', ''), refs]);
  }
  const out: EntrySize[] = [];
  for (const [entry, start] of entries) {
    const files = await staticGraph(extDir, start);
    const buffers = await Promise.all(files.map((f) => readFile(path.join(extDir, f))));
    out.push({
      entry,
      files,
      bytes: buffers.reduce((a, b) => a + b.length, 0),
      gzipBytes: buffers.reduce((a, b) => a + gzipSync(b, { level: 9 }).length, 0),
    });
  }
  return out;
}
