import { describe, expect, it } from 'vitest';
import { datedGroups, isIdentifierRun, isIdentifierSpan, isStrongBreak } from './decoy-shapes';
import { readRun, RUN_PATTERN } from './number-runs';

function run(text: string) {
  RUN_PATTERN.lastIndex = 0;
  const m = RUN_PATTERN.exec(text)!;
  return readRun(m[0], m.index);
}

describe('isIdentifierRun', () => {
  it.each([
    '192.168.100.200',
    '123.456.789-09',
    '12.345.678/0001-95',
    '10.1000/182',
    '978-3-16-148410-0',
    '0-306-40615-2',
    '4111 1111 1111 1111',
    '3782 822463 10005',
    '4242424242424242',
    '9400 1000 0000 0000 0000 00',
  ])('%s is an identifier', (text) => {
    expect(isIdentifierRun(run(text), text)).toBe(true);
  });

  it.each(['020 7946 0958', '+44 20 7946 0958', '01.99.00.12.34', '030.231.250.000', '0049 30 231250 00'])('%s is not', (text) => {
    expect(isIdentifierRun(run(text), text)).toBe(false);
  });
});

describe('datedGroups', () => {
  const marks = (text: string) => Array.from(datedGroups(run(text)) ?? []);
  it('marks dates, year ranges and year serials', () => {
    expect(marks('22.11.2026')).toEqual([1, 1, 1]);
    expect(marks('2026-11-22')).toEqual([1, 1, 1]);
    expect(marks('11/22/2026 14')).toEqual([1, 1, 1, 0]);
    expect(marks('1990-2026')).toEqual([1, 1]);
    expect(marks('2026-004417')).toEqual([1, 1]);
  });
  it('leaves phone numbers alone', () => {
    expect(marks('06.12.34.56.78')).toEqual([]);
    expect(marks('010-2000-0000')).toEqual([]);
    expect(marks('030 2312 5000')).toEqual([]);
  });
});

describe('isIdentifierSpan', () => {
  const span = (text: string) => {
    const r = run(text);
    return isIdentifierSpan(r.groups, 0, r.groups.length);
  };
  it('rules out two slashes, versions and decimals', () => {
    expect(span('21/815/08150')).toBe(true);
    expect(span('12.4.1234')).toBe(true);
    expect(span('151.2093')).toBe(true);
  });
  it('keeps phone groupings', () => {
    expect(span('030/23125-123')).toBe(false);
    expect(span('1.800.555.0199')).toBe(false);
    expect(span('055.123.4567')).toBe(false);
  });
});

describe('isStrongBreak', () => {
  it.each([
    [' / ', true],
    [' - ', true],
    [' . ', true],
    [' . (', true],
    [' - (', true],
    ['  ', true],
    [' ', false],
    [' (', false],
    ['.', false],
    ['-', false],
  ])('%j → %s', (sep, strong) => {
    expect(isStrongBreak(sep)).toBe(strong);
  });
});
