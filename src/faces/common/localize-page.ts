import { t, uiLanguage, type MessageKey } from '../../shared/i18n/t';

/** The page's title and language follow the browser's UI language, so screen readers
 * pronounce the text in the right language. */
export function localizePage(title: MessageKey): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(title);
}
