import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The file the offscreen document imports when Offhook is the user's Genesys phone. */
export const GENESYS_WEBRTC_FILE = 'genesys-webrtc.js';

/**
 * Genesys's WebRTC SDK (`genesys-cloud-webrtc-sdk`, with its streaming client and stanza) as one
 * ES module for the browser. Unlike Cisco's SDK it needs no Node ports: it is written for
 * browsers. Built with esbuild apart from the extension's own code and loaded only by a Genesys
 * account set to "Offhook is my Genesys phone" (about 1 MB, 0.3 MB gzip). lodash's
 * `Function("return this")` is the only Function constructor in it, behind `globalThis`, so
 * it never runs under the extension's CSP.
 */
export async function bundleGenesysWebrtc(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./entry.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  });
  return result.outputFiles[0]!.text;
}
