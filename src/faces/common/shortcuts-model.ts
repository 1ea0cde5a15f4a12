import { signal } from '@preact/signals';
import { t } from '../../shared/i18n/t';

export interface Shortcut {
  name: string;
  description: string;
  /** The keys as the browser shows them, or '' when none is set. */
  keys: string;
}

export interface ShortcutsSource {
  /** browser.commands.getAll() */
  getAll(): Promise<{ name?: string; description?: string; shortcut?: string }[]>;
  /** Opens the browser's own page for changing extension shortcuts. */
  openSettings(): Promise<void>;
}

/** The order a person reads them in: open the dialer first, then the call keys. */
const ORDER = ['_execute_action', 'answer', 'hangup', 'call-selection'];

/**
 * The keyboard shortcuts as the browser has them now (the person may have changed them),
 * for the popup and the options page, with the way to change them.
 */
export function createShortcutsModel(source: ShortcutsSource) {
  const shortcuts = signal<Shortcut[] | null>(null);
  const error = signal<string | null>(null);
  return {
    shortcuts,
    error,
    async load(): Promise<void> {
      try {
        const all = await source.getAll();
        shortcuts.value = all
          .filter((c): c is { name: string; description?: string; shortcut?: string } => typeof c.name === 'string')
          .map((c) => ({
            name: c.name,
            description: c.description || (c.name === '_execute_action' ? t('commandOpenDialer') : c.name),
            keys: c.shortcut ?? '',
          }))
          .sort((a, b) => rank(a.name) - rank(b.name));
      } catch (e) {
        error.value = t('shortcutsReadError', (e as Error).message);
      }
    },
    async openSettings(): Promise<void> {
      try {
        await source.openSettings();
      } catch (e) {
        error.value = t('shortcutsOpenError', (e as Error).message);
      }
    },
  };
}

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
}

export type ShortcutsModel = ReturnType<typeof createShortcutsModel>;
