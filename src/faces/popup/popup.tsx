import { useEffect } from 'preact/hooks';
import type { PhoneModel } from './phone-model';

/** The dialer: registration status, incoming calls, the active call and a number field. */
export function Popup({ model }: { model: PhoneModel }) {
  useEffect(() => model.start(), [model]);
  const reg = model.registrationState.value;
  return (
    <main class="popup">
      <p class="status" role="status" data-state={reg}>
        {model.status.value}
      </p>

      {model.ringing.value.map((call) => (
        <section class="call incoming" key={call.id} aria-live="assertive" aria-label="Incoming call" data-call-state={call.state}>
          <p class="who">{model.who(call)}</p>
          <p class="state">{model.callLabel(call)}</p>
          <div class="actions">
            <button class="answer" onClick={() => void model.answer(call.id)}>Answer</button>
            <button class="decline" onClick={() => void model.decline(call.id)}>Decline</button>
          </div>
        </section>
      ))}

      {model.active.value.map((call) => (
        <section class="call active" key={call.id} aria-label="Call" data-call-state={call.state}>
          <p class="who">{model.who(call)}</p>
          <p class="state" aria-live="polite">{model.callLabel(call)}</p>
          <div class="actions">
            <button class="hangup" onClick={() => void model.hangup(call.id)}>
              {call.state === 'established' ? 'Hang up' : 'Cancel'}
            </button>
          </div>
        </section>
      ))}

      {model.ended.value && <p class="ended" aria-live="polite">{model.ended.value}</p>}

      <form
        class="dialer"
        onSubmit={(e) => {
          e.preventDefault();
          void model.dial();
        }}
      >
        <label for="number">Number</label>
        <input
          id="number"
          type="tel"
          autocomplete="off"
          placeholder="Number or SIP address"
          value={model.number.value}
          onInput={(e) => (model.number.value = (e.target as HTMLInputElement).value)}
        />
        <button type="submit" class="call-button" disabled={!model.canDial.value}>Call</button>
      </form>

      {model.error.value && <p class="error" role="alert">{model.error.value}</p>}

      {reg === 'unconfigured' && (
        <p class="hint">
          <a href="/options.html" target="_blank">Set up your SIP account</a> to start calling.
        </p>
      )}
    </main>
  );
}
