import { describe, expect, it } from 'vitest';
import { amountAfter, currencyBefore } from './amount-context';

describe('currencyBefore', () => {
  it.each(['EUR ', '€', '$ ', 'R$ ', 'Rs. ', 'CHF ', 'Preis: ₹ '])('%s is a currency', (tail) => {
    expect(currencyBefore(tail)).toBe(true);
  });
  it.each(['Tel. ', 'Call ', 'at ', 'Trust '])('%s is not', (tail) => {
    expect(currencyBefore(tail)).toBe(false);
  });
});

describe('amountAfter', () => {
  it.each([',89 €', ' €', '%', ' EUR', ' zł', ' km', ' Mio.', '.5'])('"%s" ends an amount', (after) => {
    expect(amountAfter(`123${after}`, 3)).toBe(true);
  });
  it.each(['', ' (Mo–Fr)', '. Call us', ', or email', ' ext. 12', ' to book', ' $19.90', ' €5 off', ' £12'])('"%s" does not', (after) => {
    expect(amountAfter(`123${after}`, 3)).toBe(false);
  });
});
