import { render } from 'preact';
import { Options } from '../../src/faces/options/options';
import { createAccountFormModel } from '../../src/faces/options/account-form-model';
import { createMicrophoneModel } from '../../src/faces/options/microphone-model';
import { coordinatorClient } from '../../src/faces/common/coordinator-client';
import { createDetectionModel } from '../../src/faces/options/detection-model';
import { readDetectionSettings, saveDetectionSettings } from '../../src/shared/settings/detection-settings';
import { regionFromLocale } from '../../src/detection/region';
import { createAudioModel, openMeter } from '../../src/faces/options/audio-model';
import { readAudioSettings } from '../../src/shared/settings/audio-settings';
import { audioSettings } from '../../src/shared/settings/audio-settings-item';
import { createSettingsTransferModel } from '../../src/faces/options/settings-transfer-model';
import { downloadText } from '../../src/faces/options/download';
import { createShortcutsModel } from '../../src/faces/common/shortcuts-model';
import { browserShortcuts } from '../../src/faces/common/shortcuts-source';
import { localizePage } from '../../src/faces/common/localize-page';
import '../../assets/faces.css';

localizePage('optionsTitle');

const client = coordinatorClient();
const form = createAccountFormModel(client);
const detection = createDetectionModel({ load: readDetectionSettings, save: saveDetectionSettings });
render(
  <Options
    form={form}
    microphone={createMicrophoneModel(navigator)}
    audio={createAudioModel({
      listDevices: async () => (await navigator.mediaDevices.enumerateDevices()).map((d) => ({ deviceId: d.deviceId, label: d.label, kind: d.kind })),
      load: async () => readAudioSettings(await audioSettings.getValue()),
      save: (next) => audioSettings.setValue(next),
      test: (output) => client.ask('audio:test', { output }),
      meter: openMeter,
    })}
    detection={detection}
    transfer={createSettingsTransferModel(client, {
      download: downloadText,
      fillAccount: (input) => form.fillImported(input),
      reload: async () => void (await Promise.all([form.load(), detection.load()])),
    })}
    shortcuts={createShortcutsModel(browserShortcuts())}
    browserRegion={regionFromLocale(navigator.language)}
    welcome={location.hash === '#welcome'}
  />,
  document.getElementById('app')!,
);
