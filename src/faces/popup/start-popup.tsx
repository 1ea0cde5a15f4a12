import { render } from 'preact';
import { Popup } from './popup';
import { createPhoneModel } from './phone-model';
import { coordinatorClient } from '../common/coordinator-client';
import { createPageModel } from './page-model';
import { pageClient } from './page-client';
import { createHistoryModel } from './history-model';
import { createDirectoryModel } from './directory-model';
import { historyClient } from './history-client';
import { createShortcutsModel } from '../common/shortcuts-model';
import { browserShortcuts } from '../common/shortcuts-source';
import { localizePage } from '../common/localize-page';
import { phoneFromPopupAddress } from '../../shared/phone/popup-address';
import type { PhoneSnapshot } from '../../shared/phone/snapshot';

/**
 * Draws the popup into `root`. `stored`: the read of the last relayed state, already under
 * way. `loadFormatter` brings the as-you-type formatter (libphonenumber), asked for on the
 * first keystroke, never before the first paint.
 */
export function startPopup(
  root: HTMLElement,
  stored: Promise<PhoneSnapshot | null>,
  loadFormatter: () => Promise<(text: string) => string>,
): void {
  localizePage('popupTitle');

  const params = new URLSearchParams(location.search);
  const tab = Number(params.get('tab'));
  let formatter: Promise<(text: string) => string> | undefined;
  const format = async (text: string) => (await (formatter ??= loadFormatter()))(text);
  const client = coordinatorClient(stored);
  const phone = createPhoneModel(client, Date.now, format);
  // Opened for a tel:/sip: link (Firefox's protocol handler): the number waits in the field;
  // the person still presses Call.
  const dial = params.get('dial');
  if (dial) phone.number.value = dial.slice(0, 256);

  // Started before the first render, not in an effect (Preact runs effects after the next
  // paint): the state the toolbar's address carries is drawn in the first frame, and the
  // last stored one in the next frames when it has more (calls).
  phone.start(phoneFromPopupAddress(location.search));
  render(
    <Popup model={phone} directory={createDirectoryModel(client)} page={createPageModel(pageClient(Number.isInteger(tab) && tab > 0 ? tab : undefined))}
      history={createHistoryModel(historyClient())} shortcuts={createShortcutsModel(browserShortcuts())} />,
    root,
  );
}
