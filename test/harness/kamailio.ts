// Starts a throwaway Kamailio from test/harness/kamailio.cfg: SIP over ws:// on a free
// loopback port, an in-memory registrar and digest auth for a fixed list of users.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SipUser {
  username: string;
  password: string;
}

export interface SipRequestRecord {
  method: string;
  from: string;
  to: string;
  ruri: string;
  callId: string;
  /** ip:port the request came from, i.e. which WebSocket. */
  src: string;
}

export interface SipReplyRecord {
  code: number;
  method: string;
  reason: string;
  callId: string;
  /** 'relay': a phone's reply passed on; 'local': Kamailio answered itself (401, 404, …). */
  source: 'relay' | 'local';
}

export interface SipServer {
  /** ws://127.0.0.1:PORT */
  wsUrl: string;
  /** 'offhook.test' */
  domain: string;
  users: SipUser[];
  /** Everything Kamailio printed so far. */
  log(): string;
  /** One entry per SIP request Kamailio received, oldest first. */
  requests(method?: string): SipRequestRecord[];
  /** One entry per reply Kamailio relayed or generated, oldest first. */
  replies(): SipReplyRecord[];
  /** Kills by PID, waits for exit, removes the temp dir; idempotent. */
  stop(): Promise<void>;
  /** Stops the server and starts it again on the same port after `downMs`, as a PBX
   * restart does: registrations are lost and clients must come back by themselves. */
  restart(downMs?: number): Promise<void>;
  /**
   * From now on every REGISTER (only those whose From user is `opts.user`, if given) is
   * answered with `code` before any auth, with `Retry-After: opts.retryAfter` if given, and
   * logged as a local reply. `null` restores normal registration. Held in Kamailio's memory:
   * restart() clears it, as a real PBX restart would.
   */
  answerRegisters(code: number | null, opts?: RegisterFaultOptions): Promise<void>;
}

export interface RegisterFaultOptions {
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
  /** Only REGISTERs whose From user is this one. */
  user?: string;
}

export const SIP_DOMAIN = 'offhook.test';

export const DEFAULT_SIP_USERS: readonly SipUser[] = Object.freeze([
  { username: 'alice', password: 'alice-secret' },
  { username: 'bob', password: 'bob-secret' },
  { username: 'carol', password: 'carol-secret' },
]);

const INSTALL_HINT = 'run `apt-get install -y kamailio kamailio-websocket-modules`';
const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const MAX_PORT_ATTEMPTS = 3;

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));

const templatePath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'kamailio.cfg');

export interface KamailioOptions {
  users?: SipUser[];
  /** The longest registration the registrar grants, in seconds (default 3600). A short one
   * compresses hours of idle into minutes: phones must refresh on what was granted. */
  maxExpires?: number;
  /** The SIP domain (and realm) instead of offhook.test: a platform's line registers at the
   * platform's host name (Wazo's clients use the server's name). */
  domain?: string;
}

export async function startKamailio(opts: KamailioOptions = {}): Promise<SipServer> {
  const binary = findKamailio();
  const modulesDir = findModulesDir();
  const users = (opts.users ?? DEFAULT_SIP_USERS).map((u) => ({ ...u }));
  users.forEach(validateUser);
  const template = await readFile(templatePath, 'utf8');
  const maxExpires = opts.maxExpires ?? 3600;
  const domain = opts.domain ?? SIP_DOMAIN;

  // The free port is only free when we look; another process can take it before
  // Kamailio binds, so a bind failure is retried on a new port.
  let lastError: unknown;
  for (let attempt = 0; attempt < MAX_PORT_ATTEMPTS; attempt++) {
    const port = await findFreePort();
    try {
      const first = await launch({ binary, modulesDir, users, template, port, maxExpires, domain });
      return restartable(first, () => launch({ binary, modulesDir, users, template, port, maxExpires, domain }));
    } catch (error) {
      lastError = error;
      if (!(error instanceof KamailioBindError)) throw error;
    }
  }
  throw lastError;
}

/** One SipServer across restarts: the log (and what is parsed from it) spans them all. */
function restartable(first: SipServer, relaunch: () => Promise<SipServer>): SipServer {
  let current = first;
  let earlier = '';
  const log = () => earlier + current.log();
  return {
    wsUrl: first.wsUrl,
    domain: first.domain,
    users: first.users,
    log,
    requests: (method?: string) => requestsFrom(log(), method),
    replies: () => repliesFrom(log()),
    stop: () => current.stop(),
    async restart(downMs = 0) {
      earlier += current.log();
      await current.stop();
      await delay(downMs);
      // The port was just released; a moment's retry covers the kernel catching up.
      for (let attempt = 0; ; attempt++) {
        try {
          current = await relaunch();
          return;
        } catch (error) {
          if (!(error instanceof KamailioBindError) || attempt >= 10) throw error;
          await delay(200);
        }
      }
    },
    answerRegisters: (code, opts) => current.answerRegisters(code, opts),
  };
}

function requestsFrom(output: string, method?: string): SipRequestRecord[] {
  return parseTagged(output, 'OFFHOOK-REQ')
    .map(
      (f): SipRequestRecord => ({
        method: f.method ?? '',
        from: f.from ?? '',
        to: f.to ?? '',
        ruri: f.ruri ?? '',
        callId: f.callid ?? '',
        src: f.src ?? '',
      }),
    )
    .filter((r) => method === undefined || r.method === method.toUpperCase());
}

function repliesFrom(output: string): SipReplyRecord[] {
  return parseTagged(output, 'OFFHOOK-RPL').map(
    (f): SipReplyRecord => ({
      code: Number(f.code),
      method: f.method ?? '',
      reason: f.reason ?? '',
      callId: f.callid ?? '',
      source: f.source === 'local' ? 'local' : 'relay',
    }),
  );
}

class KamailioBindError extends Error {}

async function launch(args: {
  binary: string;
  modulesDir: string;
  users: SipUser[];
  template: string;
  port: number;
  maxExpires: number;
  domain: string;
}): Promise<SipServer> {
  const { binary, modulesDir, users, template, port, maxExpires } = args;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'offhook-kamailio-'));
  const runDir = path.join(dir, 'run');
  await mkdir(runDir);
  const cfgPath = path.join(dir, 'kamailio.cfg');
  const pidPath = path.join(dir, 'kamailio.pid');
  await writeFile(cfgPath, renderConfig(template, { port, modulesDir, users, maxExpires, domain: args.domain }));

  // detached: Kamailio is a main process plus forked workers that outlive a killed main;
  // their own process group lets stop() (and the exit hook) reach all of them through
  // the one PID we started.
  const kamailioArgs = ['-DD', '-E', '-m', '64', '-M', '8', '-f', cfgPath, '-P', pidPath, '-Y', runDir];
  // setpriv execs Kamailio with a parent-death signal: a test runner killed by a signal
  // (Ctrl-C, timeout) runs no exit hook, and Kamailio would otherwise keep running.
  const [command, commandArgs] = SETPRIV
    ? [SETPRIV, ['--pdeathsig', 'TERM', binary, ...kamailioArgs]]
    : [binary, kamailioArgs];
  const child = spawn(command, commandArgs, { cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // A spawn failure emits 'error' and no 'exit'.
    child.once('error', (error) => {
      output += `failed to run ${command}: ${error.message}\n`;
      resolve();
    });
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  // A vitest worker that dies mid-suite must not leave a Kamailio holding its port.
  const killOnExit = (): void => killGroup(child, 'SIGKILL');
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (!hasExited) {
        killGroup(child, 'SIGTERM');
        const timedOut = await Promise.race([exited.then(() => false), delay(STOP_TIMEOUT_MS).then(() => true)]);
        if (timedOut) {
          killGroup(child, 'SIGKILL');
          await exited;
        }
      }
      // Workers may outlive a main process that crashed; the group kill sweeps them.
      killGroup(child, 'SIGKILL');
      process.removeListener('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    })());

  try {
    await waitForListening(port, () => hasExited, STARTUP_TIMEOUT_MS);
  } catch (error) {
    await Promise.race([exited, delay(200)]);
    const log = output;
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    const message = `Kamailio did not start on 127.0.0.1:${port}: ${reason}\n--- kamailio log ---\n${log}`;
    if (/Address already in use|bind\(\)|cannot bind/i.test(log)) throw new KamailioBindError(message);
    throw new Error(message, { cause: error });
  }

  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    domain: args.domain,
    users,
    log: () => output,
    requests: (method?: string) => requestsFrom(output, method),
    replies: () => repliesFrom(output),
    stop,
    restart: () => Promise.reject(new Error('restart() is provided by startKamailio')),
    answerRegisters: (code, faultOpts) => setRegisterFault(port, code, faultOpts),
  };
}

const REASONS: Readonly<Record<number, string>> = {
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  480: 'Temporarily Unavailable',
  486: 'Busy Here',
  500: 'Server Internal Error',
  503: 'Service Unavailable',
  504: 'Server Time-out',
};

/** Fills the cfg's `fault` htable (route[REGISTER_FAULT]); the code goes last, as it turns the fault on. */
async function setRegisterFault(port: number, code: number | null, opts: RegisterFaultOptions = {}): Promise<void> {
  if (code !== null && !(Number.isInteger(code) && code >= 300 && code <= 699)) {
    throw new Error(`answerRegisters: ${code} is not a final non-2xx status code`);
  }
  if (opts.user !== undefined && !/^[A-Za-z0-9._~-]+$/.test(opts.user)) {
    throw new Error(`answerRegisters: user ${JSON.stringify(opts.user)} must match [A-Za-z0-9._~-]+`);
  }
  if (opts.retryAfter !== undefined && !(Number.isInteger(opts.retryAfter) && opts.retryAfter >= 0)) {
    throw new Error(`answerRegisters: retryAfter ${opts.retryAfter} must be a whole number of seconds`);
  }
  await rpc(port, 'htable.flush', ['fault']);
  if (code === null) return;
  await rpc(port, 'htable.sets', ['fault', 'reason', REASONS[code] ?? 'Fault Injected']);
  if (opts.user !== undefined) await rpc(port, 'htable.sets', ['fault', 'user', opts.user]);
  if (opts.retryAfter !== undefined) await rpc(port, 'htable.seti', ['fault', 'retry', opts.retryAfter]);
  await rpc(port, 'htable.seti', ['fault', 'code', code]);
}

/**
 * One JSON-RPC call to Kamailio's jsonrpcs module, over HTTP on the SIP port (POST /RPC). A
 * fresh connection each time: the xhttp route closes every connection after its reply, and a
 * pooled one (fetch's keep-alive) fails when reused after that.
 */
async function rpc(port: number, method: string, params: (string | number)[]): Promise<unknown> {
  const body = JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 });
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/RPC', method: 'POST', agent: false, timeout: 5000, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let data = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`Kamailio RPC ${method}: no answer within 5 s`)));
    req.on('error', reject);
    req.end(body);
  });
  let reply: { result?: unknown; error?: { code: number; message: string } };
  try {
    reply = JSON.parse(text) as typeof reply;
  } catch {
    throw new Error(`Kamailio RPC ${method}: HTTP ${status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (reply.error) throw new Error(`Kamailio RPC ${method} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

function findKamailio(): string {
  const candidates = [
    process.env.KAMAILIO_PATH,
    ...(process.env.PATH ?? '').split(path.delimiter).map((d) => d && path.join(d, 'kamailio')),
    '/usr/sbin/kamailio',
    '/usr/local/sbin/kamailio',
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error(`kamailio is not installed: ${INSTALL_HINT}`);
  return found;
}

function findModulesDir(): string {
  const candidates = [
    process.env.KAMAILIO_MODULES,
    `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/kamailio/modules`,
    '/usr/lib/kamailio/modules',
    '/usr/local/lib64/kamailio/modules',
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(path.join(c, 'websocket.so')));
  if (!found) throw new Error(`kamailio's websocket module is not installed: ${INSTALL_HINT}`);
  return found;
}

// The user list ends up inside a Kamailio string literal and a switch label.
function validateUser(user: SipUser): void {
  if (!/^[A-Za-z0-9._~-]+$/.test(user.username)) {
    throw new Error(`SIP username ${JSON.stringify(user.username)} must match [A-Za-z0-9._~-]+`);
  }
  if (!/^[\x20-\x7e]+$/.test(user.password) || /["\\]/.test(user.password)) {
    throw new Error(`SIP password for ${user.username} must be non-empty printable ASCII without " or \\`);
  }
}

function renderConfig(
  template: string,
  values: { port: number; modulesDir: string; users: SipUser[]; maxExpires: number; domain: string },
): string {
  const cases = values.users
    .map((u) => `\t\tcase "${u.username}":\n\t\t\t$var(password) = "${u.password}";\n\t\t\tbreak;`)
    .join('\n');
  const filled = template
    .replaceAll('{{PORT}}', String(values.port))
    .replaceAll('{{DOMAIN}}', values.domain)
    .replaceAll('{{MPATH}}', values.modulesDir)
    .replaceAll('{{PASSWORD_CASES}}', cases)
    .replaceAll('{{MAX_EXPIRES}}', String(values.maxExpires))
    .replaceAll('{{MIN_EXPIRES}}', String(Math.min(30, values.maxExpires)));
  const leftover = /\{\{[A-Z_]+\}\}/.exec(filled);
  if (leftover) throw new Error(`kamailio.cfg placeholder ${leftover[0]} has no value`);
  return filled;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForListening(port: number, hasExited: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited()) throw new Error('kamailio exited during startup');
    if (await canConnect(port)) return;
    if (Date.now() > deadline) throw new Error(`port not accepting connections after ${timeoutMs} ms`);
    await delay(100);
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function parseTagged(log: string, tag: string): Record<string, string>[] {
  const records: Record<string, string>[] = [];
  const marker = `${tag} `;
  for (const line of log.split('\n')) {
    const at = line.indexOf(marker);
    if (at < 0) continue;
    const fields: Record<string, string> = {};
    // Values may contain spaces (reason phrases); a value runs until the next " key=".
    for (const m of line.slice(at + marker.length).matchAll(/(\w+)=(.*?)(?= \w+=|$)/g)) {
      const key = m[1] as string;
      const value = (m[2] ?? '').trim();
      fields[key] = value === '<null>' ? '' : value;
    }
    records.push(fields);
  }
  return records;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
