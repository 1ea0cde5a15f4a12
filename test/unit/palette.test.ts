import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../harness/contrast';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const PALETTE = read('assets/palette.css');
/** The stylesheets that paint with the palette: the faces', and the card's (in its module). */
const USERS = { 'assets/faces.css': read('assets/faces.css'), 'src/content/overlay/call-card.ts': cardCss() };

function cardCss(): string {
  const source = read('src/content/overlay/call-card.ts');
  return /const CSS = `\$\{PALETTE\}([\s\S]*?)`;/.exec(source)?.[1] ?? '';
}

function variables(block: string): Map<string, string> {
  return new Map([...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const dark = PALETTE.indexOf('@media (prefers-color-scheme: dark)');
const THEMES = { light: variables(PALETTE.slice(0, dark)), dark: variables(PALETTE.slice(dark)) };

/** Text colour and the background it is drawn on, wherever the stylesheets pair them. */
const TEXT_ON = [
  ['--fg', '--bg'],
  ['--muted', '--bg'],
  ['--link', '--bg'],
  ['--ok', '--bg'],
  ['--danger', '--bg'],
  ['--fg', '--button-bg'],
  ['--fg', '--field-bg'],
  ['--on-strong', '--go-bg'],
  ['--on-strong', '--stop-bg'],
  ['--on-strong', '--pressed-bg'],
] as const;

describe('the palette (assets/palette.css)', () => {
  it('defines the same colours for the light and the dark theme', () => {
    expect(THEMES.light.size).toBeGreaterThan(10);
    expect([...THEMES.dark.keys()].sort()).toEqual([...THEMES.light.keys()].sort());
  });

  for (const [theme, colours] of Object.entries(THEMES)) {
    it(`meets WCAG AA (4.5:1) for every text on its background, ${theme}`, () => {
      const short = TEXT_ON.filter(([fg, bg]) => contrastRatio(colours.get(fg)!, colours.get(bg)!) < 4.5).map(
        ([fg, bg]) => `${fg} on ${bg}: ${contrastRatio(colours.get(fg)!, colours.get(bg)!).toFixed(2)}`,
      );
      expect(short).toEqual([]);
    });
  }

  for (const [file, css] of Object.entries(USERS)) {
    it(`is the only place with colours: ${file} uses its variables, all defined`, () => {
      expect(css.length).toBeGreaterThan(200);
      const literal = css.match(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|\b(white|black|Canvas|CanvasText)\b(?!-)/gi) ?? [];
      expect(literal).toEqual([]);
      const used = [...css.matchAll(/var\((--[\w-]+)\)/g)].map((m) => m[1]!);
      expect(used.length).toBeGreaterThan(3);
      expect(used.filter((name) => !THEMES.light.has(name))).toEqual([]);
    });
  }
});
