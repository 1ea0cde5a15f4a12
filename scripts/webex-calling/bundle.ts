import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The file the offscreen document imports when Offhook is the user's Webex phone. */
export const WEBEX_CALLING_FILE = 'webex-calling.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Cisco's Webex Calling SDK (`webex/calling`, with `@webex/calling`) as one ES module for the
 * browser. It is written for Node and webpack: its Node built-ins are replaced by their browser
 * ports (util, url, querystring, stream, crypto, os, events, buffer) and `process`/`Buffer` are
 * provided as globals. Built with esbuild apart from the extension's own code (Vite's build of
 * the pages never sees it), and loaded only by a Webex account set to "Offhook is my Webex
 * phone", so nobody else pays for its 4 MB.
 */
export async function bundleWebexCalling(): Promise<string> {
  const result = await build({
    entryPoints: [here('./entry.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    alias: {
      util: 'util/',
      url: 'url/',
      querystring: 'querystring-es3',
      stream: 'stream-browserify',
      crypto: 'crypto-browserify',
      os: 'os-browserify/browser',
      events: 'events/',
      buffer: 'buffer/',
      fs: here('./empty.js'),
    },
    inject: [here('./node-globals.js')],
  });
  return result.outputFiles[0]!.text;
}
