import { describe, expect, it } from 'vitest';
import { detectPhoneNumbers } from './detect';
import { warmUpSteps } from './warm-up';

describe('warmUpSteps', () => {
  it('runs each step on its own, and leaves detection (and the global patterns) working', () => {
    expect(warmUpSteps.length).toBeGreaterThan(5);
    for (const step of warmUpSteps) step();
    // The g-flagged label pattern starts from 0 again: the same text gives the same answer twice.
    for (let i = 0; i < 2; i++)
      expect(detectPhoneNumbers('Tel. (212) 555-0143, Invoice No. 12345678', { defaultRegion: 'US' }).map((m) => m.tel)).toEqual([
        'tel:+12125550143',
      ]);
  });
});
