import { t } from '../../shared/i18n/t';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The in-call keypad: each press sends one tone. Typing a digit does the same. */
export function Keypad({ onDigit }: { onDigit: (digit: string) => void }) {
  return (
    <details class="keypad">
      <summary>{t('popupKeypad')}</summary>
      <div
        class="keys"
        role="group"
        aria-label={t('popupKeypad')}
        onKeyDown={(e) => {
          if (/^[0-9*#]$/.test(e.key)) {
            e.preventDefault();
            onDigit(e.key);
          }
        }}
      >
        {KEYS.map((key) => (
          <button key={key} type="button" class="key" aria-label={t('popupKeypadTone', key)} onClick={() => onDigit(key)}>
            {key}
          </button>
        ))}
      </div>
    </details>
  );
}
