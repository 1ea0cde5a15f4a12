import { render } from 'preact';
import { Popup } from '../../src/faces/popup/popup';
import { createPhoneModel } from '../../src/faces/popup/phone-model';
import { coordinatorClient } from '../../src/faces/common/coordinator-client';
import { createPageModel } from '../../src/faces/popup/page-model';
import { pageClient } from '../../src/faces/popup/page-client';
import '../../assets/faces.css';

render(
  <Popup model={createPhoneModel(coordinatorClient())} page={createPageModel(pageClient())} />,
  document.getElementById('app')!,
);
