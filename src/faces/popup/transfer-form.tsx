import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/t';

/**
 * Transfer: hand the call to another number or SIP address at once (blind), or call them
 * first and talk (attended: "Talk first", then Complete or Cancel on the new call).
 */
export function TransferForm({ onTransfer, onConsult }: { onTransfer: (target: string) => void; onConsult: (target: string) => void }) {
  const [target, setTarget] = useState('');
  return (
    <details class="transfer">
      <summary>{t('popupTransfer')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onTransfer(target);
        }}
      >
        <label for="transfer-target">{t('popupTransferTo')}</label>
        <input id="transfer-target" type="tel" autocomplete="off" value={target} onInput={(e) => setTarget((e.target as HTMLInputElement).value)} />
        <button type="submit">{t('popupTransferCall')}</button>
        <button type="button" onClick={() => onConsult(target)}>{t('popupTalkFirst')}</button>
      </form>
    </details>
  );
}
