import { useEffect } from 'preact/hooks';
import { t } from '../../shared/i18n/t';
import type { HistoryModel } from './history-model';

export function HistoryList({ model, onRedial, canDial }: { model: HistoryModel; onRedial: (target: string) => void; canDial: boolean }) {
  useEffect(() => model.start(), [model]);
  return (
    <section class="history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('popupHistoryHeading')}</h2>
      <div class="filters" role="radiogroup" aria-label={t('popupHistoryFilterLabel')}>
        {(['all', 'missed'] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="history-filter" checked={model.filter.value === f} onChange={() => (model.filter.value = f)} />
            {` ${f === 'all' ? t('popupHistoryFilterAll') : t('popupHistoryFilterMissed')}`}
          </label>
        ))}
        {model.entries.value.length > 0 && (
          <button type="button" class="clear-history" onClick={() => void model.clear()}>
            {t('popupHistoryClear')}
          </button>
        )}
      </div>
      {model.shown.value.length === 0 ? (
        <p class="hint">{t('popupHistoryEmpty')}</p>
      ) : (
        <ul class="calls">
          {model.shown.value.map((entry) => (
            <li key={entry.id} data-outcome={entry.outcome}>
              <span class="who">{model.who(entry)}</span>
              <span class="when">{model.describe(entry)}</span>
              {model.address(entry) && <span class="address">{model.address(entry)}</span>}
              <button type="button" class="redial" aria-label={t('popupRedialLabel', model.address(entry) ?? entry.number)} disabled={!canDial} onClick={() => onRedial(entry.target)}>
                {t('popupCallButton')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {model.error.value && <p class="error" role="alert">{model.error.value}</p>}
    </section>
  );
}
