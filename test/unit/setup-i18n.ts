import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import englishMessages from '../../public/_locales/en/messages.json';
import { formatMessage, type Catalogue } from '../../src/shared/i18n/catalogue';

// WXT's fake browser has no i18n. Unit tests read the English catalogue, as an English browser would.
const english: Catalogue = englishMessages;

function install(): void {
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) =>
    formatMessage(english, key, typeof subs === 'string' ? [subs] : (subs ?? []))) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en-US';
}
install();
beforeEach(install);
