import { render } from 'preact';
import { Popup } from '../../src/faces/popup/popup';
import { createPhoneModel } from '../../src/faces/popup/phone-model';
import { coordinatorClient } from '../../src/faces/common/coordinator-client';
import { createPageModel } from '../../src/faces/popup/page-model';
import { pageClient } from '../../src/faces/popup/page-client';
import { createHistoryModel } from '../../src/faces/popup/history-model';
import { historyClient } from '../../src/faces/popup/history-client';
import { createShortcutsModel } from '../../src/faces/common/shortcuts-model';
import { browserShortcuts } from '../../src/faces/common/shortcuts-source';
import { localizePage } from '../../src/faces/common/localize-page';
import '../../assets/faces.css';

localizePage('popupTitle');

const params = new URLSearchParams(location.search);
const tab = Number(params.get('tab'));
// The formatter (libphonenumber) loads on the first keystroke, never before the first paint.
let formatter: Promise<(text: string) => string> | undefined;
const format = async (text: string) =>
  (await (formatter ??= import('../../src/faces/popup/as-you-type').then((m) => m.dialFormatter(navigator.language))))(text);
const phone = createPhoneModel(coordinatorClient(), Date.now, format);
// Opened for a tel:/sip: link (Firefox's protocol handler): the number waits in the field;
// the person still presses Call.
const dial = params.get('dial');
if (dial) phone.number.value = dial.slice(0, 256);

// Started before the first render, not in an effect (Preact runs effects after the next
// paint): the last known state is then drawn in the first frames.
phone.start();
render(
  <Popup model={phone} page={createPageModel(pageClient(Number.isInteger(tab) && tab > 0 ? tab : undefined))}
    history={createHistoryModel(historyClient())} shortcuts={createShortcutsModel(browserShortcuts())} />,
  document.getElementById('app')!,
);
