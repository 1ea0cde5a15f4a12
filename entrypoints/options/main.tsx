import { render } from 'preact';
import { Options } from '../../src/faces/options/options';
import { createAccountFormModel } from '../../src/faces/options/account-form-model';
import { createMicrophoneModel } from '../../src/faces/options/microphone-model';
import { coordinatorClient } from '../../src/faces/common/coordinator-client';
import '../../assets/faces.css';

const client = coordinatorClient();
render(
  <Options
    form={createAccountFormModel(client)}
    microphone={createMicrophoneModel(navigator)}
    welcome={location.hash === '#welcome'}
  />,
  document.getElementById('app')!,
);
