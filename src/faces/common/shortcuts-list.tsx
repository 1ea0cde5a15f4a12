import { t } from '../../shared/i18n/t';
import type { ShortcutsModel } from './shortcuts-model';

/** The shortcuts as the browser has them, and the button to change them. */
export function ShortcutsList({ model }: { model: ShortcutsModel }) {
  const list = model.shortcuts.value;
  return (
    <div class="shortcuts">
      {list === null ? (
        <p class="hint">{model.error.value ?? t('shortcutsReading')}</p>
      ) : (
        <table>
          <tbody>
            {list.map((s) => (
              <tr key={s.name} data-command={s.name}>
                <td>{s.description}</td>
                <td>{s.keys ? <kbd>{s.keys}</kbd> : <span class="hint">{t('shortcutsNotSet')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="help">{t('shortcutsGlobalHint')}</p>
      <button type="button" class="change-shortcuts" onClick={() => void model.openSettings()}>
        {t('shortcutsChange')}
      </button>
      {list !== null && model.error.value && <p class="error" role="alert">{model.error.value}</p>}
    </div>
  );
}
