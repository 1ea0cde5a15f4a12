import { useEffect } from 'preact/hooks';
import type { DetectionModel } from './detection-model';

export function DetectionSection({ model, browserRegion }: { model: DetectionModel; browserRegion?: string }) {
  useEffect(() => void model.load(), [model]);
  const s = model.settings.value;
  if (!s) return null;
  return (
    <section aria-labelledby="detection-heading" class="detection">
      <h2 id="detection-heading">Phone numbers on pages</h2>
      <div class="field">
        <label>
          <input type="checkbox" checked={s.enabled} onChange={(e) => void model.setEnabled((e.target as HTMLInputElement).checked)} />
          {' Find phone numbers on web pages'}
        </label>
      </div>
      <div class="field">
        <label for="default-region">Default country</label>
        <input
          id="default-region"
          value={model.regionInput.value}
          maxLength={2}
          placeholder={browserRegion ?? ''}
          aria-invalid={model.regionError.value ? true : undefined}
          aria-describedby="default-region-help"
          onChange={(e) => void model.setRegion((e.target as HTMLInputElement).value)}
        />
        <p class="help" id="default-region-help">
          For numbers written without a country code, when the page does not say its country (by its language or
          domain). Empty: your browser’s country{browserRegion ? ` (${browserRegion})` : ''}.
        </p>
        {model.regionError.value && <p class="field-error">{model.regionError.value}</p>}
      </div>
      <div class="field">
        <label>
          <input type="checkbox" checked={s.handleCallLinks} onChange={(e) => void model.setCallLinks((e.target as HTMLInputElement).checked)} />
          {' Open phone links (tel:, callto:, sip:) in Offhook'}
        </label>
      </div>
      {s.disabledSites.length > 0 && (
        <div class="field">
          <p>Offhook is off on these sites:</p>
          <ul>
            {s.disabledSites.map((host) => (
              <li key={host}>
                {host} <button type="button" onClick={() => void model.enableSite(host)}>Turn back on</button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {model.message.value && <p class="message" role="status">{model.message.value}</p>}
    </section>
  );
}
