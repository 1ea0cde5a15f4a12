import { describe, expect, it } from 'vitest';
import { parseCallLink } from './call-link';

describe('parseCallLink', () => {
  it.each([
    ['tel:+1-415-555-2671', undefined, 'tel:+14155552671', '+1-415-555-2671'],
    ['TEL:+1 (415) 555 2671', undefined, 'tel:+14155552671', '+1 (415) 555 2671'],
    ['tel:+1-415-555-2671;ext=5', undefined, 'tel:+14155552671;ext=5', '+1-415-555-2671'],
    ['tel:0221 2210', 'DE', 'tel:+492212210', '0221 2210'],
    ['tel:0221%202210', 'de', 'tel:+492212210', '0221 2210'],
    ['tel:2210;phone-context=+49221', undefined, 'tel:+492212210', '2210'],
    ['tel:+18005550199,,1234', undefined, 'tel:+18005550199;ext=1234', '+18005550199,,1234'],
    ['tel:1-800-FLOWERS', 'US', 'tel:+18003569377', '1-800-FLOWERS'],
    ['callto:+442079460958', undefined, 'tel:+442079460958', '+442079460958'],
    ['callto://+44 20 7946 0958', undefined, 'tel:+442079460958', '+44 20 7946 0958'],
    ['sip:+14155552671@pbx.example', undefined, 'tel:+14155552671', '+14155552671'],
    ['sip:+1-415-555-2671@pbx.example;user=phone', undefined, 'tel:+14155552671', '+1-415-555-2671'],
  ])('%s (%s) → %s', (href, region, tel, text) => {
    expect(parseCallLink(href, region)).toMatchObject({ tel, text });
  });

  it('formats the number for display', () => {
    expect(parseCallLink('tel:+14155552671;ext=5')).toEqual({
      tel: 'tel:+14155552671;ext=5',
      text: '+14155552671',
      formatted: '+1 415 555 2671 ext. 5',
    });
    expect(parseCallLink('tel:0221 2210', 'DE')).toMatchObject({ formatted: '+49 221 2210' });
  });

  it.each([
    ['sip:bob@pbx.example;transport=tls?subject=x', 'sip:bob@pbx.example'],
    ['sip:bob@pbx.example:5061', 'sip:bob@pbx.example:5061'],
    ['sips:alice@10.0.0.1', 'sips:alice@10.0.0.1'],
    ['sip:2001@pbx.example', 'sip:2001@pbx.example'],
  ])('%s → %s', (href, sip) => {
    expect(parseCallLink(href)).toEqual({ sip });
  });

  it.each([
    'javascript:alert(1)',
    'https://example.com',
    'mailto:a@b.example',
    'tel:',
    'tel:abc',
    'tel:+1-415-555-2671;ext=abc',
    'tel:0221 2210',
    'tel:%E0%A4%A',
    'tel:++14155552671',
    'callto://alice.skype',
    'sip:',
    'sip:bob@',
    'sip:bob@exa mple',
    'sip:<script>@pbx.example',
    'nonsense',
    '',
  ])('%s → undefined', (href) => {
    expect(parseCallLink(href)).toBeUndefined();
  });
});
