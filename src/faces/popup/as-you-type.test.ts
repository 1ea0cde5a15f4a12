import { describe, expect, it } from 'vitest';
import { formatAsYouType } from './as-you-type';

describe('formatAsYouType', () => {
  it.each([
    ['02212210', 'DE', '0221 2210'],
    ['4155550142', 'US', '(415) 555-0142'],
    ['+492212210', 'US', '+49 221 2210'],
    ['+4922', 'US', '+49 22'],
    ['0 2 2 1-2210', 'DE', '0221 2210'],
  ])('%j in %s → %j', (input, region, out) => {
    expect(formatAsYouType(input, region)).toBe(out);
  });
  it('leaves SIP users, addresses and tone strings alone', () => {
    expect(formatAsYouType('bob', 'DE')).toBe('bob');
    expect(formatAsYouType('sip:1001@pbx', 'DE')).toBe('sip:1001@pbx');
    expect(formatAsYouType('*21#', 'DE')).toBe('*21#');
  });
});
