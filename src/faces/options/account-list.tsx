import { t } from '../../shared/i18n/t';
import type { AccountFormModel } from './account-form-model';

/** The stored accounts: which one is the default (registered), switching, editing, adding. */
export function AccountList({ form }: { form: AccountFormModel }) {
  const { accounts, defaultAor } = form.book.value;
  if (accounts.length === 0) return null;
  const editing = form.saved.value ? form.aorOf(form.saved.value) : null;
  const busy = form.busy.value !== null;
  return (
    <div class="accounts">
      <h3 id="accounts-heading">{t('optionsAccountsHeading')}</h3>
      <ul aria-labelledby="accounts-heading">
        {accounts.map((a) => {
          const aor = form.aorOf(a);
          return (
            <li key={aor} data-aor={aor} data-default={aor === defaultAor ? 'true' : undefined}>
              <span class="aor">{aor}</span>{' '}
              {aor === defaultAor ? (
                <span class="default">{t('optionsAccountDefault')}</span>
              ) : (
                <button type="button" class="use-account" disabled={busy} onClick={() => void form.use(aor)}>
                  {t('optionsAccountUse')}
                </button>
              )}{' '}
              {aor === editing ? (
                <span class="editing">{t('optionsAccountEditing')}</span>
              ) : (
                <button type="button" class="edit-account" disabled={busy} onClick={() => form.edit(a)}>
                  {t('optionsAccountEdit')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <p class="help">{t('optionsAccountsHelp')}</p>
      {form.mayAddAccounts.value ? (
        <button type="button" class="add-account" disabled={busy} onClick={() => form.addAccount()}>
          {t('optionsAccountAdd')}
        </button>
      ) : (
        <p class="locked">{t('optionsNoOtherAccounts')}</p>
      )}
    </div>
  );
}
