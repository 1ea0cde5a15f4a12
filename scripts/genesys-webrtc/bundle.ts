import { bundleSdk } from '../lib/sdk-bundle';
import { fileURLToPath } from 'node:url';

/** The file the offscreen document imports when Offhook is the user's Genesys phone. */
export const GENESYS_WEBRTC_FILE = 'genesys-webrtc.js';

/**
 * Genesys's WebRTC SDK (`genesys-cloud-webrtc-sdk`, with its streaming client and stanza) as one
 * ES module for the browser. Unlike Cisco's SDK it needs no Node ports: it is written for
 * browsers. Loaded only by a Genesys account set to "Offhook is my Genesys phone" (about
 * 1 MB, 0.3 MB gzip). lodash's
 * `Function("return this")` is the only Function constructor in it, behind `globalThis`, so
 * it never runs under the extension's CSP.
 */
export function bundleGenesysWebrtc(): Promise<string> {
  return bundleSdk(fileURLToPath(new URL('./entry.js', import.meta.url)));
}
