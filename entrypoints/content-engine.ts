import { startEngine } from '../src/content/main';
import { ENGINE_GLOBAL } from '../src/content/engine-handoff';

// The detection engine, imported by the content script (entrypoints/content.ts) into its own
// isolated world: the page cannot see this global, only the content script can.
export default defineUnlistedScript(() => {
  (globalThis as Record<symbol, unknown>)[ENGINE_GLOBAL] = startEngine;
});
