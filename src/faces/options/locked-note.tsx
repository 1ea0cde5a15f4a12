import { t } from '../../shared/i18n/t';
import type { AccountFormModel, FormFields } from './account-form-model';

/** Under a field the organization set by policy: says so (the field itself is disabled). */
export function LockedNote({ form, name }: { form: AccountFormModel; name: keyof FormFields }) {
  if (!form.isLocked(name)) return null;
  return (
    <p class="locked" data-locked={name}>
      {t('optionsSetByOrganization')}
    </p>
  );
}

/** The policy keys the organization set that Offhook ignored, each with why. */
export function PolicyProblems({ form }: { form: AccountFormModel }) {
  const problems = form.policyProblems.value;
  if (problems.length === 0) return null;
  return (
    <div class="policy-problems" role="status">
      <p>{t('optionsPolicyProblems')}</p>
      <ul>
        {problems.map((p) => (
          <li key={p.key}>
            <code>{p.key}</code>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
