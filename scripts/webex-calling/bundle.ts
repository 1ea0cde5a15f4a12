import { bundleSdk } from '../lib/sdk-bundle';
import { fileURLToPath } from 'node:url';

/** The file the offscreen document imports when Offhook is the user's Webex phone. */
export const WEBEX_CALLING_FILE = 'webex-calling.js';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * Cisco's Webex Calling SDK (`webex/calling`, with `@webex/calling`) as one ES module for the
 * browser. It is written for Node and webpack: its Node built-ins are replaced by their browser
 * ports (util, url, querystring, stream, crypto, os, events, buffer) and `process`/`Buffer` are
 * provided as globals. Loaded only by a Webex account set to "Offhook is my Webex
 * phone", so nobody else pays for its 4 MB.
 */
export function bundleWebexCalling(): Promise<string> {
  return bundleSdk(here('./entry.js'), {
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
}
