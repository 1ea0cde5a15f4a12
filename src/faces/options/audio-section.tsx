import { useEffect } from 'preact/hooks';
import { t, type MessageKey } from '../../shared/i18n/t';
import { AUDIO_ROLES, type AudioModel } from './audio-model';

const LABELS: Record<string, MessageKey> = { microphone: 'optionsAudioMicrophone', speaker: 'optionsAudioSpeaker', ringer: 'optionsAudioRinger' };
const HELP: Record<string, MessageKey> = {
  microphone: 'optionsAudioMicrophoneHelp',
  speaker: 'optionsAudioSpeakerHelp',
  ringer: 'optionsAudioRingerHelp',
};

/** Sound devices, ringtone volume, a microphone level meter and test sounds. */
export function AudioSection({ model, micAllowed }: { model: AudioModel; micAllowed: boolean }) {
  useEffect(() => {
    void model.load();
    const onChange = () => void model.refreshDevices();
    navigator.mediaDevices?.addEventListener('devicechange', onChange);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', onChange);
  }, [model]);
  useEffect(() => {
    if (!micAllowed) return;
    // Labels are only listed once the microphone is allowed.
    void model.refreshDevices().then(() => model.startMeter());
    return () => model.stopMeter();
  }, [model, micAllowed]);
  const s = model.settings.value;
  if (!s) return null;
  return (
    <section aria-labelledby="audio-heading" class="audio">
      <h2 id="audio-heading">{t('optionsAudioHeading')}</h2>
      {AUDIO_ROLES.map((role) => (
        <div class="field" key={role}>
          <label for={`audio-${role}`}>{t(LABELS[role]!)}</label>
          <select
            id={`audio-${role}`}
            value={model.selected.value[role]}
            aria-describedby={`audio-${role}-help`}
            onChange={(e) => void model.choose(role, (e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('optionsAudioSystemDefault')}</option>
            {model.options(role).map((d) => (
              <option key={d.deviceId} value={d.deviceId}>{d.label || d.deviceId.slice(0, 8)}</option>
            ))}
          </select>
          <p class="help" id={`audio-${role}-help`}>{t(HELP[role]!)}</p>
        </div>
      ))}
      {model.warnings.value.map((w) => (
        <p class="error" role="alert" key={w}>{w}</p>
      ))}
      <div class="field">
        <label for="audio-ring-volume">{t('optionsAudioRingVolume')}</label>
        <input
          id="audio-ring-volume"
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(s.ringVolume * 100)}
          aria-valuetext={t('optionsAudioPercent', Math.round(s.ringVolume * 100))}
          onChange={(e) => void model.setVolume(Number((e.target as HTMLInputElement).value))}
        />
      </div>
      <div class="field">
        <label for="audio-mic-level">{t('optionsAudioMicLevel')}</label>
        <meter id="audio-mic-level" min={0} max={1} value={model.level.value} />
      </div>
      <div class="buttons">
        <button type="button" class="test-speaker" onClick={() => void model.test('speaker')}>{t('optionsAudioTestSpeaker')}</button>
        <button type="button" class="test-ringer" onClick={() => void model.test('ringer')}>{t('optionsAudioTestRinger')}</button>
      </div>
      {model.message.value && (
        <p class={`message ${model.message.value.kind}`} role={model.message.value.kind === 'error' ? 'alert' : 'status'}>
          {model.message.value.text}
        </p>
      )}
    </section>
  );
}
