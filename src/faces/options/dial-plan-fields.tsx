import type { AccountFormModel, FormFields } from './account-form-model';

type DialField = 'dialInternationalPrefix' | 'dialHomeCountry' | 'dialOutsideLine';

const TEXT_FIELDS: { name: DialField; label: string; help: string; maxLength: number }[] = [
  {
    name: 'dialHomeCountry',
    label: 'Home country',
    help: 'Two letters, e.g. DE or US. Numbers in this country are dialled in national format (0221 2210). Empty: every number is dialled internationally. A number you type without + is read in this country.',
    maxLength: 2,
  },
  {
    name: 'dialOutsideLine',
    label: 'Outside-line prefix',
    help: 'Digits your PBX wants before every outside number, e.g. 9 or 0. Never put before a +. Empty: none.',
    maxLength: 4,
  },
  {
    name: 'dialInternationalPrefix',
    label: 'International prefix',
    help: 'Used when international numbers are dialled with a prefix: 00 in most of the world, 011 in North America.',
    maxLength: 4,
  },
];

/** The account's dial plan with a live preview of what it dials, part of the account form. */
export function DialPlanFields({ form }: { form: AccountFormModel }) {
  const f = form.fields.value;
  const errors = form.errors.value;
  const set = (name: keyof FormFields) => (e: Event) => form.set(name, (e.target as HTMLInputElement).value);
  return (
    <fieldset class="dial-plan">
      <legend>Dial plan</legend>
      <p class="help">How Offhook writes a number for your PBX. Extensions and SIP addresses are dialled as typed.</p>
      <div class="field">
        <label for="field-dialInternational">International numbers</label>
        <select id="field-dialInternational" value={f.dialInternational} onChange={set('dialInternational')}>
          <option value="plus">With + (E.164: +49 221 2210)</option>
          <option value="digits">Without + (49 221 2210)</option>
          <option value="prefix">With the international prefix (00 49 221 2210)</option>
        </select>
        {errors.dialInternational && <p class="field-error">{errors.dialInternational}</p>}
      </div>
      {TEXT_FIELDS.map((field) => {
        const id = `field-${field.name}`;
        const error = errors[field.name];
        return (
          <div class="field" key={field.name}>
            <label for={id}>{field.label}</label>
            <input
              id={id}
              name={field.name}
              value={f[field.name]}
              maxLength={field.maxLength}
              autocomplete="off"
              spellcheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
              onInput={set(field.name)}
            />
            <p class="help" id={`${id}-help`}>{field.help}</p>
            {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
          </div>
        );
      })}
      <div class="dial-preview" aria-live="polite">
        <p>Preview</p>
        {form.dialPreview.value.length === 0 ? (
          <p class="help">Correct the dial plan to see what it dials.</p>
        ) : (
          <ul>
            {form.dialPreview.value.map((line) => (
              <li key={line.number}>
                <span class="from">{line.number}</span> → <code class="to">{line.dials}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
