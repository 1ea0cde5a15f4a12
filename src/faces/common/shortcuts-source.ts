import { browser } from 'wxt/browser';
import type { ShortcutsSource } from './shortcuts-model';

/** Chromium's page (Edge redirects chrome:// to its own); Firefox has its own opener. */
const CHROMIUM_SHORTCUTS = 'chrome://extensions/shortcuts';

export function browserShortcuts(): ShortcutsSource {
  return {
    getAll: () => browser.commands.getAll(),
    async openSettings() {
      const commands = browser.commands as unknown as { openShortcutSettings?: () => Promise<void> };
      if (commands.openShortcutSettings) await commands.openShortcutSettings();
      else await browser.tabs.create({ url: CHROMIUM_SHORTCUTS });
    },
  };
}
