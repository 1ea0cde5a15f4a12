import { browser } from 'wxt/browser';
import { detectPhoneNumbers } from '../shared/detection/detect';
import { regionFromLocale } from '../shared/detection/region';
import { t } from '../shared/i18n/t';
import { logError } from '../shared/log';
import { readDetectionSettings } from '../shared/settings/detection-settings';

const MENU_ID = 'offhook-call-selection';

/**
 * "Call <selection>": the keyboard-and-mouse path to any number the page shows, also where
 * detection missed it. A context-menu click is the browser's own UI, so it is a trusted
 * user action.
 */
export function startSelectionMenu(dial: (target: string) => Promise<unknown>): (selection: string) => Promise<void> {
  const onSelection = (selection: string) => selectionTarget(selection).then((target) => void dial(target));
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.removeAll().then(
      () => browser.contextMenus.create({ id: MENU_ID, title: t('menuCallSelection', '%s'), contexts: ['selection'] }),
      (error: unknown) => logError('coordinator: menu', error),
    );
  });
  browser.contextMenus.onClicked.addListener((info: { menuItemId: string | number; selectionText?: string }) => {
    if (info.menuItemId !== MENU_ID || !info.selectionText) return;
    void onSelection(info.selectionText).catch((error: unknown) => logError('coordinator: menu', error));
  });
  return onSelection;
}

/** The first number in the selection as a tel URI; else the selection as typed, which the
 * softphone dials or refuses with a reason. */
export async function selectionTarget(selection: string): Promise<string> {
  const settings = await readDetectionSettings();
  const region = settings.defaultRegion || regionFromLocale(browser.i18n.getUILanguage());
  const [first] = detectPhoneNumbers(selection, { defaultRegion: region });
  return first ? first.tel : selection.trim().slice(0, 64);
}
