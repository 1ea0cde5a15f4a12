// What Cisco's SDK expects of Node in a browser: `process` and `Buffer` as globals.
import process from 'process/browser.js';
import { Buffer } from 'buffer';
export { process, Buffer };
