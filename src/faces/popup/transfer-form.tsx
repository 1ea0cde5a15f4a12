import { useState } from 'preact/hooks';

/** Blind transfer: hand the call to another number or SIP address. */
export function TransferForm({ onTransfer }: { onTransfer: (target: string) => void }) {
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
      </form>
    </details>
  );
}
