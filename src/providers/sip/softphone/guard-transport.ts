import type { UserAgent } from 'sip.js';
import { logLine } from './sip-log';

/**
 * A malformed message from the server must cost nothing but itself. sip.js parses and
 * checks most of what arrives, but some inputs (a request whose Request-URI it cannot parse,
 * for one) throw out of its WebSocket handler as an uncaught error. Catch whatever escapes,
 * drop that one message and log a short, redacted line; the connection and the
 * registration go on.
 */
export function guardIncomingMessages(ua: UserAgent, log: (line: string) => void = (l) => console.warn(l)): void {
  const transport = ua.transport;
  const deliver = transport.onMessage;
  if (!deliver) return;
  transport.onMessage = (message: string) => {
    try {
      deliver.call(transport, message);
    } catch (error) {
      const firstLine = message.slice(0, Math.max(0, message.indexOf('\r\n'))) || message.slice(0, 80);
      log(`[offhook] softphone: dropped a malformed message from the server (${logLine((error as Error)?.message ?? String(error))}): ${logLine(firstLine.slice(0, 200))}`);
    }
  };
}
