import { dialFormatter } from '../src/faces/popup/as-you-type';
import { FORMATTER_GLOBAL } from '../src/faces/popup/handoff';

// The dialer's as-you-type formatter (libphonenumber), loaded by the popup on the first keystroke.
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[FORMATTER_GLOBAL] = dialFormatter;
});
