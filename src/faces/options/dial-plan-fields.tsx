import { t, type MessageKey } from '../../shared/i18n/t';
import type { AccountFormModel, FormFields } from './account-form-model';
import { LockedNote } from './locked-note';

type DialField = 'dialInternationalPrefix' | 'dialHomeCountry' | 'dialOutsideLine';

const TEXT_FIELDS: { name: DialField; label: MessageKey; help: MessageKey; maxLength: number }[] = [
  {
    name: 'dialHomeCountry',
    label: 'optionsDialHomeCountryLabel',
    help: 'optionsDialHomeCountryHelp',
    maxLength: 2,
  },
  {
    name: 'dialOutsideLine',
    label: 'optionsDialOutsideLineLabel',
    help: 'optionsDialOutsideLineHelp',
    maxLength: 4,
  },
  {
    name: 'dialInternationalPrefix',
    label: 'optionsDialInternationalPrefixLabel',
    help: 'optionsDialInternationalPrefixHelp',
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
      <legend>{t('optionsDialPlanLegend')}</legend>
      <p class="help">{t('optionsDialPlanIntro')}</p>
      <div class="field">
        <label for="field-dialInternational">{t('optionsDialInternationalLabel')}</label>
        <select id="field-dialInternational" value={f.dialInternational} disabled={form.isLocked('dialInternational')} onChange={set('dialInternational')}>
          <option value="plus">{t('optionsDialStylePlus')}</option>
          <option value="digits">{t('optionsDialStyleDigits')}</option>
          <option value="prefix">{t('optionsDialStylePrefix')}</option>
        </select>
        <LockedNote form={form} name="dialInternational" />
        {errors.dialInternational && <p class="field-error">{errors.dialInternational}</p>}
      </div>
      {TEXT_FIELDS.map((field) => {
        const id = `field-${field.name}`;
        const error = errors[field.name];
        return (
          <div class="field" key={field.name}>
            <label for={id}>{t(field.label)}</label>
            <input
              id={id}
              name={field.name}
              value={f[field.name]}
              disabled={form.isLocked(field.name)}
              maxLength={field.maxLength}
              autocomplete="off"
              spellcheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
              onInput={set(field.name)}
            />
            <LockedNote form={form} name={field.name} />
            <p class="help" id={`${id}-help`}>{t(field.help)}</p>
            {error && <p class="field-error" id={`${id}-error`}>{error}</p>}
          </div>
        );
      })}
      <div class="dial-preview" aria-live="polite">
        <p>{t('optionsDialPreview')}</p>
        {form.dialPreview.value.length === 0 ? (
          <p class="help">{t('optionsDialPreviewInvalid')}</p>
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
