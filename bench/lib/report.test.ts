import { describe, expect, it } from 'vitest';
import { atLeast, atMost, figure, overBy, renderTable } from './report';

describe('the bench report', () => {
  it('says by how much a figure misses its budget', () => {
    const slow = figure('Calls', 'click → INVITE', 'ms', [42, 44, 46], { budget: atMost(30, 'ms') });
    expect(slow.status).toBe('miss');
    expect(overBy(slow)).toBe('14 ms over, 1.5×');
    expect(overBy(figure('S', 'ratio', '×', [28], { budget: atMost(3, '×') }))).toBe('25 × over, 9.3×');
    expect(overBy(figure('S', 'found', '', [80], { budget: atLeast(100, '') }))).toBe('20 short, 1.3×');
    expect(renderTable([slow])).toContain('over budget: Calls / click → INVITE: 44 ms (≤ 30 ms; 14 ms over, 1.5×)');
  });

  it('a figure within its budget passes and is not listed as over', () => {
    const ok = figure('Calls', 'click → INVITE', 'ms', [12], { budget: atMost(30, 'ms') });
    expect(ok.status).toBe('pass');
    expect(renderTable([ok])).toContain('1 within budget, 0 over budget');
  });
});
