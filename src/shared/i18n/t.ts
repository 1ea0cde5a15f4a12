import { browser } from 'wxt/browser';
import type english from '../../../public/_locales/en/messages.json';

/** A key of public/_locales/en/messages.json; the compiler refuses unknown keys. */
export type MessageKey = keyof typeof english;

/**
 * The user's language's text for `key`, from public/_locales/<lang>/messages.json, with
 * `$1`…`$9` replaced by `subs`. The browser picks the language (its UI language, falling back
 * to English, the default_locale). A missing message shows the key rather than nothing, so a
 * gap is visible instead of a blank button.
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  let text = '';
  try {
    text = browser.i18n.getMessage(key, subs.map(String));
  } catch {
    // No i18n in this context (never in the extension itself): fall through to the key.
  }
  return text || key;
}
