import type { SettingsTransferModel } from './settings-transfer-model';

const MAX_BYTES = 256 * 1024;

export function SettingsTransferSection({ model }: { model: SettingsTransferModel }) {
  const message = model.message.value;
  return (
    <section aria-labelledby="transfer-heading" class="transfer">
      <h2 id="transfer-heading">Export and import</h2>
      <p>
        Save your settings as a JSON file, or load them from one: the number detection settings and the account, without its password, HA1 or
        TURN credentials, which never leave this browser. A file with any problem is not applied at all.
      </p>
      <div class="buttons">
        <button type="button" class="export" onClick={() => void model.exportFile()}>Export settings</button>
        <label class="import-label" for="import-file">Import settings from a file</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            input.value = '';
            if (!file) return;
            if (file.size > MAX_BYTES) model.refuse('The file is too large to be an Offhook settings file.');
            else void file.text().then((text) => model.importText(text));
          }}
        />
      </div>
      {message && (
        <p class={`message transfer-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {model.problems.value.length > 0 && (
        <ul class="import-problems">
          {model.problems.value.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
