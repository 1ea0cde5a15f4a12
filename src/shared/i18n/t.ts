import { browser } from 'wxt/browser';
import type english from '../../../public/_locales/en/messages.json';

/** A key of public/_locales/en/messages.json; the compiler refuses unknown keys. */
export type MessageKey = keyof typeof english;

type Lookup = (key: string, subs: string[]) => string;
let bundled: Lookup | undefined;

/**
 * For a context without browser.i18n (Chromium's offscreen document has only
 * browser.runtime): look messages up in catalogues bundled into that context instead.
 */
export function useBundledMessages(lookup: Lookup): void {
  bundled = lookup;
}

/**
 * The user's language's text for `key`, from public/_locales/<lang>/messages.json, with
 * `$1`…`$9` replaced by `subs`. The browser picks the language (its UI language, falling back
 * to English, the default_locale). A missing message shows the key rather than nothing, so a
 * gap is visible instead of a blank button.
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const strings = subs.map(String);
  let text: string;
  try {
    text = browser.i18n.getMessage(key, strings);
  } catch {
    // No i18n in this context (the offscreen document): the bundled catalogues answer.
    text = bundled?.(key, strings) ?? '';
  }
  return text || key;
}

/** The language the browser shows its own UI in, e.g. "de" or "en-US", for Intl formats. */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage() || navigator.language;
  } catch {
    return typeof navigator === 'undefined' ? 'en' : navigator.language;
  }
}

/** A count or number written the way the user's language writes it ("1,234", "1.234"). */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(n);
}

/** Which plural form `n` takes in the user's language: only "one" and "other" matter for the
 * languages Offhook ships (French counts 0 as "one"). */
export function isSingular(n: number): boolean {
  return new Intl.PluralRules(uiLanguage()).select(n) === 'one';
}
