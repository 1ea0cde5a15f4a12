/** The detection engine's file, listed in web_accessible_resources (wxt.config.ts). */
export const ENGINE_FILE = 'content-engine.js';

/** Where the engine, once imported, leaves its start function for the content script. The
 * isolated world's global: pages cannot read or set it. */
export const ENGINE_GLOBAL = Symbol.for('offhook.content-engine');
