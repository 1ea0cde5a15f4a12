import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { t, useBundledMessages } from '../../../shared/i18n/t';
import { installBundledMessages } from './bundled-messages';

// The offscreen document has no browser.i18n: t() falls back to the bundled catalogues.
describe('bundled messages', () => {
  const getMessage = fakeBrowser.i18n.getMessage;
  const withoutI18n = () => {
    fakeBrowser.i18n.getMessage = (() => {
      throw new TypeError('i18n is not available here');
    }) as typeof getMessage;
  };
  afterEach(() => {
    fakeBrowser.i18n.getMessage = getMessage;
    useBundledMessages(() => '');
  });

  it('answers in the UI language, falling back from a region to its language', () => {
    withoutI18n();
    installBundledMessages('de-DE');
    expect(t('registrationServerAnswered', '403 Forbidden')).toBe('Der Server antwortete 403 Forbidden.');
    installBundledMessages('fr');
    expect(t('callErrorNoRingingToAnswer')).toBe('Aucun appel entrant auquel répondre.');
  });

  it('answers in English for a language Offhook does not ship', () => {
    withoutI18n();
    installBundledMessages('ja-JP');
    expect(t('callErrorAlreadyEnded')).toBe('That call has already ended.');
  });

  it('prefers the browser where it has i18n', () => {
    installBundledMessages('de');
    expect(t('callErrorAlreadyEnded')).toBe('That call has already ended.');
  });
});
