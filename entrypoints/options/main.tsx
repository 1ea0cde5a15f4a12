import { render } from 'preact';
import { Options } from '../../src/faces/options/options';
import { createAccountFormModel } from '../../src/faces/options/account-form-model';
import { createMicrophoneModel } from '../../src/faces/options/microphone-model';
import { coordinatorClient } from '../../src/faces/common/coordinator-client';
import { createDetectionModel } from '../../src/faces/options/detection-model';
import { detectionSettings, readDetectionSettings } from '../../src/shared/settings/detection-settings';
import { regionFromLocale } from '../../src/shared/detection/region';
import { localizePage } from '../../src/faces/common/localize-page';
import '../../assets/faces.css';

localizePage('optionsTitle');

const client = coordinatorClient();
render(
  <Options
    form={createAccountFormModel(client)}
    microphone={createMicrophoneModel(navigator)}
    detection={createDetectionModel({ load: readDetectionSettings, save: (next) => detectionSettings.setValue(next) })}
    browserRegion={regionFromLocale(navigator.language)}
    welcome={location.hash === '#welcome'}
  />,
  document.getElementById('app')!,
);
