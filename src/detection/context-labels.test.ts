import { describe, expect, it } from 'vitest';
import { labelBefore } from './context-labels';

// Tails are folded text (see fold-text.ts): full-width colons are already ':'.
describe('labelBefore', () => {
  it.each([
    'Order #',
    'Order number: ',
    'Your order number is ',
    'Invoice No. ',
    'Tracking: ',
    'Kundennummer ',
    'Kunden-Nr.: ',
    'N° de commande ',
    'IBAN: ',
    'sort code ',
    'routing ',
    'USt-IdNr. ',
    'VAT No. GB ',
    'Steuernummer ',
    'CNPJ: ',
    'pages ',
    'build ',
    'No. ',
    'Vorgangsnummer: ',
    '注文番号:',
    'номер заказа ',
  ])('%s → negative', (tail) => {
    expect(labelBefore(tail)).toBe('negative');
  });

  it.each([
    'Tel. ',
    'Tel.-Nr.: ',
    'Telefonnummer: ',
    'Phone: ',
    'Mobil ',
    'Téléphone : ',
    '☎ ',
    '📞',
    'Order hotline: ',
    'T: ',
    'Kundenservice-Nummer: ',
    'Call us on ',
    '電話：',
  ])('%s → positive', (tail) => {
    expect(labelBefore(tail)).toBe('positive');
  });

  it.each(['Our number: ', 'To order, please write to us or visit ', 'Reach us at ', 'Sales team '])(
    '%s → neutral',
    (tail) => {
      expect(labelBefore(tail)).toBe('neutral');
    },
  );
});
