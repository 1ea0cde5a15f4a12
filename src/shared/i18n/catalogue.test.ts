import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage, substitutionsOf, type Catalogue } from './catalogue';
import { t } from './t';

const localesDir = new URL('../../../public/_locales/', import.meta.url);
const read = (lang: string): Catalogue =>
  JSON.parse(readFileSync(new URL(`${lang}/messages.json`, localesDir), 'utf8')) as Catalogue;
const languages = readdirSync(localesDir);
const english = read('en');

describe('formatMessage', () => {
  it('replaces $1…$9 and $$ as the browser does', () => {
    const cat: Catalogue = { k: { message: 'Call $1 ($2) for $$5' } };
    expect(formatMessage(cat, 'k', ['Bob', '+1'])).toBe('Call Bob (+1) for $5');
    expect(formatMessage(cat, 'missing')).toBe('');
  });
});

describe('the translations', () => {
  it('ship English, German and French', () => {
    expect(languages.sort()).toEqual(['de', 'en', 'fr']);
  });

  for (const lang of languages.filter((l) => l !== 'en')) {
    it(`${lang} has every English message, no stray ones, and keeps each $n`, () => {
      const other = read(lang);
      expect(Object.keys(other).sort()).toEqual(Object.keys(english).sort());
      for (const [key, { message }] of Object.entries(english)) {
        expect(substitutionsOf(other[key]!.message), `${lang}:${key}`).toEqual(substitutionsOf(message));
        expect(other[key]!.message.trim(), `${lang}:${key}`).not.toBe('');
      }
    });
  }
});

describe('t', () => {
  it('returns the English text in unit tests', () => {
    expect(t('extName')).toBe('Offhook');
  });
});
