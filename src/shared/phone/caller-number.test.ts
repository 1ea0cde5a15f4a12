import { describe, expect, it } from 'vitest';
import { formatCallerNumber } from './caller-number';

describe('formatCallerNumber', () => {
  it('formats a home-country number nationally', () => {
    expect(formatCallerNumber('+14155550142', 'US')).toBe('(415) 555-0142');
    expect(formatCallerNumber('+493012345678', 'DE')).toBe('030 12345678');
    expect(formatCallerNumber('+33123456789', 'FR')).toBe('01 23 45 67 89');
  });
  it('formats a foreign number internationally', () => {
    expect(formatCallerNumber('+14155550142', 'DE')).toBe('+1 415 555 0142');
    expect(formatCallerNumber('+493012345678', 'US')).toBe('+49 30 12345678');
  });
  it('reads a national number in the user’s region', () => {
    expect(formatCallerNumber('03012345678', 'DE')).toBe('030 12345678');
  });
  it('leaves SIP users, extensions and invalid numbers as signalled', () => {
    expect(formatCallerNumber('bob', 'US')).toBe('bob');
    expect(formatCallerNumber('1001', 'US')).toBe('1001');
    expect(formatCallerNumber('+1999', 'US')).toBe('+1999');
    expect(formatCallerNumber('+14155550142', undefined)).toBe('+1 415 555 0142');
  });
});
