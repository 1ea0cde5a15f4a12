import { browser } from 'wxt/browser';
import { parseCallLink } from '../detection/call-link';
import { detectPhoneNumbers } from '../detection/detect';
import { regionFromLocale } from '../detection/region';
import { t } from '../shared/i18n/t';
import { logError } from '../shared/log';
import { isSafeCallTarget } from '../shared/phone/call-target';
import { readDetectionSettings } from '../shared/settings/detection-settings';

const MENU_ID = 'offhook-call-selection';
const LINK_MENU_ID = 'offhook-call-link';
/** The links the second item shows on: a page's call links, never its web links. */
export const CALL_LINK_PATTERNS = ['tel:*', 'callto:*', 'sip:*', 'sips:*'];

export interface CallMenus {
  /** What a click on "Call “…”" over a selection does. */
  selection(text: string): Promise<void>;
  /** What a click on "Call with Offhook" over a tel:/sip: link does. */
  link(href: string): Promise<void>;
}

/**
 * "Call <selection>" and "Call with Offhook" on tel:/callto:/sip: links: the keyboard-and-mouse
 * path to any number the page shows, also where detection missed it. A context-menu click is
 * the browser's own UI, so it is a trusted user action.
 */
export function startSelectionMenu(dial: (target: string) => Promise<unknown>): CallMenus {
  const menus: CallMenus = {
    selection: (selection) => selectionTarget(selection).then((target) => void dial(target)),
    link: async (href) => {
      const target = await linkTarget(href);
      if (target) await dial(target);
    },
  };
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus
      .removeAll()
      .then(() => {
        browser.contextMenus.create({ id: MENU_ID, title: t('menuCallSelection', '%s'), contexts: ['selection'] });
        try {
          browser.contextMenus.create({
            id: LINK_MENU_ID,
            title: t('menuCallLink'),
            contexts: ['link'],
            targetUrlPatterns: CALL_LINK_PATTERNS,
          });
        } catch (error) {
          // A browser whose URL patterns know no tel:/sip: (Firefox) keeps the selection item.
          logError('coordinator: link menu', error);
        }
      })
      .catch((error: unknown) => logError('coordinator: menu', error));
  });
  browser.contextMenus.onClicked.addListener((info: { menuItemId: string | number; selectionText?: string; linkUrl?: string }) => {
    const run =
      info.menuItemId === MENU_ID && info.selectionText
        ? menus.selection(info.selectionText)
        : info.menuItemId === LINK_MENU_ID && info.linkUrl
          ? menus.link(info.linkUrl)
          : undefined;
    void run?.catch((error: unknown) => logError('coordinator: menu', error));
  });
  return menus;
}

async function region(): Promise<string> {
  const settings = await readDetectionSettings();
  return settings.defaultRegion || regionFromLocale(browser.i18n.getUILanguage()) || '';
}

/** The first number in the selection as a tel URI; else the selection as typed, which the
 * softphone dials or refuses with a reason. */
export async function selectionTarget(selection: string): Promise<string> {
  const [first] = detectPhoneNumbers(selection, { defaultRegion: await region() });
  return first ? first.tel : selection.trim().slice(0, 64);
}

/** A call link's target as a clean tel:/sip: URI, read as the content script reads a click
 * on it; undefined for anything else (nothing from the link's parameters is dialled). */
export async function linkTarget(href: string): Promise<string | undefined> {
  const parsed = parseCallLink(href.slice(0, 2048), (await region()) || undefined);
  const target = parsed && ('tel' in parsed ? parsed.tel : parsed.sip);
  return target && isSafeCallTarget(target) ? target : undefined;
}
