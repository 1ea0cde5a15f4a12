import { useEffect } from 'preact/hooks';
import { ACCOUNT_KINDS, EXPIRES_DEFAULT, EXPIRES_MAX, EXPIRES_MIN, type AccountKind } from '../../shared/account/account';
import { t } from '../../shared/i18n/t';
import { ACCOUNT_FORMS } from '../../providers/forms';
import type { AccountFormModel } from './account-form-model';
import type { MicrophoneModel } from './microphone-model';
import type { DetectionModel } from './detection-model';
import { DetectionSection } from './detection-section';
import { AudioSection } from './audio-section';
import type { AudioModel } from './audio-model';
import { DialPlanFields } from './dial-plan-fields';
import { AccountList } from './account-list';
import type { SettingsTransferModel } from './settings-transfer-model';
import { SettingsTransferSection } from './settings-transfer-section';
import type { ShortcutsModel } from '../common/shortcuts-model';
import { ShortcutsList } from '../common/shortcuts-list';
import { ChoiceField } from './choice-field';
import { LockedNote, PolicyProblems } from './locked-note';

export function Options({
  form,
  microphone,
  detection,
  audio,
  transfer,
  shortcuts,
  browserRegion,
  welcome,
}: {
  audio: AudioModel;
  form: AccountFormModel;
  microphone: MicrophoneModel;
  detection: DetectionModel;
  transfer: SettingsTransferModel;
  shortcuts: ShortcutsModel;
  browserRegion?: string;
  welcome: boolean;
}) {
  useEffect(() => {
    void form.load();
    void microphone.check();
    void shortcuts.load();
    const controller = new AbortController();
    form.watch(controller.signal);
    return () => controller.abort();
  }, [form, microphone, shortcuts]);

  return (
    <main class="options">
      <h1>Offhook</h1>
      {welcome && (
        <p class="welcome">
          {t('optionsWelcome')}
        </p>
      )}

      <section aria-labelledby="mic-heading" class="microphone" data-state={microphone.state.value}>
        <h2 id="mic-heading">{t('optionsMicrophoneHeading')}</h2>
        <p>{t('optionsMicrophoneIntro')}</p>
        {microphone.state.value === 'granted' ? (
          <p class="ok">{t('optionsMicrophoneAllowed')}</p>
        ) : (
          <button type="button" class="allow-mic" onClick={() => void microphone.request()}>{t('optionsAllowMicrophone')}</button>
        )}
        {microphone.state.value === 'denied' && (
          <p class="error" role="alert">
            {t('optionsMicrophoneBlocked')}
          </p>
        )}
        {microphone.detail.value && <p class="error">{microphone.detail.value}</p>}
      </section>

      <section aria-labelledby="account-heading">
        <h2 id="account-heading">{t('optionsAccountHeading')}</h2>
        {form.registration.value && (
          <p class="registration" role="status">{form.registration.value}</p>
        )}
        {form.loadError.value && <p class="error" role="alert">{form.loadError.value}</p>}
        <PolicyProblems form={form} />
        <AccountList form={form} />
        <form
          class="account"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void form.save();
          }}
        >
          <ChoiceField
            form={form}
            name="kind"
            label={'optionsPhoneSystemLabel'}
            help={'optionsPhoneSystemHelp'}
            choices={ACCOUNT_KINDS.map((kind) => [kind, ACCOUNT_FORMS[kind].label])}
          />
          {(ACCOUNT_FORMS[form.fields.value.kind as AccountKind] ?? ACCOUNT_FORMS.sip).fields.map((f) => {
            const error = form.errors.value[f.name];
            const id = `field-${f.name}`;
            const help = f.name === 'password' && form.secretHint.value ? `${form.secretHint.value} ${t(f.help)}` : t(f.help);
            const common = {
              id,
              name: f.name,
              value: form.fields.value[f.name],
              disabled: form.isLocked(f.name),
              'aria-invalid': error ? true : undefined,
              'aria-describedby': `${id}-help${error ? ` ${id}-error` : ''}`,
              onInput: (e: Event) => form.set(f.name, (e.target as HTMLInputElement).value),
            };
            return (
              <div class="field" key={f.name}>
                <label for={id}>{t(f.label)}</label>
                {f.translatedChoices ? (
                  <select {...common} onChange={(e: Event) => form.set(f.name, (e.target as HTMLSelectElement).value)}>
                    {f.translatedChoices.map(([value, text]) => (
                      <option key={value} value={value}>
                        {t(text)}
                      </option>
                    ))}
                  </select>
                ) : f.choices ? (
                  <select {...common} onChange={(e: Event) => form.set(f.name, (e.target as HTMLSelectElement).value)}>
                    <option value="" disabled>
                      {t('optionsChoose')}
                    </option>
                    {f.choices.map(([value, name]) => (
                      <option key={value} value={value}>
                        {name}
                      </option>
                    ))}
                  </select>
                ) : f.multiline ? (
                  <textarea {...common} rows={2} />
                ) : (
                  <input {...common} type={(f.type ?? 'text') as 'text'} autocomplete={f.autocomplete ?? 'off'} spellcheck={false} />
                )}
                <LockedNote form={form} name={f.name} />
                <p class="help" id={`${id}-help`}>{help}</p>
                {error && (
                  <p class="field-error" id={`${id}-error`}>
                    {error}
                  </p>
                )}
              </div>
            );
          })}
          <div class="field">
            <label for="field-dtmfMethod">{t('optionsDtmfLabel')}</label>
            <select
              id="field-dtmfMethod"
              value={form.fields.value.dtmfMethod}
              disabled={form.isLocked('dtmfMethod')}
              onChange={(e) => form.set('dtmfMethod', (e.target as HTMLSelectElement).value)}
            >
              <option value="rfc4733">{t('optionsDtmfRfc4733')}</option>
              <option value="info">{t('optionsDtmfInfo')}</option>
            </select>
            <LockedNote form={form} name="dtmfMethod" />
            <p class="help">{t('optionsDtmfHelp')}</p>
            {form.errors.value.dtmfMethod && <p class="field-error">{form.errors.value.dtmfMethod}</p>}
          </div>
          <ChoiceField
            form={form}
            name="autoAnswer"
            label={'optionsAutoAnswerLabel'}
            help={'optionsAutoAnswerHelp'}
            choices={[['off', 'optionsAutoAnswerOff'], ['intercom', 'optionsAutoAnswerIntercom']]}
          />
          <ChoiceField
            form={form}
            name="transferRequests"
            label={'optionsTransferRequestsLabel'}
            help={'optionsTransferRequestsHelp'}
            choices={[['decline', 'optionsTransferRequestsDecline'], ['ask', 'optionsTransferRequestsAsk']]}
          />
          <details class="advanced" open={Boolean(form.errors.value.expires)}>
            <summary>{t('optionsAdvanced')}</summary>
            <div class="field">
              <label for="field-expires">{t('optionsExpiresLabel')}</label>
              <input
                id="field-expires"
                name="expires"
                type="number"
                inputMode="numeric"
                min={EXPIRES_MIN}
                max={EXPIRES_MAX}
                step={1}
                value={form.fields.value.expires}
                disabled={form.isLocked('expires')}
                aria-invalid={form.errors.value.expires ? true : undefined}
                aria-describedby={`field-expires-help${form.errors.value.expires ? ' field-expires-error' : ''}`}
                onInput={(e) => form.set('expires', (e.target as HTMLInputElement).value)}
              />
              <LockedNote form={form} name="expires" />
              <p class="help" id="field-expires-help">
                {t('optionsExpiresHelp', EXPIRES_MIN, EXPIRES_MAX, EXPIRES_DEFAULT)}
              </p>
              {form.errors.value.expires && (
                <p class="field-error" id="field-expires-error">
                  {form.errors.value.expires}
                </p>
              )}
            </div>
          </details>
          <DialPlanFields form={form} />
          <div class="buttons">
            <button type="submit" class="save" disabled={form.busy.value !== null}>{t('optionsSave')}</button>
            <button type="button" class="test" disabled={form.busy.value !== null} onClick={() => void form.test()}>
              {t('optionsTestConnection')}
            </button>
            {form.saved.value && (
              <button type="button" class="remove" disabled={form.busy.value !== null} onClick={() => void form.remove()}>
                {t('optionsRemoveAccount')}
              </button>
            )}
          </div>
          {form.message.value && (
            <p class={`message ${form.message.value.kind}`} role={form.message.value.kind === 'error' ? 'alert' : 'status'}>
              {form.message.value.text}
            </p>
          )}
        </form>
      </section>

      <AudioSection model={audio} micAllowed={microphone.state.value === 'granted'} />

      <DetectionSection model={detection} browserRegion={browserRegion} />

      <section aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">{t('shortcutsHeading')}</h2>
        <ShortcutsList model={shortcuts} />
      </section>

      <SettingsTransferSection model={transfer} />

      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t('optionsPrivacyHeading')}</h2>
        <p>{t('optionsPrivacyText')}</p>
      </section>
    </main>
  );
}
