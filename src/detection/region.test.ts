import { describe, expect, it } from 'vitest';
import { regionFromHostname, regionFromLang, regionFromLocale } from './region';

describe('regionFromLang', () => {
  it.each([
    ['de-DE', 'DE'],
    ['pt-BR', 'BR'],
    ['pt_br', 'BR'],
    ['zh-Hant-TW', 'TW'],
    ['sr-Latn-RS', 'RS'],
    ['en-US-u-ca-gregory', 'US'],
    ['en-GB-oxendict', 'GB'],
    ['en-UK', 'GB'],
    ['zh-yue-HK', 'HK'],
    [' fr-CA ', 'CA'],
  ])('%s → %s', (lang, region) => {
    expect(regionFromLang(lang)).toBe(region);
  });

  it.each(['en', 'zh-Hant', 'es-419', '', null, undefined, 'x-private', 'de-ZZ', 'klingon-tlh', '12-DE', 'de--DE'])(
    '%s → undefined',
    (lang) => {
      expect(regionFromLang(lang)).toBeUndefined();
    },
  );

  it('answers a tag asked again, and after many others, as it did the first time (it keeps the answers it gave)', () => {
    const tags = ['de-DE', 'en', 'pt_br', 'zh-Hant', 'de-ZZ', ...Array.from({ length: 200 }, (_, i) => `x${i}-${String.fromCharCode(65 + (i % 26), 65 + ((i * 7) % 26))}`)];
    const first = tags.map((t) => regionFromLang(t));
    expect(first.slice(0, 5)).toEqual(['DE', undefined, 'BR', undefined, undefined]);
    for (let round = 0; round < 3; round++) expect(tags.map((t) => regionFromLang(t))).toEqual(first);
  });
});

describe('regionFromHostname', () => {
  it.each([
    ['example.de', 'DE'],
    ['www.bbc.co.uk', 'GB'],
    ['shop.example.com.br', 'BR'],
    ['EXAMPLE.FR.', 'FR'],
    ['yandex.ru', 'RU'],
    ['xn--80ak6aa92e.xn--p1ai', 'RU'],
    ['example.ch', 'CH'],
  ])('%s → %s', (host, region) => {
    expect(regionFromHostname(host)).toBe(region);
  });

  it.each([
    'example.com',
    'example.org',
    'github.io',
    'twitch.tv',
    'about.me',
    'openai.ai',
    'example.co',
    'europa.eu',
    '192.168.1.10',
    '[::1]',
    'localhost',
    'intranet',
    'example.zz',
    '',
  ])('%s → undefined', (host) => {
    expect(regionFromHostname(host)).toBeUndefined();
  });
});

describe('regionFromLocale', () => {
  it.each([
    ['en-US', 'US'],
    ['en-GB', 'GB'],
    ['de', 'DE'],
    ['en', 'US'],
    ['pt', 'BR'],
    ['pt-PT', 'PT'],
    ['ja', 'JP'],
    ['zh-TW', 'TW'],
    ['zh-Hant', 'TW'],
    ['zh', 'CN'],
    ['es-419', 'MX'],
    ['sv', 'SE'],
    ['fr_CA', 'CA'],
  ])('%s → %s', (locale, region) => {
    expect(regionFromLocale(locale)).toBe(region);
  });

  it.each(['', 'xx', 'tlh-Klingon', '123'])('%s → undefined', (locale) => {
    expect(regionFromLocale(locale)).toBeUndefined();
  });
});
