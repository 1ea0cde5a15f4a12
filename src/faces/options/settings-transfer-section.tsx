import { t } from '../../shared/i18n/t';
import type { SettingsTransferModel } from './settings-transfer-model';

const MAX_BYTES = 256 * 1024;

export function SettingsTransferSection({ model }: { model: SettingsTransferModel }) {
  const message = model.message.value;
  return (
    <section aria-labelledby="transfer-heading" class="transfer">
      <h2 id="transfer-heading">{t('transferHeading')}</h2>
      <p>{t('transferIntro')}</p>
      <div class="buttons">
        <button type="button" class="export" onClick={() => void model.exportFile()}>{t('transferExportButton')}</button>
        <label class="import-label" for="import-file">{t('transferImportLabel')}</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            input.value = '';
            if (!file) return;
            if (file.size > MAX_BYTES) model.refuse(t('importTooLarge'));
            else void file.text().then((text) => model.importText(text));
          }}
        />
      </div>
      {message && (
        <p class={`message transfer-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {model.confirming.value && (
        <div class="import-confirm">
          <ul class="import-changes">
            {model.confirming.value.changes.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
          <div class="buttons">
            <button type="button" class="import-anyway" onClick={() => void model.confirm()}>{t('transferImportAnyway')}</button>
            <button type="button" class="import-cancel" onClick={() => model.cancel()}>{t('transferCancel')}</button>
          </div>
        </div>
      )}
      {model.changes.value.length > 0 && (
        <>
          <p>{t('transferChanged')}</p>
          <ul class="import-changes">
            {model.changes.value.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
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
