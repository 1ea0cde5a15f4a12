// A hostile SIP-over-WebSocket server for the torture tests: it accepts the phone's
// REGISTER (200, so the phone is registered) and answers its OPTIONS keep-alives, and
// otherwise sends whatever a test tells it to, well-formed or not. The WebSocket layer
// (RFC 6455) is written by hand, so a test can send any frame: text, binary, oversized.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { parseSipText } from './sip-text';
import { encodeFrame, readFrames } from './ws-frames';

export interface SipMessage {
  /** The first line: "REGISTER sip:… SIP/2.0" or "SIP/2.0 200 OK". */
  startLine: string;
  method?: string;
  status?: number;
  /** Header values by lower-case name, every occurrence. */
  headers: Map<string, string[]>;
  raw: string;
  at: number;
}

export interface TortureServer {
  wsUrl: string;
  domain: string;
  /** Every SIP message the phone sent, oldest first. */
  received: SipMessage[];
  /** The Contact URI the phone registered, once it has. */
  contact(): string | undefined;
  /** Registrations answered with 200 so far. */
  registrations(): number;
  /** Sends one WebSocket text frame to the connected phone (as UTF-8). */
  sendText(text: string): void;
  /** Sends one binary frame. */
  sendBinary(bytes: Buffer): void;
  /** Sends a well-formed INVITE from `displayName`; returns its Call-ID. */
  sendInvite(displayName: string): string;
  /** Waits for a message from the phone that `match` accepts. */
  waitFor(match: (m: SipMessage) => boolean, what: string, timeoutMs?: number): Promise<SipMessage>;
  /** Whether a phone is connected now. */
  connected(): boolean;
  stop(): Promise<void>;
}

const DOMAIN = 'offhook.test';
const CRLF = '\r\n';

export async function startTortureServer(): Promise<TortureServer> {
  const received: SipMessage[] = [];
  let socket: Duplex | undefined;
  let contact: string | undefined;
  let registrations = 0;
  const sockets = new Set<Duplex>();
  const waiters = new Set<() => void>();

  const server = http.createServer((_req, res) => {
    res.writeHead(404).end();
  });
  server.on('upgrade', (req, sock: Duplex) => {
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string') return sock.destroy();
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    sock.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: sip\r\n\r\n`,
    );
    sockets.add(sock);
    socket = sock;
    sock.on('close', () => {
      sockets.delete(sock);
      if (socket === sock) socket = undefined;
    });
    sock.on('error', () => undefined);
    readFrames(sock, (text) => onSip(sock, text), false);
  });

  function send(sock: Duplex | undefined, opcode: number, payload: Buffer): void {
    if (!sock || sock.destroyed) throw new Error('No phone is connected to the torture server');
    sock.write(encodeFrame(opcode, payload, false));
  }

  function onSip(sock: Duplex, text: string): void {
    if (/^(\r\n)+$/.test(text)) return send(sock, 1, Buffer.from('\r\n'));
    const message = parse(text);
    received.push(message);
    for (const wake of [...waiters]) wake();
    if (message.method === 'REGISTER') {
      const c = header(message, 'contact') ?? '';
      contact = /<([^>]+)>/.exec(c)?.[1] ?? contact;
      registrations++;
      const expires = /expires=(\d+)/i.exec(c)?.[1] ?? header(message, 'expires') ?? '300';
      send(sock, 1, Buffer.from(reply(message, 200, 'OK', [`Contact: ${c.replace(/;expires=\d+/i, '')};expires=${expires}`])));
    } else if (message.method && message.method !== 'ACK') {
      send(sock, 1, Buffer.from(reply(message, 200, 'OK')));
    } else if (message.status && message.status >= 300 && /INVITE/i.test(header(message, 'cseq') ?? '')) {
      // The phone declined our INVITE: acknowledge, as a proxy would.
      send(sock, 1, Buffer.from(ack(message)));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    domain: DOMAIN,
    received,
    contact: () => contact,
    registrations: () => registrations,
    connected: () => Boolean(socket && !socket.destroyed),
    sendText: (text) => send(socket, 1, Buffer.from(text, 'utf8')),
    sendBinary: (bytes) => send(socket, 2, bytes),
    sendInvite(displayName) {
      const callId = `${randomBytes(8).toString('hex')}@torture.invalid`;
      const sdp = [
        'v=0',
        'o=- 1 1 IN IP4 127.0.0.1',
        's=-',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        'm=audio 9 UDP/TLS/RTP/SAVPF 0',
        'a=rtpmap:0 PCMU/8000',
        'a=ice-ufrag:tort',
        'a=ice-pwd:tortureservericepassword',
        'a=fingerprint:sha-256 ' + Array.from({ length: 32 }, () => 'AB').join(':'),
        'a=setup:actpass',
        'a=sendrecv',
        '',
      ].join(CRLF);
      send(
        socket,
        1,
        Buffer.from(
          [
            `INVITE ${contact ?? `sip:alice@${DOMAIN}`} SIP/2.0`,
            `Via: SIP/2.0/WSS torture.invalid;branch=z9hG4bK${randomBytes(6).toString('hex')}`,
            'Max-Forwards: 70',
            `From: "${displayName}" <sip:torture@${DOMAIN}>;tag=${randomBytes(4).toString('hex')}`,
            `To: <sip:alice@${DOMAIN}>`,
            `Call-ID: ${callId}`,
            'CSeq: 1 INVITE',
            '<sip:torture@torture.invalid;transport=ws>'.replace(/^/, 'Contact: '),
            'Content-Type: application/sdp',
            `Content-Length: ${Buffer.byteLength(sdp)}`,
            '',
            sdp,
          ].join(CRLF),
        ),
      );
      return callId;
    },
    waitFor(match, what, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`The torture server saw no ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parse(raw: string): SipMessage {
  return { ...parseSipText(raw), raw, at: Date.now() };
}

function header(m: SipMessage, name: string): string | undefined {
  return m.headers.get(name)?.[0];
}

function reply(req: SipMessage, code: number, reason: string, extra: string[] = []): string {
  const to = header(req, 'to') ?? '';
  return [
    `SIP/2.0 ${code} ${reason}`,
    ...(req.headers.get('via') ?? []).map((v) => `Via: ${v}`),
    `From: ${header(req, 'from') ?? ''}`,
    `To: ${/;tag=/i.test(to) ? to : `${to};tag=${randomBytes(4).toString('hex')}`}`,
    `Call-ID: ${header(req, 'call-id') ?? ''}`,
    `CSeq: ${header(req, 'cseq') ?? ''}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join(CRLF);
}

function ack(response: SipMessage): string {
  const seq = (header(response, 'cseq') ?? '1').split(/\s+/)[0];
  return [
    `ACK sip:alice@${DOMAIN} SIP/2.0`,
    `Via: ${header(response, 'via') ?? ''}`,
    'Max-Forwards: 70',
    `From: ${header(response, 'from') ?? ''}`,
    `To: ${header(response, 'to') ?? ''}`,
    `Call-ID: ${header(response, 'call-id') ?? ''}`,
    `CSeq: ${seq} ACK`,
    'Content-Length: 0',
    '',
    '',
  ].join(CRLF);
}

/**
 * The torture set, after RFC 4475 (SIP torture tests) and RFC 5118 (IPv6 torture tests),
 * aimed at a registered phone whose Contact is `contact`. Each is [name, frame].
 */
export function tortureMessages(contact: string): [string, string | Buffer, 'text' | 'binary'][] {
  const user = /^sip:([^@]+)@/.exec(contact)?.[1] ?? 'alice';
  const host = /@([^;>]+)/.exec(contact)?.[1] ?? 'x.invalid';
  const ruri = `sip:${user}@${host}`;
  const branch = () => `z9hG4bK${randomBytes(6).toString('hex')}`;
  const tag = () => randomBytes(4).toString('hex');
  const id = () => `${randomBytes(6).toString('hex')}@torture.invalid`;
  const base = (method: string, extra: string[] = [], body = '', omit: string[] = []) =>
    [
      `${method} ${ruri} SIP/2.0`,
      ...[
        `Via: SIP/2.0/WSS torture.invalid;branch=${branch()}`,
        'Max-Forwards: 70',
        `From: <sip:torture@${DOMAIN}>;tag=${tag()}`,
        `To: <sip:${user}@${DOMAIN}>`,
        `Call-ID: ${id()}`,
        `CSeq: 1 ${method}`,
      ].filter((h) => !omit.some((o) => h.toLowerCase().startsWith(o))),
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join(CRLF);
  const sdp = 'v=0\r\no=mhandley 29739 7272939 IN IP4 192.0.2.3\r\ns=-\r\nc=IN IP4 192.0.2.4\r\nt=0 0\r\nm=audio 49217 RTP/AVP 0 12\r\nm=video 3227 RTP/AVP 31\r\na=rtpmap:31 LPC\r\n';
  // RFC 4475 3.1.1.1 "wsinv": odd case, whitespace, line folding, escaped quotes and
  // unknown headers, all legal. Its To carries a tag, so it is in-dialog for no dialog.
  const wsinv = [
    `INVITE ${ruri};unknownparam SIP/2.0`,
    'TO :',
    ` sip:${user}@${DOMAIN} ;   tag    = 1918181833n`,
    'from   : "J Rosenberg \\\\\\""       <sip:jdrosen@example.com>',
    '  ;',
    '  tag = 98asjd8',
    'MaX-fOrWaRdS: 0068',
    `Call-ID: wsinv.ndaksdj@192.0.2.1`,
    `Content-Length   : ${Buffer.byteLength(sdp)}`,
    'cseq: 0009',
    '  INVITE',
    'Via  : SIP  /   2.0',
    ' /WSS',
    '    192.0.2.2;branch=390skdjuw',
    's :',
    'NewFangledHeader:   newfangled value',
    ' continued newfangled value',
    'UnknownHeaderWithUnusualValue: ;;,,;;,;',
    'Content-Type: application/sdp',
    'Route:',
    ' <sip:services.example.com;lr;unknownwith=value;unknown-no-value>',
    'v:  SIP  / 2.0  / TCP     spindle.example.com   ;',
    '  branch  =   z9hG4bK9ikj8  ,',
    ' SIP  /    2.0   / UDP  192.168.255.111   ; branch=',
    ' z9hG4bK30239',
    'm:"Quoted string \\"\\"" <sip:jdrosen@example.com> ; newparam =',
    '      newvalue ;',
    '  secondparam ; q = 0.33',
    '',
    sdp,
  ].join(CRLF);
  const huge = 'x'.repeat(100_000);
  const [beforeBytes = '', afterBytes = ''] = base('OPTIONS', ['X-Bytes: @@']).split('@@');
  const notUtf8 = Buffer.concat([Buffer.from(beforeBytes), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1]), Buffer.from(afterBytes)]);
  const megabyte = 'A'.repeat(1024 * 1024);
  return [
    ['wsinv: legal but ugly, in-dialog for no dialog', wsinv, 'text'],
    ['an unknown method', base('NEWMETHOD'), 'text'],
    ['escaped characters and %00 in the To (esc01/escnull)', base('OPTIONS', []).replace(`To: <sip:${user}@${DOMAIN}>`, `To: <sip:null-%00-null@${DOMAIN}>`), 'text'],
    ['Content-Length larger than the body (clerr)', base('MESSAGE', ['Content-Type: text/plain'], 'short').replace(/Content-Length: \d+/, 'Content-Length: 9999'), 'text'],
    ['Content-Length smaller than the body', base('MESSAGE', ['Content-Type: text/plain'], 'a body much longer than it claims').replace(/Content-Length: \d+/, 'Content-Length: 3'), 'text'],
    ['a negative Content-Length (ncl)', base('MESSAGE', ['Content-Type: text/plain'], 'x').replace(/Content-Length: \d+/, 'Content-Length: -999'), 'text'],
    ['an INVITE without Call-ID', base('INVITE', ['Content-Type: application/sdp'], sdp, ['call-id']), 'text'],
    ['an INVITE without From', base('INVITE', ['Content-Type: application/sdp'], sdp, ['from']), 'text'],
    ['an INVITE without To', base('INVITE', ['Content-Type: application/sdp'], sdp, ['to']), 'text'],
    ['an INVITE without CSeq', base('INVITE', ['Content-Type: application/sdp'], sdp, ['cseq']), 'text'],
    ['an INVITE without Via', base('INVITE', ['Content-Type: application/sdp'], sdp, ['via']), 'text'],
    ['a Via without a host', base('OPTIONS').replace(/Via: [^\r]+/, 'Via: SIP/2.0/WSS ;branch=z9hG4bKnohost'), 'text'],
    ['a CSeq that is not a number', base('OPTIONS').replace(/CSeq: [^\r]+/, 'CSeq: seven OPTIONS'), 'text'],
    ['a CSeq method that does not match (mismatch01)', base('OPTIONS').replace(/CSeq: [^\r]+/, 'CSeq: 1 INVITE'), 'text'],
    ['a CSeq beyond 2^31 (scalar02)', base('OPTIONS').replace(/CSeq: [^\r]+/, 'CSeq: 36893488147419103232 OPTIONS'), 'text'],
    ['an IPv6 Via (RFC 5118 4.5)', base('OPTIONS').replace(/Via: [^\r]+/, `Via: SIP/2.0/WSS [2001:db8::9:1];branch=${branch()};received=[2001:db8::9:255]`), 'text'],
    ['a broken IPv6 reference (RFC 5118 ipv6-bad)', base('OPTIONS').replace(`${ruri} SIP`, `sip:${user}@[2001:db8::10 SIP`), 'text'],
    ['a 100 KB header value', base('OPTIONS', [`X-Huge: ${huge}`]), 'text'],
    ['a 1 MB frame of one header', base('OPTIONS', [`X-Megabyte: ${megabyte}`]), 'text'],
    ['1 MB of garbage', megabyte, 'text'],
    ['bytes that are not UTF-8 in a header', notUtf8, 'binary'],
    ['a well-formed OPTIONS in a binary frame', Buffer.from(base('OPTIONS')), 'binary'],
    ['random binary', randomBytes(4096), 'binary'],
    ['two messages in one frame', base('OPTIONS') + base('NEWMETHOD'), 'text'],
    ['a response to nothing', `SIP/2.0 200 OK\r\nVia: SIP/2.0/WSS x.invalid;branch=${branch()}\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: ${id()}\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n`, 'text'],
    ['a status code out of range', `SIP/2.0 99999 Whatever\r\nVia: SIP/2.0/WSS x.invalid;branch=${branch()}\r\nCall-ID: ${id()}\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n`, 'text'],
    ['a start line only', 'INVITE\r\n\r\n', 'text'],
    ['no CRLF at all', 'INVITE sip:nobody SIP/2.0', 'text'],
    ['an empty frame', '', 'text'],
    ['SIP/3.0 (badvers01)', base('OPTIONS').replace('SIP/2.0\r\n', 'SIP/7.0\r\n'), 'text'],
    ['an unknown URI scheme (unksm2)', base('OPTIONS').replace(`${ruri} SIP`, 'soap.beep://192.0.2.103:3002 SIP'), 'text'],
    ['CRLF keep-alives', '\r\n\r\n', 'text'],
  ];
}
