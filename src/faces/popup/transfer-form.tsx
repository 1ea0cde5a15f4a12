import { useState } from 'preact/hooks';

/**
 * Transfer: hand the call to another number or SIP address at once (blind), or call them
 * first and talk (attended: "Talk first", then Complete or Cancel on the new call).
 */
export function TransferForm({ onTransfer, onConsult }: { onTransfer: (target: string) => void; onConsult: (target: string) => void }) {
  const [target, setTarget] = useState('');
  return (
    <details class="transfer">
      <summary>Transfer</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onTransfer(target);
        }}
      >
        <label for="transfer-target">Transfer to</label>
        <input id="transfer-target" type="tel" autocomplete="off" value={target} onInput={(e) => setTarget((e.target as HTMLInputElement).value)} />
        <button type="submit">Transfer call</button>
        <button type="button" onClick={() => onConsult(target)}>Talk first</button>
      </form>
    </details>
  );
}
