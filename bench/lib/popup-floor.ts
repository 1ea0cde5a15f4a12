// The floor for the popup's figures: the least any extension popup can do to show the phone's
// state. The bench measures Offhook from a copy of the built extension that holds one more
// page, `bench-floor.html`: Offhook's popup.html (same inline stylesheet, one deferred script)
// with a script that only writes the status line from the address and sets the same mark.
// Opened the same way (action.openPopup, in the same browser, turn by turn), its figure is what
// Chromium charges before any of Offhook's own code runs.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FIRST_INTERACTIVE_MARK } from '../../src/faces/popup/first-interactive-mark';
import { PHONE_PARAM } from '../../src/shared/phone/popup-address';

export const FLOOR_PAGE = 'bench-floor.html';
const FLOOR_SCRIPT = 'bench-floor.js';

export interface FloorCopy {
  /** The extension folder to load: Offhook's files unchanged, plus the floor page. */
  dir: string;
  /** The floor page's address for the state the popup's address carries (`search`). */
  floorAddress(search: string): string;
  remove(): Promise<void>;
}

export async function copyWithPopupFloor(extensionDir: string): Promise<FloorCopy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'offhook-bench-floor-'));
  await cp(extensionDir, dir, { recursive: true });
  const popupHtml = await readFile(path.join(extensionDir, 'popup.html'), 'utf8');
  const floorHtml = popupHtml.replace('src="/popup-app.js"', `src="/${FLOOR_SCRIPT}"`);
  if (floorHtml === popupHtml) throw new Error('popup.html no longer loads /popup-app.js: update bench/lib/popup-floor.ts');
  await writeFile(path.join(dir, FLOOR_PAGE), floorHtml);
  await writeFile(
    path.join(dir, FLOOR_SCRIPT),
    `(() => {
  const carried = JSON.parse(new URLSearchParams(location.search).get(${JSON.stringify(PHONE_PARAM)}) ?? '{}');
  const status = document.createElement('p');
  status.className = 'status';
  status.dataset.state = carried.registration?.state ?? 'loading';
  status.textContent = status.dataset.state;
  document.getElementById('app').append(status);
  performance.mark(${JSON.stringify(FIRST_INTERACTIVE_MARK)});
})();
`,
  );
  return {
    dir,
    floorAddress: (search) => `/${FLOOR_PAGE}${search}`,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
