import type { ShortcutsModel } from './shortcuts-model';

/** The shortcuts as the browser has them, and the button to change them. */
export function ShortcutsList({ model }: { model: ShortcutsModel }) {
  const list = model.shortcuts.value;
  return (
    <div class="shortcuts">
      {list === null ? (
        <p class="hint">{model.error.value ?? 'Reading the shortcuts…'}</p>
      ) : (
        <table>
          <tbody>
            {list.map((s) => (
              <tr key={s.name} data-command={s.name}>
                <td>{s.description}</td>
                <td>{s.keys ? <kbd>{s.keys}</kbd> : <span class="hint">Not set</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="help">Answer and Hang up also work while the browser is in the background.</p>
      <button type="button" class="change-shortcuts" onClick={() => void model.openSettings()}>
        Change shortcuts
      </button>
      {list !== null && model.error.value && <p class="error" role="alert">{model.error.value}</p>}
    </div>
  );
}
