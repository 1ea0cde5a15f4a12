import { useEffect } from 'preact/hooks';
import { t } from '../../shared/i18n/t';
import type { DetectionModel } from './detection-model';

export function DetectionSection({ model, browserRegion }: { model: DetectionModel; browserRegion?: string }) {
  useEffect(() => void model.load(), [model]);
  const s = model.settings.value;
  if (!s) return null;
  const policy = s.policy ?? {};
  const setByOrganization = <p class="locked">{t('optionsSetByOrganization')}</p>;
  return (
    <section aria-labelledby="detection-heading" class="detection">
      <h2 id="detection-heading">{t('optionsDetectionHeading')}</h2>
      <div class="field">
        <label>
          <input
            type="checkbox"
            checked={s.enabled}
            disabled={policy.enabled !== undefined}
            onChange={(e) => void model.setEnabled((e.target as HTMLInputElement).checked)}
          />
          {` ${t('optionsDetectionEnabled')}`}
        </label>
        {policy.enabled !== undefined && setByOrganization}
      </div>
      <div class="field">
        <label for="default-region">{t('optionsDefaultRegionLabel')}</label>
        <input
          id="default-region"
          value={model.regionInput.value}
          maxLength={2}
          placeholder={browserRegion ?? ''}
          disabled={policy.defaultRegion !== undefined}
          aria-invalid={model.regionError.value ? true : undefined}
          aria-describedby="default-region-help"
          onChange={(e) => void model.setRegion((e.target as HTMLInputElement).value)}
        />
        <p class="help" id="default-region-help">
          {browserRegion ? t('optionsDefaultRegionHelpWithBrowser', browserRegion) : t('optionsDefaultRegionHelp')}
        </p>
        {policy.defaultRegion !== undefined && setByOrganization}
        {model.regionError.value && <p class="field-error">{model.regionError.value}</p>}
      </div>
      <div class="field">
        <label>
          <input type="checkbox" checked={s.handleCallLinks} onChange={(e) => void model.setCallLinks((e.target as HTMLInputElement).checked)} />
          {` ${t('optionsHandleCallLinks')}`}
        </label>
      </div>
      {(['allowSites', 'denySites'] as const).map(
        (list) =>
          !!policy[list]?.length && (
            <div class="field" key={list} data-organization-sites={list}>
              <p>{t(list === 'allowSites' ? 'optionsOrgAllowSites' : 'optionsOrgDenySites')}</p>
              <ul>
                {policy[list]!.map((pattern) => (
                  <li key={pattern}>
                    <code>{pattern}</code>
                  </li>
                ))}
              </ul>
            </div>
          ),
      )}
      {s.disabledSites.length > 0 && (
        <div class="field">
          <p>{t('optionsDisabledSites')}</p>
          <ul>
            {s.disabledSites.map((host) => (
              <li key={host}>
                {host} <button type="button" onClick={() => void model.enableSite(host)}>{t('optionsTurnBackOn')}</button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {model.message.value && <p class="message" role="status">{model.message.value}</p>}
    </section>
  );
}
