// The soak behind `npm run soak`: first a compressed long idle (the PBX grants a few seconds
// per registration, the phone idles through many of them, then a call must still ring), then
// server restarts (some answering REGISTER 503 while they come up), socket resets, half-open
// sockets and service-worker stops, mixed with real calls and attacks, with every recovery
// timed and every attack counted by kind.
import type { Page } from 'playwright-core';
import { startBlackholeProxy } from '../test/harness/blackhole-proxy';
import { startSipFlood } from '../test/harness/sip-flood';
import { World } from '../test/e2e/support/world';
import { DEFAULT_SIP_USERS } from '../test/harness/kamailio';
import { startWazoStandIn } from '../test/harness/wazo/stand-in';
import { startGenesysStandIn } from '../test/harness/genesys/stand-in';
import type { PhoneSnapshot } from '../src/shared/phone/snapshot';

const [extensionDir, ...rest] = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? Number(rest[i + 1]) : fallback;
};
const plan = {
  restarts: arg('restarts', 50),
  restarts503: arg('restarts-503', 10),
  cuts: arg('cuts', 50),
  blackholes: arg('blackholes', 3),
  workerStops: arg('worker-stops', 20),
  idleGrantS: arg('idle-grant', 10),
  idlePeriods: arg('idle-periods', 12),
  tokenExpiries: arg('token-expiries', 20),
  tokenLifetimeS: arg('token-lifetime', 6),
  socketDrops: arg('socket-drops', 10),
  channelExpiries: arg('channel-expiries', 10),
};
const started = Date.now();
const log = (text: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s  ${text}`);

const recoveries: Record<string, number[]> = { restart: [], 'restart-503': [], cut: [], blackhole: [], 'worker-stop': [] };
let unrecovered = 0;
let rejected503 = 0;
const calls = { placed: 0, kept: 0, lost: 0 };
/** Each kind of attack: how often tried, how often it placed no call the user did not mean. */
const attacks: Record<string, { tried: number; blocked: number }> = {};
const attacked = (kind: string, tries: number, blocked: boolean) => {
  const a = (attacks[kind] ??= { tried: 0, blocked: 0 });
  a.tried += tries;
  if (blocked) a.blocked += tries;
};
/** The Wazo day: access tokens that lapse every few seconds, mixed with PBX restarts, socket
 * cuts and worker stops; the phone must stay (or get back to) registered with no user action. */
const wazoDay = { expiries: 0, refreshes: 0, restarts: 0, cuts: 0, workerStops: 0, unrecovered: 0, signInAsked: 0, callKept: false };
/** The Genesys day: the notifications socket dropped and channels expired, each followed by a
 * call; every call Genesys sent must ring in Offhook (event log against what the line showed). */
const genesysDay = { drops: 0, expiries: 0, callsSent: 0, callsShown: 0, unrecovered: 0 };
const idle = { seconds: 0, refreshes: 0, longestGapMs: 0, notRegisteredSamples: 0, samples: 0, callRang: false, audioBytes: 0 };

type ChromeMessaging = { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };

/** Long idle, compressed: the registrar grants `idleGrantS`, the phone idles through
 * `idlePeriods` of them, sampled every 250 ms; then bob calls and alice answers. */
async function longIdle() {
  const world = await World.start(extensionDir!, { sip: { maxExpires: plan.idleGrantS } });
  try {
    await world.registerAs('alice');
    const ok = () => world.server.replies().filter((r) => r.method === 'REGISTER' && r.code === 200).length;
    const start = Date.now();
    let lastOk = ok();
    let lastAt = start;
    while (Date.now() - start < plan.idlePeriods * plan.idleGrantS * 1000) {
      const snap = await world.softphone().catch(() => undefined);
      idle.samples++;
      if (snap?.registration.state !== 'registered') idle.notRegisteredSamples++;
      const now = ok();
      if (now > lastOk) {
        idle.refreshes += now - lastOk;
        idle.longestGapMs = Math.max(idle.longestGapMs, Date.now() - lastAt);
        lastAt = Date.now();
      }
      lastOk = now;
      await new Promise((r) => setTimeout(r, 250));
    }
    idle.longestGapMs = Math.max(idle.longestGapMs, Date.now() - lastAt);
    idle.seconds = Math.round((Date.now() - start) / 1000);

    const bob = await world.party('bob');
    try {
      await bob.call('alice');
      const ringing = await world.waitForSoftphone((s) => s.calls[0]?.state === 'incoming', 'the call after the idle rings');
      idle.callRang = true;
      const worker = await world.worker();
      await worker.evaluate(
        (callId) =>
          (globalThis as unknown as ChromeMessaging).chrome.runtime.sendMessage({
            offhook: 1, channel: 'softphone', kind: 'request', type: 'softphone:command', payload: { command: { action: 'answer', callId } },
          }),
        ringing.calls[0]!.id,
      );
      await bob.waitForAudio(2000, 15_000);
      idle.audioBytes = (await world.waitForExtensionAudio(2000)).bytesReceived;
      await bob.hangup();
    } finally {
      await bob.close();
    }
  } finally {
    await world.close();
  }
}

async function wazo() {
  const standIn = await startWazoStandIn({});
  const LINE = { id: 1, username: 'wz-soak-1001', secret: 'soak-line-secret', options: [['webrtc', 'yes']] as [string, string][] };
  const world = await World.start(extensionDir!, {
    sip: { domain: new URL(standIn.url).hostname, users: [...DEFAULT_SIP_USERS, { username: LINE.username, password: LINE.secret }] },
    chromiumArgs: [`--ignore-certificate-errors-spki-list=${standIn.spkiHash}`],
  });
  const proxy = await startBlackholeProxy(world.server.wsUrl);
  try {
    standIn.setSipWsUrl(proxy.wsUrl);
    standIn.setMaxTokenLifetime(plan.tokenLifetimeS);
    standIn.addUser({ login: 'soak', password: 'soak-pw', firstname: 'Soak', lastname: 'Wazo', lines: [LINE] });
    const options = await world.signInToWazo(standIn.host, 'soak', 'soak-pw');
    await options.getByRole('status').filter({ hasText: 'Registered as' }).waitFor({ timeout: 20_000 });
    await options.close();
    const refreshes = () => standIn.requests.filter((r) => r.method === 'POST' && r.path === '/api/auth/0.1/token' && !r.authorised).length;
    const waitRegistered = async (what: string) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const snap = await world.softphone().catch(() => undefined);
        if (snap?.registration.state === 'registered') return;
        if (Date.now() > deadline) throw new Error(`${what}: not registered within 60 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const kinds = ['restart', 'cut', 'worker-stop'] as const;
    for (let i = 0; i < plan.tokenExpiries; i++) {
      // A token lapses: wait for the next refresh, then check the phone never noticed.
      const before = refreshes();
      const deadline = Date.now() + plan.tokenLifetimeS * 3000 + 10_000;
      while (refreshes() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      try {
        if (refreshes() === before) throw new Error('expiry: no refresh');
        wazoDay.expiries++;
        await waitRegistered('expiry');
        const kind = kinds[i % kinds.length]!;
        if (kind === 'restart') {
          await world.server.restart(300);
          wazoDay.restarts++;
        } else if (kind === 'cut') {
          proxy.cut();
          wazoDay.cuts++;
        } else {
          await world.stopServiceWorker();
          wazoDay.workerStops++;
        }
        await waitRegistered(kind);
      } catch (error) {
        wazoDay.unrecovered++;
        log(`wazo: ${(error as Error).message}`);
      }
      const popup = world.context.pages().find((p) => p.url().includes('popup.html'));
      if (popup && (await popup.getByText('Sign in again').count()) > 0) wazoDay.signInAsked++;
    }
    wazoDay.refreshes = refreshes();
    // The end of the day: a call still carries audio.
    const bob = await world.party('bob', { autoAnswer: true });
    try {
      const popup = await world.dialFromPopup('+14155550142');
      await bob.waitForState('established', 15_000);
      await bob.waitForAudio(1000, 10_000);
      wazoDay.callKept = true;
      await bob.hangup();
      await popup.close();
    } finally {
      await bob.close();
    }
  } finally {
    await proxy.stop();
    await world.close();
    await standIn.close();
  }
}

async function genesysSoak() {
  const standIn = await startGenesysStandIn({ heartbeatS: 5, closingGraceS: 1 });
  const world = await World.start(extensionDir!, {
    chromiumArgs: [`--host-resolver-rules=${standIn.hostResolverRules}`, `--ignore-certificate-errors-spki-list=${standIn.spkiHash}`],
  });
  try {
    const clientId = '7de3af06-5b0e-4a3c-9d1f-2c8e4b6a9f10';
    standIn.addClient({ clientId, redirectUris: [`https://${world.extensionId}.chromiumapp.org/`] });
    standIn.addUser({ email: 'soak@example.com', password: 'soak-pw', name: 'Soak Agent' });
    const options = world.takeWelcomePage() ?? (await world.context.newPage());
    if (!options.url().includes('options.html')) await options.goto(world.url('options.html'));
    await options.getByLabel('Phone system').selectOption({ label: 'Genesys Cloud (sign in with Genesys)' });
    await options.getByLabel('Region').selectOption(standIn.region);
    await options.getByLabel('OAuth client id').fill(clientId);
    const loginPage = world.context.waitForEvent('page', { predicate: (p) => p.url().startsWith(standIn.loginOrigin) });
    await options.getByRole('button', { name: 'Save' }).click();
    const login = await loginPage;
    await login.getByLabel('Email').fill('soak@example.com');
    await login.getByLabel('Password').fill('soak-pw');
    await login.getByRole('button', { name: 'Log In' }).click();
    await options.getByText(/Saved\.|Not saved/).waitFor({ timeout: 15_000 });
    await options.close();
    const line = async (): Promise<PhoneSnapshot> =>
      (await world.worker()).evaluate(() => (globalThis as unknown as { __offhookE2E: { softphone(m: boolean): Promise<PhoneSnapshot> } }).__offhookE2E.softphone(false));
    const until = async (ok: (s: PhoneSnapshot) => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (ok(await line().catch(() => ({ calls: [], registration: { state: 'unconfigured' } }) as unknown as PhoneSnapshot))) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    await until((s) => s.registration.state === 'registered', 20_000);
    const faults = [...Array.from({ length: plan.socketDrops }, () => 'drop'), ...Array.from({ length: plan.channelExpiries }, () => 'expire')];
    for (const [i, fault] of faults.map((f, i) => [i, faults[(i * 7) % faults.length]!] as const)) {
      if (fault === 'drop') {
        standIn.dropSockets();
        genesysDay.drops++;
      } else {
        standIn.expireChannels();
        genesysDay.expiries++;
      }
      // Half the calls come at once (while the socket is down: found by reconciling), half after.
      if (i % 2 === 1) await until((s) => s.registration.state === 'registered', 30_000);
      const { conversationId } = standIn.incomingCall('soak@example.com', { number: '+14155550143', name: 'Soak Caller' });
      genesysDay.callsSent++;
      if (await until((s) => s.calls.some((c) => c.id === conversationId && c.state === 'incoming'), 30_000)) genesysDay.callsShown++;
      else log(`genesys: the call after ${fault} ${i} never rang`);
      standIn.answeredElsewhere(conversationId);
      if (!(await until((s) => s.registration.state === 'registered' && s.calls.length === 0, 30_000))) genesysDay.unrecovered++;
    }
  } finally {
    await world.close();
    await standIn.close();
  }
}

async function main() {
  log(`genesys day: ${plan.socketDrops} socket drops, ${plan.channelExpiries} channel expiries, a call after each`);
  await genesysSoak().catch((error: unknown) => log(`genesys day failed: ${(error as Error).message.split('\n')[0]}`));
  log(`genesys day done: ${JSON.stringify(genesysDay)}`);
  log(`wazo day: ${plan.tokenExpiries} token expiries (${plan.tokenLifetimeS} s tokens) mixed with restarts, cuts and worker stops`);
  await wazo().catch((error: unknown) => log(`wazo day failed: ${(error as Error).message.split('\n')[0]}`));
  log(`wazo day done: ${JSON.stringify(wazoDay)}`);
  log(`long idle: ${plan.idlePeriods} periods of ${plan.idleGrantS} s granted`);
  await longIdle().catch((error: unknown) => log(`long idle failed: ${(error as Error).message.split('\n')[0]}`));
  log(`long idle done: ${idle.refreshes} refreshes, longest gap ${idle.longestGapMs} ms`);
  const world = await World.start(extensionDir!);
  const proxy = await startBlackholeProxy(world.server.wsUrl);
  try {
    await world.takeWelcomePage()?.close();
    const options = await world.configureAccount('alice', undefined, { server: proxy.wsUrl });
    await options.getByRole('status').filter({ hasText: 'Registered as' }).waitFor();
    // Intercom auto-answer on: an outside caller's auto-answer mark must still only ring.
    await options.getByLabel('Auto-answer').selectOption('intercom');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').filter({ hasText: 'Registered as' }).waitFor();
    await options.close();
    let bob = await world.party('bob', { autoAnswer: true });
    const victim = await world.openFixture('click-to-call.html');
    await world.waitForNumbers(victim, (n) => n.length >= 3, 'numbers');

    const registered = (s: { registration: { state: string } }) => s.registration.state === 'registered';
    const recover = async (kind: string, fault: () => Promise<void>) => {
      const registers = world.server.requests('REGISTER').filter((r) => r.from === 'alice').length;
      const t = Date.now();
      await fault();
      try {
        // Registered again, after a REGISTER sent since the fault.
        const deadline = Date.now() + 60_000;
        for (;;) {
          const snap = await world.softphone().catch(() => undefined);
          const sent = world.server.requests('REGISTER').filter((r) => r.from === 'alice').length > registers;
          if (snap && registered(snap) && (sent || kind === 'worker-stop')) break;
          if (Date.now() > deadline) throw new Error('not registered within 60 s');
          await new Promise((r) => setTimeout(r, 100));
        }
        recoveries[kind]!.push(Date.now() - t);
      } catch (error) {
        unrecovered++;
        log(`${kind}: ${(error as Error).message}`);
      }
    };
    const callOnce = async () => {
      calls.placed++;
      // The remote party is a plain sip.js page: it does not re-register after a server
      // restart the way Offhook does, so it comes back fresh for each call.
      await bob.close();
      bob = await world.party('bob', { autoAnswer: true });
      try {
        const worker = await world.worker();
        await worker.evaluate(() =>
          (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
            offhook: 1, channel: 'softphone', kind: 'request', type: 'softphone:dial', payload: { target: 'bob' },
          }),
        );
        await bob.waitForState('established', 15_000);
        await bob.waitForAudio(1000, 10_000);
        // The far end asks to transfer the user: declined (603), nobody called.
        const toCarol = () => world.server.requests('INVITE').filter((r) => r.from === 'alice' && r.to === 'carol').length;
        const before = toCarol();
        const answer = await bob.refer('carol').catch(() => 0);
        await new Promise((r) => setTimeout(r, 300));
        attacked('refer', 1, answer === 603 && toCarol() === before);
        await bob.hangup();
        await world.waitForSoftphone((s) => s.calls.length === 0, 'call over');
        calls.kept++;
      } catch (error) {
        calls.lost++;
        log(`call lost: ${(error as Error).message.split('\n')[0]}`);
        await bob.hangup().catch(() => undefined);
      }
    };
    const alicesInvites = () => world.server.requests('INVITE').filter((r) => r.from === 'alice').length;
    /** A real click on a link the page set up to mislead: it must only make the card ask. */
    const linkAttack = async (kind: string, click: (page: Page) => Promise<void>) => {
      const page = await world.openFixture('link-attacks.html');
      try {
        await world.waitForNumbers(page, (n) => n.length >= 1, 'links');
        const before = alicesInvites();
        await click(page);
        await new Promise((r) => setTimeout(r, 800));
        attacked(kind, 1, alicesInvites() === before);
      } finally {
        await page.close();
      }
    };
    const attack = async () => {
      await linkAttack('transparent link', (p) => p.getByRole('button', { name: 'Play video' }).click({ force: true }));
      await linkAttack('swapped link', (p) => p.locator('#swap').click());
      await linkAttack('premium link', (p) => p.locator('#premium').click());
      await linkAttack('foreign SIP link', (p) => p.locator('#foreign').click());
      // 40 INVITEs in 2 s from outside: at most two ring, the phone stays registered.
      const flood = await startSipFlood(world.server, { target: 'alice', count: 40, overMs: 2000 });
      const result = await flood.settled;
      const rang = result.invites.filter((i) => i.final === undefined).length;
      await flood.cancelRinging();
      await flood.stop();
      const snap = await world.softphone().catch(() => undefined);
      attacked('INVITE flood', result.invites.length, rang <= 2 && snap?.registration.state === 'registered');
      await world.waitForSoftphone((s) => s.calls.length === 0, 'flood over').catch(() => undefined);

      // An outside caller marks its call for auto-answer: it rings, nobody answers it. (A
      // fresh caller each time: the PBX restarts drop its connection.)
      const mallory = await world.party('mallory', { register: false, domain: 'evil.example' });
      try {
        await mallory.call('alice', ['Call-Info: <sip:evil.example>;answer-after=0']);
        await world.waitForSoftphone((s) => s.calls.some((c) => c.state === 'incoming'), 'the outside call rings', 5000).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 1500));
        const ringing = await world.softphone().catch(() => undefined);
        attacked('outside auto-answer mark', 1, ringing?.calls.some((c) => c.state === 'incoming') === true && (await mallory.state()) === 'calling');
        await mallory.leaveNoCall();
      } finally {
        await mallory.close();
      }
      await world.waitForSoftphone((s) => s.calls.length === 0, 'outside call over').catch(() => undefined);

      const before = alicesInvites();
      await victim.evaluate(() => {
        for (let i = 0; i < 20; i++) {
          (document.querySelector('offhook-ui') as HTMLElement | null)?.click();
          document.getElementById('bob-number')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
          window.postMessage({ offhook: 1, channel: 'content', kind: 'request', type: 'content:call', payload: { target: 'tel:+14155550142' } }, '*');
        }
      });
      await new Promise((r) => setTimeout(r, 300));
      attacked('script clicks and forged messages', 60, alicesInvites() === before);
    };

    const faults: [string, () => Promise<void>][] = [
      ...Array.from({ length: plan.restarts }, () => ['restart', () => world.server.restart(300)] as [string, () => Promise<void>]),
      // A PBX that comes back answering REGISTER 503 for its first seconds.
      ...Array.from({ length: plan.restarts503 }, () => [
        'restart-503',
        async () => {
          const before = world.server.replies().filter((r) => r.method === 'REGISTER' && r.code === 503).length;
          await world.server.restart(300);
          await world.server.answerRegisters(503, { retryAfter: 1, user: 'alice' });
          await new Promise((r) => setTimeout(r, 2500));
          await world.server.answerRegisters(null);
          rejected503 += world.server.replies().filter((r) => r.method === 'REGISTER' && r.code === 503).length - before;
        },
      ] as [string, () => Promise<void>]),
      ...Array.from({ length: plan.cuts }, () => ['cut', async () => proxy.cut()] as [string, () => Promise<void>]),
      ...Array.from({ length: plan.blackholes }, () => ['blackhole', async () => proxy.blackhole()] as [string, () => Promise<void>]),
      ...Array.from({ length: plan.workerStops }, () => ['worker-stop', () => world.stopServiceWorker()] as [string, () => Promise<void>]),
    ];
    // Interleave the kinds so every fault meets a phone that just survived another.
    faults.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const mixed = faults.map((f, i) => ({ f, key: (i * 7919) % faults.length })).sort((a, b) => a.key - b.key).map((x) => x.f);
    log(`plan: ${JSON.stringify(plan)} (${mixed.length} faults)`);
    for (const [i, [kind, fault]] of mixed.entries()) {
      await recover(kind, fault);
      if (i % 5 === 4) await callOnce();
      if (i % 10 === 9) await attack();
      if (i % 20 === 19) log(`${i + 1}/${mixed.length} faults`);
    }
    await bob.close();
  } finally {
    await proxy.stop();
    await world.close();
  }

  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? `median ${s[Math.floor(s.length / 2)]} ms, max ${s[s.length - 1]} ms` : 'none';
  };
  console.log('\nsoak result');
  console.log(
    `  long idle    ${idle.seconds} s at ${plan.idleGrantS} s granted: ${idle.refreshes} refreshes, longest gap ${idle.longestGapMs} ms, ` +
      `not registered in ${idle.notRegisteredSamples} of ${idle.samples} samples; call after idle ${idle.callRang ? 'rang' : 'DID NOT RING'}, ` +
      `${idle.audioBytes} audio bytes received`,
  );
  for (const [kind, xs] of Object.entries(recoveries)) console.log(`  ${kind.padEnd(12)} recovered ${xs.length}, ${stats(xs)}`);
  console.log(`  registrations not recovered: ${unrecovered} (REGISTERs answered 503 during restarts: ${rejected503})`);
  console.log(`  calls: placed ${calls.placed}, kept ${calls.kept}, lost ${calls.lost}`);
  console.log(
    `  genesys: ${genesysDay.drops} socket drops, ${genesysDay.expiries} channel expiries; calls sent ${genesysDay.callsSent}, rang in Offhook ${genesysDay.callsShown} (lost ${genesysDay.callsSent - genesysDay.callsShown}); not recovered ${genesysDay.unrecovered}`,
  );
  console.log(
    `  wazo: ${wazoDay.expiries}/${plan.tokenExpiries} token expiries (${wazoDay.refreshes} refreshes) with ${wazoDay.restarts} restarts, ${wazoDay.cuts} cuts, ${wazoDay.workerStops} worker stops; registrations not recovered ${wazoDay.unrecovered}; asked to sign in ${wazoDay.signInAsked}; call at the end ${wazoDay.callKept ? 'kept' : 'LOST'}`,
  );
  for (const [kind, a] of Object.entries(attacks)) console.log(`  attack ${kind.padEnd(34)} tried ${a.tried}, blocked ${a.blocked}`);
  console.log(`  took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const idleOk = idle.callRang && idle.audioBytes > 0 && idle.notRegisteredSamples === 0 && idle.longestGapMs < plan.idleGrantS * 1000;
  const allBlocked = Object.values(attacks).every((a) => a.blocked === a.tried);
  process.exit(unrecovered === 0 && calls.lost === 0 && allBlocked && idleOk ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(`soak failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
