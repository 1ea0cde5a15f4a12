import { render } from 'preact';
import { Popup } from '../../src/faces/popup/popup';
import { createPhoneModel } from '../../src/faces/popup/phone-model';
import { coordinatorClient } from '../../src/faces/common/coordinator-client';
import { createPageModel } from '../../src/faces/popup/page-model';
import { pageClient } from '../../src/faces/popup/page-client';
import { createHistoryModel } from '../../src/faces/popup/history-model';
import { historyClient } from '../../src/faces/popup/history-client';
import '../../assets/faces.css';

const tab = Number(new URLSearchParams(location.search).get('tab'));

render(
  <Popup model={createPhoneModel(coordinatorClient())} page={createPageModel(pageClient(Number.isInteger(tab) && tab > 0 ? tab : undefined))}
    history={createHistoryModel(historyClient())} />,
  document.getElementById('app')!,
);
