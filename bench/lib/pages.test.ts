import { describe, expect, it } from 'vitest';
import { directory } from './pages';

describe('the directory page', () => {
  it('weighs 1 MB and holds 2,000 rows, one number each (the issue’s "1 MB page with 2,000 numbers")', () => {
    const html = directory();
    expect(Buffer.byteLength(html)).toBeGreaterThanOrEqual(1_000_000);
    expect(Buffer.byteLength(html)).toBeLessThan(1_150_000);
    expect(html.match(/<tr>/g)).toHaveLength(2000);
  });
});
