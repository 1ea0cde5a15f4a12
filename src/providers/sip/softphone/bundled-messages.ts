import english from '../../../../public/_locales/en/messages.json';
import german from '../../../../public/_locales/de/messages.json';
import french from '../../../../public/_locales/fr/messages.json';
import { formatMessage, type Catalogue } from '../../../shared/i18n/catalogue';
import { useBundledMessages } from '../../../shared/i18n/t';

const CATALOGUES: Record<string, Catalogue> = { en: english, de: german, fr: french };

/**
 * The offscreen document has no browser.i18n, yet its errors and registration failures are
 * shown to the user. It looks them up as the browser would: the UI language (navigator.language
 * follows it), then its base language, then English message by message.
 */
export function installBundledMessages(language = navigator.language): void {
  const lang = language.replace('_', '-');
  const chosen = CATALOGUES[lang] ?? CATALOGUES[lang.split('-')[0]!.toLowerCase()] ?? english;
  useBundledMessages((key, subs) => formatMessage(chosen, key, subs) || formatMessage(english, key, subs));
}
