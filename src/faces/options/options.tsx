import { useEffect } from 'preact/hooks';
import type { AccountFormModel, FormFields } from './account-form-model';
import type { MicrophoneModel } from './microphone-model';
import type { DetectionModel } from './detection-model';
import { DetectionSection } from './detection-section';
import { DialPlanFields } from './dial-plan-fields';
import type { SettingsTransferModel } from './settings-transfer-model';
import { SettingsTransferSection } from './settings-transfer-section';
import type { ShortcutsModel } from '../common/shortcuts-model';
import { ShortcutsList } from '../common/shortcuts-list';

interface FieldSpec {
  name: keyof FormFields;
  label: string;
  type?: string;
  help: string;
  multiline?: boolean;
  autocomplete?: string;
}

const FIELDS: FieldSpec[] = [
  {
    name: 'server',
    label: 'Server (WebSocket URL)',
    type: 'url',
    help: 'Your PBX’s SIP-over-WebSocket address, e.g. wss://pbx.example.com:8089/ws (Asterisk), wss://pbx.example.com:7443 (FreeSWITCH). ws:// is allowed only for localhost.',
  },
  { name: 'username', label: 'Username', help: 'The SIP user or extension, e.g. 1001.', autocomplete: 'username' },
  { name: 'password', label: 'Password', type: 'password', help: 'The SIP password (not your web login).', autocomplete: 'new-password' },
  { name: 'domain', label: 'Domain', help: 'The SIP domain or realm, e.g. pbx.example.com.' },
  { name: 'displayName', label: 'Display name', help: 'Shown to the people you call, if the PBX passes it on.' },
  { name: 'authUsername', label: 'Authentication username (optional)', help: 'Only if your PBX wants a different name for authentication.' },
  {
    name: 'ha1',
    label: 'HA1 instead of password (optional)',
    type: 'password',
    help: 'MD5(username:realm:password), if you would rather not store the password itself.',
    autocomplete: 'off',
  },
  {
    name: 'iceServers',
    label: 'ICE servers (optional)',
    multiline: true,
    help: 'One STUN or TURN URL per line, TURN as “turn:host:3478 user:password”. Leave empty on a LAN: Offhook never uses a public STUN server unless you list it.',
  },
];

export function Options({
  form,
  microphone,
  detection,
  transfer,
  shortcuts,
  browserRegion,
  welcome,
}: {
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
          Welcome. Two steps and every phone number on the web is one click away: allow the microphone, then enter your SIP account.
        </p>
      )}

      <section aria-labelledby="mic-heading" class="microphone" data-state={microphone.state.value}>
        <h2 id="mic-heading">Microphone</h2>
        <p>Offhook needs your microphone to carry your voice in calls. It is used only during a call.</p>
        {microphone.state.value === 'granted' ? (
          <p class="ok">The microphone is allowed.</p>
        ) : (
          <button type="button" class="allow-mic" onClick={() => void microphone.request()}>Allow microphone</button>
        )}
        {microphone.state.value === 'denied' && (
          <p class="error" role="alert">
            The microphone is blocked for Offhook. Open the browser’s site settings for this extension (the icon at the
            left of the address bar on this page), set Microphone to Allow, then reload this page.
          </p>
        )}
        {microphone.detail.value && <p class="error">{microphone.detail.value}</p>}
      </section>

      <section aria-labelledby="account-heading">
        <h2 id="account-heading">SIP account</h2>
        {form.registration.value && (
          <p class="registration" role="status">{form.registration.value}</p>
        )}
        {form.loadError.value && <p class="error" role="alert">{form.loadError.value}</p>}
        <form
          class="account"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void form.save();
          }}
        >
          {FIELDS.map((f) => {
            const error = form.errors.value[f.name];
            const id = `field-${f.name}`;
            const help = f.name === 'password' && form.secretHint.value ? `${form.secretHint.value} ${f.help}` : f.help;
            const common = {
              id,
              name: f.name,
              value: form.fields.value[f.name],
              'aria-invalid': error ? true : undefined,
              'aria-describedby': `${id}-help${error ? ` ${id}-error` : ''}`,
              onInput: (e: Event) => form.set(f.name, (e.target as HTMLInputElement).value),
            };
            return (
              <div class="field" key={f.name}>
                <label for={id}>{f.label}</label>
                {f.multiline ? (
                  <textarea {...common} rows={2} />
                ) : (
                  <input {...common} type={(f.type ?? 'text') as 'text'} autocomplete={f.autocomplete ?? 'off'} spellcheck={false} />
                )}
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
            <label for="field-dtmfMethod">Keypad tones</label>
            <select
              id="field-dtmfMethod"
              value={form.fields.value.dtmfMethod}
              onChange={(e) => form.set('dtmfMethod', (e.target as HTMLSelectElement).value)}
            >
              <option value="rfc4733">In the audio stream (RFC 4733, most PBXs)</option>
              <option value="info">As SIP INFO messages</option>
            </select>
            <p class="help">How digits you press during a call (menus, extensions, PINs) reach the PBX.</p>
            {form.errors.value.dtmfMethod && <p class="field-error">{form.errors.value.dtmfMethod}</p>}
          </div>
          <DialPlanFields form={form} />
          <div class="buttons">
            <button type="submit" class="save" disabled={form.busy.value !== null}>Save</button>
            <button type="button" class="test" disabled={form.busy.value !== null} onClick={() => void form.test()}>
              Test connection
            </button>
            {form.saved.value && (
              <button type="button" class="remove" disabled={form.busy.value !== null} onClick={() => void form.remove()}>
                Remove account
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

      <DetectionSection model={detection} browserRegion={browserRegion} />

      <section aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        <ShortcutsList model={shortcuts} />
      </section>

      <SettingsTransferSection model={transfer} />

      <section aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">Where your settings live</h2>
        <p>
          The account, password included, is stored only in this browser, in storage that web pages and the scripts Offhook runs inside them
          cannot read. It is sent only to the server above.
        </p>
      </section>
    </main>
  );
}
