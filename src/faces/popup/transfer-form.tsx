import { useState } from 'preact/hooks';
import { t } from '../../shared/i18n/t';

/** Blind transfer: hand the call to another number or SIP address. */
export function TransferForm({ onTransfer }: { onTransfer: (target: string) => void }) {
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
      </form>
    </details>
  );
}
