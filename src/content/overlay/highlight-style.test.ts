import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_CSS, HIGHLIGHT_NAME } from './highlight-style';

describe('the marks’ rule', () => {
  const declarations = HIGHLIGHT_CSS.replace(/^[^{]*\{|\}\s*$/g, '')
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => d.slice(0, d.indexOf(':')).trim());

  it('is one rule for the highlight Offhook registers', () => {
    expect(HIGHLIGHT_CSS.startsWith(`::highlight(${HIGHLIGHT_NAME}) {`)).toBe(true);
    expect(HIGHLIGHT_CSS.match(/\{/g)).toHaveLength(1);
  });

  it('paints only inside the text’s box, so a change to the marks costs a big page no overflow pass', () => {
    // Chrome recomputes the page's visual overflow for a highlight with a decoration or a
    // shadow: 20–40 ms more per change on a 200,000-node page (bench/highlight-repaint.ts).
    expect(declarations.length).toBeGreaterThan(0);
    for (const property of declarations) expect(['background-color', 'color']).toContain(property);
  });
});
