import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import english from '../../public/_locales/en/messages.json';

const root = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

const code = [...sources(path.join(root, 'src')), ...sources(path.join(root, 'entrypoints')), path.join(root, 'wxt.config.ts')]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const keys = Object.keys(english);

// The compiler checks t()'s keys; the manifest's __MSG_…__ and forgotten messages it cannot see.
describe('message keys', () => {
  it('every __MSG_key__ in the manifest and every t() key is in the English catalogue', () => {
    const used = [...code.matchAll(/__MSG_(\w+)__|\bt\(\s*'(\w+)'/g)].map((m) => m[1] ?? m[2]!);
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('every English message is used somewhere, so no translation is wasted on dead text', () => {
    const unused = keys.filter((key) => !code.includes(`'${key}'`) && !code.includes(`__MSG_${key}__`));
    expect(unused).toEqual([]);
  });
});
