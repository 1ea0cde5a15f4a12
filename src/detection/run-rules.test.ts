import { describe, expect, it } from 'vitest';
import { labelBefore, TAIL_LENGTH } from './context-labels';
import { readExtension } from './extension';
import { readRun, RUN_PATTERN } from './number-runs';
import { rejectingRule, RUN_RULES } from './run-rules';

/** The rule that rejects the first long run of digits in `text`, as the detector asks. */
function ruleFor(text: string): string | undefined {
  RUN_PATTERN.lastIndex = 0;
  for (let m = RUN_PATTERN.exec(text); m; m = RUN_PATTERN.exec(text)) {
    const run = readRun(m[0], m.index);
    if (run.digitCount < 6) continue;
    const before = text.slice(Math.max(0, run.start - TAIL_LENGTH), run.start);
    const tail = before.replace(/^[^]*\d/, '');
    const ext = readExtension(text, run.end);
    return rejectingRule({ text, run, tail, verdict: labelBefore(tail), end: ext ? ext.end : run.end })?.name ?? 'none';
  }
  return undefined;
}

describe('the rules that rule a whole run of digits out', () => {
  it.each([
    ['Order number: 0221 4710 123', 'negative-label'],
    ['Price € 1 234 567', 'currency-before'],
    ['see example.com/12345678', 'glued-left'],
    ['IBAN-free text NL91 ABNA 0417 1643 00 here', 'iban'],
    ['Length 0221 4710123mm', 'glued-right'],
    ['Call 0221 4710 123 now', 'none'],
    ['电话:021-6087 1234欢迎', 'none'],
    ['06-6345-7788まで', 'none'],
    ['Büro+49 30 23456789', 'none'],
    ['Fax-030 23456789', 'none'],
    ['Bild-030 23456789', 'glued-left'],
    ['Ring 0113 496 0388.Thank you', 'none'],
    ['Ring 0113 496 0388.txt', 'glued-right'],
  ])('%s → %s', (text, rule) => {
    expect(ruleFor(text)).toBe(rule);
  });

  it('names each rule once and says why with an example', () => {
    const names = RUN_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of RUN_RULES) expect(rule.why).toMatch(/"/);
  });
});
