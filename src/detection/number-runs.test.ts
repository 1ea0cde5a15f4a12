import { describe, expect, it } from 'vitest';
import { readRun, runFrom, RUN_PATTERN, splitAtOpenBrackets, type NumberRun } from './number-runs';

function runsIn(text: string): NumberRun[] {
  const runs: NumberRun[] = [];
  RUN_PATTERN.lastIndex = 0;
  for (let m = RUN_PATTERN.exec(text); m; m = RUN_PATTERN.exec(text)) runs.push(readRun(m[0], m.index));
  return runs;
}

describe('number runs', () => {
  it('groups digits with the punctuation between them', () => {
    const [run] = runsIn('Tel.: +49 (0)30 / 901820-0, Fax');
    expect(run?.plus).toBe(true);
    expect(run?.lead).toBe('+');
    expect(run?.groups.map((g) => [g.sep, g.digits])).toEqual([
      ['', '49'],
      [' (', '0'],
      [')', '30'],
      [' / ', '901820'],
      ['-', '0'],
    ]);
    expect(run?.digitCount).toBe(12);
  });

  it('ends at commas, colons, letters, en dashes and line breaks', () => {
    expect(runsIn('1,234;12:30;12a34;1990–2026;1\n2').map((r) => r.groups.map((g) => g.digits).join('|'))).toEqual([
      '1', '234', '12', '30', '12', '34', '1990', '2026', '1', '2',
    ]);
  });

  it('allows at most four punctuation characters between groups', () => {
    expect(runsIn('12 -  34').length).toBe(1);
    expect(runsIn('12 - - 34').length).toBe(2);
  });

  it('splits off a bracket that never closes and reads it as a run of its own', () => {
    const [run] = runsIn('0900 1 234567 (1,99 €)');
    expect(splitAtOpenBrackets(run!).map((r) => r.groups.map((g) => g.digits).join(' '))).toEqual(['0900 1 234567', '1']);
    const [two] = runsIn('0221 4710 123 (0171 3920012 mobil)');
    const parts = splitAtOpenBrackets(two!);
    expect(parts[1]).toMatchObject({ lead: '(', start: 14, plus: false });
    expect(parts[1]?.groups[0]?.sep).toBe('');
  });

  it('keeps runs whose brackets close', () => {
    const [run] = runsIn('+44 (0)20 7946 0958');
    expect(splitAtOpenBrackets(run!)).toEqual([run]);
  });
});

describe('runFrom', () => {
  it('reads the groups from one on as a run of their own, with the bracket that opens it', () => {
    const text = 'ON 5J2 . (613) 555-0190';
    const run = runsIn(text).at(-1)!;
    const rest = runFrom(run, 1);
    expect(text.slice(rest.start, rest.end)).toBe('(613) 555-0190');
    expect(rest).toMatchObject({ plus: false, lead: '(', digitCount: 10 });
    expect(rest.groups.map((g) => [g.digits, g.sep])).toEqual([['613', ''], ['555', ') '], ['0190', '-']]);
  });
});
