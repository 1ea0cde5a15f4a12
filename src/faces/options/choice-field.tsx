import { t, type MessageKey } from '../../shared/i18n/t';
import type { AccountFormModel, FormFields } from './account-form-model';
import { LockedNote } from './locked-note';

/** One of the account's choices as a labelled select, with its help and its error. */
export function ChoiceField({
  form,
  name,
  label,
  help,
  choices,
}: {
  form: AccountFormModel;
  name: keyof FormFields;
  label: MessageKey;
  help: MessageKey;
  choices: [value: string, text: MessageKey][];
}) {
  const id = `field-${name}`;
  return (
    <div class="field">
      <label for={id}>{t(label)}</label>
      <select id={id} value={form.fields.value[name]} disabled={form.isLocked(name)} aria-describedby={`${id}-help`} onChange={(e) => form.set(name, (e.target as HTMLSelectElement).value)}>
        {choices.map(([value, text]) => (
          <option key={value} value={value}>
            {t(text)}
          </option>
        ))}
      </select>
      <LockedNote form={form} name={name} />
      <p class="help" id={`${id}-help`}>{t(help)}</p>
      {form.errors.value[name] && <p class="field-error">{form.errors.value[name]}</p>}
    </div>
  );
}
