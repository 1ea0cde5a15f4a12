import type { ComponentChild } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../../shared/i18n/t';
import { HistoryList } from './history-list';
import type { HistoryModel } from './history-model';
import { CallDetails } from './call-details';
import { Keypad } from './keypad';
import { TransferForm } from './transfer-form';
import type { PageModel } from './page-model';
import type { PhoneModel } from './phone-model';
import type { DirectoryModel } from './directory-model';
import type { ShortcutsModel } from '../common/shortcuts-model';
import { ShortcutsList } from '../common/shortcuts-list';
import { useFirstInteractiveMark } from './first-interactive-mark';

/** Stands for a link inside a translated sentence, which the sentence may place anywhere. */
const LINK = '\u2063';

/** A translated sentence with `link` where the sentence has LINK. */
function withLink(sentence: string, link: ComponentChild) {
  const [before, after = ''] = sentence.split(LINK);
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}

/** The dialer: registration status, incoming calls, the active call, a number field, and
 * the numbers on the current page. */
export function Popup({
  model,
  directory,
  page,
  history,
  shortcuts,
}: {
  model: PhoneModel;
  directory: DirectoryModel;
  page: PageModel;
  history: HistoryModel;
  shortcuts: ShortcutsModel;
}) {
  useEffect(() => void page.load(), [page]);
  const hasDirectory = model.snapshot.value?.directory === true;
  // A name typed in the number field is looked up in the phone system's directory.
  useEffect(() => directory.typed(model.number.value, hasDirectory), [directory, model.number.value, hasDirectory]);
  const reg = model.registrationState.value;
  useFirstInteractiveMark(reg);
  return (
    <main class="popup">
      <p class="status" role="status" data-state={reg}>
        {model.status.value}
      </p>
      <label class="dnd">
        <input type="checkbox" checked={model.dnd.value} onChange={(e) => void model.setDnd((e.target as HTMLInputElement).checked)} />
        {` ${t('popupDoNotDisturb')}`}
      </label>
      {model.canRetry.value && (
        <button type="button" class="retry" onClick={() => void model.retry()}>
          {t('popupRetryNow')}
        </button>
      )}

      {model.voicemail.value && (
        <p class="voicemail" data-new={model.snapshot.value?.voicemail?.new ?? 0}>
          {model.voicemail.value}
        </p>
      )}
      {model.needsSignIn.value && (
        <a class="sign-in" href="/options.html" target="_blank">
          {t('popupSignInAgain')}
        </a>
      )}

      {model.ringing.value.map((call) => (
        <section class="call incoming" key={call.id} aria-live="assertive" aria-label={t('popupIncomingCallLabel')} data-call-state={call.state}>
          <p class="who">{model.who(call)}</p>
          <p class="state">{model.callLabel(call)}</p>
          <div class="actions">
            {model.active.value.some((c) => c.state === 'established') ? (
              <>
                <button class="answer" onClick={() => void model.answer(call.id, 'hold')}>{t('popupAnswerAndHold')}</button>
                <button class="answer" onClick={() => void model.answer(call.id, 'end')}>{t('popupAnswerAndEnd')}</button>
              </>
            ) : (
              <button class="answer" onClick={() => void model.answer(call.id)}>{t('popupAnswer')}</button>
            )}
            <button class="decline" onClick={() => void model.decline(call.id)}>{t('popupDecline')}</button>
          </div>
        </section>
      ))}

      {model.active.value.map((call) => (
        <section class="call active" key={call.id} aria-label={t('popupCallLabel')} data-call-state={call.state}>
          <p class="who">{model.who(call)}</p>
          <p class="state" aria-live="polite">{model.callLabel(call)}</p>
          {call.autoAnswered && <p class="note">{t('popupAutoAnswered')}</p>}
          {call.referredBy && <p class="note">{t('popupReferredBy', call.referredBy)}</p>}
          {call.tonesAfterAnswer && call.state !== 'established' && <p class="note">{t('popupTonesAfterAnswer', call.tonesAfterAnswer)}</p>}
          {call.transferRequest?.state === 'asking' && (
            <div class="transfer-request" role="alert">
              <p>{t('popupTransferAsking', model.who(call), call.transferRequest.target)}</p>
              <p class="address">{call.transferRequest.uri}</p>
              <div class="actions">
                <button class="accept-transfer" onClick={() => void model.answerTransfer(call.id, true)}>{t('popupTransferAccept')}</button>
                <button class="decline-transfer" onClick={() => void model.answerTransfer(call.id, false)}>{t('popupTransferDecline')}</button>
              </div>
            </div>
          )}
          {model.transferNote(call) && <p class="note transfer-note" aria-live="polite">{model.transferNote(call)}</p>}
          <div class="actions">
            {call.state === 'established' && (
              <>
                <button class="mute" aria-pressed={call.muted} onClick={() => void model.mute(call.id, !call.muted)}>
                  {call.muted ? t('popupUnmute') : t('popupMute')}
                </button>
                {call.conference ? (
                  <button class="split" onClick={() => void model.split(call.id)}>{t('popupSplit')}</button>
                ) : (
                  <button class="hold" aria-pressed={call.held} onClick={() => void model.hold(call.id, !call.held)}>
                    {call.held ? t('popupResume') : t('popupHold')}
                  </button>
                )}
              </>
            )}
            <button class="hangup" onClick={() => void model.hangup(call.id)}>
              {call.state === 'established' ? t('popupHangUp') : t('popupCancel')}
            </button>
          </div>
          {call.state === 'established' && <CallDetails load={model.statsLoader(call.id)} />}
          {call.state === 'established' && <Keypad onDigit={(d) => void model.dtmf(call.id, d)} />}
          {call.consultFor && call.state === 'established' && (
            <div class="actions consult">
              <button class="complete-transfer" onClick={() => void model.completeTransfer(call.id)}>{t('popupCompleteTransfer')}</button>
              <button class="cancel-transfer" onClick={() => void model.cancelTransfer(call.id)}>{t('popupCancelTransfer')}</button>
            </div>
          )}
          {call.state === 'established' && !call.consultFor && (
            <TransferForm
              onTransfer={(target) => void model.transfer(call.id, target)}
              onConsult={(target) => void model.consult(call.id, target)}
            />
          )}
        </section>
      ))}

      {model.canMerge.value && (
        <button type="button" class="merge" onClick={() => void model.merge()}>{t('popupMergeCalls')}</button>
      )}

      {model.ended.value && <p class="ended" aria-live="polite">{model.ended.value}</p>}

      <form
        class="dialer"
        onSubmit={(e) => {
          e.preventDefault();
          void model.dial();
        }}
      >
        <label for="number">{t('popupNumberLabel')}</label>
        <input
          id="number"
          type="tel"
          autocomplete="off"
          placeholder={t('popupNumberPlaceholder')}
          list="recent-numbers"
          value={model.number.value}
          onInput={(e) => {
            const input = e.target as HTMLInputElement;
            const ie = e as InputEvent;
            // Typing is formatted; deleting is left alone (so a separator can be deleted), and
            // a pick from the recent list is dialled as it is.
            if (ie.inputType?.startsWith('insert') && ie.inputType !== 'insertReplacementText')
              model.type(input.value, { caretAtEnd: input.selectionStart === input.value.length });
            else model.number.value = input.value;
          }}
          onPaste={(e) => {
            const text = e.clipboardData?.getData('text');
            const input = e.target as HTMLInputElement;
            // Only a paste into an empty or fully selected field is cleaned as a whole.
            if (!text || input.selectionStart !== 0 || input.selectionEnd !== input.value.length) return;
            e.preventDefault();
            model.type(text, { pasted: true });
          }}
        />
        <datalist id="recent-numbers">
          {history.recent.value.map((r) => (
            <option key={r.target} value={r.target} label={r.label} />
          ))}
        </datalist>
        <button type="submit" class="call-button" disabled={!model.canDial.value}>{t('popupCallButton')}</button>
      </form>

      {model.error.value && <p class="error" role="alert">{model.error.value}</p>}

      {directory.term.value && (
        <section class="directory" aria-labelledby="directory-heading">
          <h2 id="directory-heading">{t('popupDirectoryHeading')}</h2>
          {directory.error.value ? (
            <p class="error" role="alert">{directory.error.value}</p>
          ) : directory.results.value.length === 0 ? (
            <p class="hint">{t('popupDirectoryNone', directory.term.value)}</p>
          ) : (
            <ul class="numbers">
              {directory.results.value.map((c, i) => (
                <li key={`${c.number}-${i}`}>
                  <span class="number-text">
                    {c.name} <span class="directory-number">{c.label ? `${c.label} ${c.number}` : c.number}</span>
                  </span>
                  <button
                    class="call-number"
                    aria-label={t('popupDirectoryCall', c.name, c.number)}
                    disabled={!model.canDial.value}
                    onClick={() => {
                      directory.clear();
                      model.number.value = '';
                      void model.dialTarget(c.number);
                    }}
                  >
                    {t('popupCallButton')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section class="on-page" aria-labelledby="on-page-heading">
        <h2 id="on-page-heading">{t('popupOnThisPage')}</h2>
        {page.numbers.value.length === 0 ? (
          <p class="hint">{page.reports.value === null ? t('popupOnPageLooking') : t('popupOnPageNone')}</p>
        ) : (
          <ul class="numbers">
            {page.numbers.value.map((n, i) => (
              <li key={`${n.tel}-${i}`}>
                <span class="number-text" title={n.tel}>{n.formatted || n.text}</span>
                <button
                  class="call-number"
                  aria-label={t('popupCallNumberLabel', n.formatted || n.text)}
                  disabled={!model.canDial.value}
                  onClick={() => void model.dialTarget(n.tel)}
                >
                  {t('popupCallButton')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {page.organizationReason.value && (
          <p class="organization-rule" data-rule={page.rule.value}>
            {page.organizationReason.value}
          </p>
        )}
        <div class="switches">
          {page.hostname.value && (
            <label>
              <input
                type="checkbox"
                checked={page.organizationDecides.value.site ? page.rule.value === 'on' : page.onThisSite.value}
                disabled={page.organizationDecides.value.site}
                onChange={(e) => void page.setSite((e.target as HTMLInputElement).checked)}
              />
              {` ${t('popupOnSite', page.hostname.value)}`}
            </label>
          )}
          <label>
            <input
              type="checkbox"
              checked={page.everywhere.value}
              disabled={page.organizationDecides.value.everywhere}
              onChange={(e) => void page.setEverywhere((e.target as HTMLInputElement).checked)}
            />
            {` ${t('popupOnAllSites')}`}
          </label>
        </div>
        {page.error.value && <p class="error" role="alert">{page.error.value}</p>}
      </section>

      <HistoryList model={history} canDial={model.canDial.value} onRedial={(target) => void model.dialTarget(target)} />

      <details
        class="help-shortcuts"
        onToggle={(e) => {
          // Read only when asked for: the popup's first paint waits for nothing.
          if ((e.target as HTMLDetailsElement).open && shortcuts.shortcuts.value === null) void shortcuts.load();
        }}
      >
        <summary>{t('shortcutsHeading')}</summary>
        <ShortcutsList model={shortcuts} />
      </details>

      {reg === 'unconfigured' && (
        <p class="hint">
          {withLink(t('popupSetupHint', LINK), <a href="/options.html" target="_blank">{t('popupSetupLink')}</a>)}
        </p>
      )}
    </main>
  );
}
