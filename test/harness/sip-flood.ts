// A raw SIP-over-WebSocket caller for flood tests: one connection to the harness Kamailio,
// many INVITEs from a foreign domain (a trunk, so Kamailio asks for no password), spread
// evenly over a while. It does only what a caller must: ACK every final response, hang up
// an answered call, CANCEL on request, and answer requests sent to it. The WebSocket
// client (RFC 6455) is written by hand, so what goes on the wire is exactly what is here.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { SipServer } from './kamailio.js';
import { parseSipText } from './sip-text';
import { encodeFrame, readFrames } from './ws-frames';

export interface SipFloodOptions {
  /** The local user every INVITE is for, e.g. 'bob'. */
  target: string;
  count: number;
  /** The INVITEs are sent one every overMs / count ms, the first at once. */
  overMs: number;
  /** Host of our From (default 'flood.invalid'): anything but the server's domain skips auth. */
  fromDomain?: string;
  /** Extra raw header lines for every INVITE. */
  headers?: string[];
}

export interface FloodInvite {
  callId: string;
  /** Every response to this INVITE, in arrival order (100, 180, 486, …). */
  statuses: number[];
  /** The first final response, once there is one. */
  final?: number;
  /** The final response to our CANCEL, if cancelRinging() sent one. */
  cancelStatus?: number;
  /** The final response to the BYE we send after a 2xx. */
  byeStatus?: number;
}

export interface FloodResult {
  invites: FloodInvite[];
  /** Methods of requests sent to us (answered 200, ACK excepted), e.g. a callee's BYE. */
  requestsReceived: string[];
}

export interface SipFlood {
  /**
   * Every INVITE sent, each one finally answered or ringing (18x), and nothing more heard for
   * half a second (a busy callee rings before it refuses); bounded at 10 s after the last.
   */
  settled: Promise<FloodResult>;
  /** Every INVITE sent and finally answered, or stop() called. */
  done: Promise<FloodResult>;
  /** What happened so far (a copy). */
  result(): FloodResult;
  /** CANCELs every INVITE that rings with no final response, then waits (bounded) for their 487s. */
  cancelRinging(timeoutMs?: number): Promise<void>;
  /** Stops sending and closes the connection; idempotent. */
  stop(): Promise<void>;
}

interface Dialog {
  record: FloodInvite;
  ruri: string;
  from: string;
  to: string;
  branch: string;
  cseq: number;
}

const CRLF = '\r\n';
const SETTLE_TIMEOUT_MS = 10_000;
const QUIET_MS = 500;
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export async function startSipFlood(server: SipServer, opts: SipFloodOptions): Promise<SipFlood> {
  const fromDomain = opts.fromDomain ?? 'flood.invalid';
  const socket = await connect(server.wsUrl);
  const dialogs = new Map<string, Dialog>();
  const requestsReceived: string[] = [];
  const watchers = new Set<() => void>();
  const timers: NodeJS.Timeout[] = [];
  let sent = 0;
  let stopped = false;
  let lastChange = Date.now();

  const changed = (): void => {
    lastChange = Date.now();
    [...watchers].forEach((watch) => watch());
  };
  /** Resolves true once `done()` holds, false after `timeoutMs` or when the flood stops. */
  const until = (done: () => boolean, timeoutMs = Infinity): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = Number.isFinite(timeoutMs) ? setTimeout(() => finish(false), timeoutMs) : undefined;
      function finish(ok: boolean): void {
        clearTimeout(timer);
        watchers.delete(check);
        resolve(ok);
      }
      function check(): void {
        if (done()) finish(true);
        else if (stopped) finish(false);
      }
      watchers.add(check);
      check();
    });
  const result = (): FloodResult => ({
    invites: [...dialogs.values()].map((d) => ({ ...d.record, statuses: [...d.record.statuses] })),
    requestsReceived: [...requestsReceived],
  });
  const send = (text: string): void => {
    if (!socket.destroyed) socket.write(encodeFrame(0x1, Buffer.from(text, 'utf8'), true));
  };

  function sendInvite(index: number): void {
    const callId = `${randomBytes(8).toString('hex')}@${fromDomain}`;
    const dialog: Dialog = {
      record: { callId, statuses: [] },
      ruri: `sip:${opts.target}@${server.domain}`,
      from: `<sip:flood${index + 1}@${fromDomain}>;tag=${randomBytes(4).toString('hex')}`,
      to: `<sip:${opts.target}@${server.domain}>`,
      branch: newBranch(),
      cseq: 1,
    };
    dialogs.set(callId, dialog);
    const headers = [
      `Contact: <sip:flood${index + 1}@${fromDomain};transport=ws>`,
      'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS',
      ...(opts.headers ?? []),
      'Content-Type: application/sdp',
    ];
    send(request('INVITE', dialog.ruri, dialog, dialog.branch, dialog.to, headers, audioOffer()));
    sent++;
    changed();
  }

  function onResponse(message: SipText): void {
    const dialog = dialogs.get(message.header('call-id') ?? '');
    const [, method = ''] = (message.header('cseq') ?? '').split(/\s+/);
    const status = message.status ?? 0;
    if (!dialog) return;
    if (method === 'CANCEL') {
      if (status >= 200) dialog.record.cancelStatus ??= status;
    } else if (method === 'BYE') {
      if (status >= 200) dialog.record.byeStatus ??= status;
    } else if (method === 'INVITE') {
      dialog.record.statuses.push(status);
      if (status >= 200 && status < 300) {
        // A 2xx is ACKed end to end (a new transaction along the route set), then ended.
        const first = dialog.record.final === undefined;
        dialog.record.final ??= status;
        const to = message.header('to') ?? dialog.to;
        const target = /<([^>]+)>/.exec(message.header('contact') ?? '')?.[1] ?? dialog.ruri;
        const routes = message.headers('record-route').flatMap(splitList).reverse().map((r) => `Route: ${r}`);
        send(request('ACK', target, dialog, newBranch(), to, routes));
        if (first) send(request('BYE', target, { ...dialog, cseq: dialog.cseq + 1 }, newBranch(), to, routes));
      } else if (status >= 300) {
        // A non-2xx is ACKed hop by hop: same branch and Request-URI as the INVITE.
        dialog.record.final ??= status;
        send(request('ACK', dialog.ruri, dialog, dialog.branch, message.header('to') ?? dialog.to, []));
      }
    }
    changed();
  }

  function onRequest(message: SipText): void {
    if (message.method === 'ACK') return;
    requestsReceived.push(message.method ?? '?');
    send(okFor(message));
    changed();
  }

  readFrames(socket, (text) => {
    if (/^\s*$/.test(text)) return;
    const message = parseSip(text);
    if (message.status !== undefined) onResponse(message);
    else onRequest(message);
  }, true);
  socket.on('close', () => {
    stopped = true;
    changed();
  });

  const start = Date.now();
  for (let i = 0; i < opts.count; i++) {
    const at = start + (i * opts.overMs) / opts.count;
    timers.push(setTimeout(() => !stopped && sendInvite(i), Math.max(0, at - Date.now())));
  }

  const allSent = (): boolean => sent === opts.count;
  const records = (): FloodInvite[] => [...dialogs.values()].map((d) => d.record);
  const ringing = (r: FloodInvite): boolean => r.final === undefined && r.statuses.some((s) => s >= 180 && s < 200);

  const calm = (): boolean => records().every((r) => r.final !== undefined || ringing(r));
  const settled = until(allSent).then(async () => {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (!stopped && Date.now() < deadline) {
      if (calm() && Date.now() - lastChange >= QUIET_MS) break;
      await until(calm, deadline - Date.now());
      await delay(Math.max(0, lastChange + QUIET_MS - Date.now()));
    }
    return result();
  });
  const done = until(() => allSent() && records().every((r) => r.final !== undefined)).then(result);

  return {
    settled,
    done,
    result,
    async cancelRinging(timeoutMs = 5000) {
      const toCancel = [...dialogs.values()].filter((d) => ringing(d.record));
      for (const d of toCancel) send(request('CANCEL', d.ruri, d, d.branch, d.to, []));
      await until(() => toCancel.every((d) => d.record.final !== undefined), timeoutMs);
    },
    async stop() {
      timers.forEach(clearTimeout);
      if (stopped && socket.destroyed) return;
      stopped = true;
      changed();
      if (!socket.destroyed) {
        socket.end(encodeFrame(0x8, Buffer.alloc(0), true));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => (socket.destroy(), resolve()), 1000);
          socket.once('close', () => (clearTimeout(timer), resolve()));
        });
      }
    },
  };
}

/** A request in one of our dialogs; `to` carries the remote tag once there is one. */
function request(
  method: string,
  ruri: string,
  dialog: Dialog,
  branch: string,
  to: string,
  headers: string[],
  body = '',
): string {
  return [
    `${method} ${ruri} SIP/2.0`,
    `Via: SIP/2.0/WS flood.invalid;branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: ${dialog.from}`,
    `To: ${to}`,
    `Call-ID: ${dialog.record.callId}`,
    `CSeq: ${dialog.cseq} ${method}`,
    ...headers,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join(CRLF);
}

/** 200 OK to a request someone sent us, with a To tag if it had none. */
function okFor(message: SipText): string {
  const to = message.header('to') ?? '';
  return [
    'SIP/2.0 200 OK',
    ...message.headers('via').map((v) => `Via: ${v}`),
    `From: ${message.header('from') ?? ''}`,
    `To: ${/;tag=/i.test(to) ? to : `${to};tag=${randomBytes(4).toString('hex')}`}`,
    `Call-ID: ${message.header('call-id') ?? ''}`,
    `CSeq: ${message.header('cseq') ?? ''}`,
    'Content-Length: 0',
    '',
    '',
  ].join(CRLF);
}

/**
 * Enough of an offer for a WebRTC callee to answer it (ICE credentials, a DTLS fingerprint,
 * rtcp-mux); no media ever flows, as nothing listens on our side.
 */
function audioOffer(): string {
  return [
    'v=0',
    `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 0',
    'a=mid:0',
    'a=rtpmap:0 PCMU/8000',
    `a=ice-ufrag:${randomBytes(4).toString('hex')}`,
    `a=ice-pwd:${randomBytes(12).toString('hex')}`,
    `a=fingerprint:sha-256 ${[...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':')}`,
    'a=setup:actpass',
    'a=rtcp-mux',
    'a=sendrecv',
    '',
  ].join(CRLF);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function newBranch(): string {
  return `z9hG4bK${randomBytes(8).toString('hex')}`;
}

/** Splits a comma-separated header value such as Record-Route into its entries. */
function splitList(value: string): string[] {
  return value.split(/,(?=\s*<)/).map((v) => v.trim());
}

/** A message as read, with a header's first value and all its values by lower-case name. */
interface SipText {
  method?: string;
  status?: number;
  header(name: string): string | undefined;
  headers(name: string): string[];
}

function parseSip(raw: string): SipText {
  const m = parseSipText(raw);
  return { ...m, header: (name) => m.headers.get(name)?.[0], headers: (name) => m.headers.get(name) ?? [] };
}

/** Opens ws:// with the sip subprotocol; resolves with the upgraded socket. */
function connect(wsUrl: string): Promise<Duplex> {
  const url = new URL(wsUrl);
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname || '/',
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': key,
        'Sec-WebSocket-Protocol': 'sip',
      },
      timeout: 5000,
    });
    req.on('upgrade', (res, socket, head) => {
      const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
      if (res.headers['sec-websocket-accept'] !== accept) {
        socket.destroy();
        return reject(new Error(`${wsUrl}: bad Sec-WebSocket-Accept`));
      }
      socket.setTimeout(0);
      socket.on('error', () => undefined);
      // Bytes that came with the 101 are the first frames.
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.on('response', (res) => reject(new Error(`${wsUrl}: no WebSocket upgrade (HTTP ${res.statusCode})`)));
    req.on('timeout', () => req.destroy(new Error(`${wsUrl}: no WebSocket upgrade within 5 s`)));
    req.on('error', reject);
    req.end();
  });
}
