import { useEffect } from 'preact/hooks';
import { AUDIO_ROLES, type AudioModel } from './audio-model';

const LABELS = { microphone: 'Microphone', speaker: 'Speaker', ringer: 'Ringer' } as const;
const HELP = {
  microphone: 'What the other side hears.',
  speaker: 'Where you hear calls.',
  ringer: 'Where incoming calls ring, e.g. the computer’s speakers while you wear a headset.',
} as const;

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
      <h2 id="audio-heading">Audio</h2>
      {AUDIO_ROLES.map((role) => (
        <div class="field" key={role}>
          <label for={`audio-${role}`}>{LABELS[role]}</label>
          <select
            id={`audio-${role}`}
            value={model.selected.value[role]}
            aria-describedby={`audio-${role}-help`}
            onChange={(e) => void model.choose(role, (e.target as HTMLSelectElement).value)}
          >
            <option value="">System default</option>
            {model.options(role).map((d) => (
              <option key={d.deviceId} value={d.deviceId}>{d.label || d.deviceId.slice(0, 8)}</option>
            ))}
          </select>
          <p class="help" id={`audio-${role}-help`}>{HELP[role]}</p>
        </div>
      ))}
      {model.warnings.value.map((w) => (
        <p class="error" role="alert" key={w}>{w}</p>
      ))}
      <div class="field">
        <label for="audio-ring-volume">Ringtone volume</label>
        <input
          id="audio-ring-volume"
          type="range"
          min={0}
          max={100}
          step={5}
          value={Math.round(s.ringVolume * 100)}
          aria-valuetext={`${Math.round(s.ringVolume * 100)} %`}
          onChange={(e) => void model.setVolume(Number((e.target as HTMLInputElement).value))}
        />
      </div>
      <div class="field">
        <label for="audio-mic-level">Microphone level</label>
        <meter id="audio-mic-level" min={0} max={1} value={model.level.value} />
      </div>
      <div class="buttons">
        <button type="button" class="test-speaker" onClick={() => void model.test('speaker')}>Test speaker</button>
        <button type="button" class="test-ringer" onClick={() => void model.test('ringer')}>Test ringer</button>
      </div>
      {model.message.value && (
        <p class={`message ${model.message.value.kind}`} role={model.message.value.kind === 'error' ? 'alert' : 'status'}>
          {model.message.value.text}
        </p>
      )}
    </section>
  );
}
