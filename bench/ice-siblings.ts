// Ad-hoc (not part of `npm run bench`): how far apart Chromium's UDP host candidates come when
// the machine has several network interfaces, each with IPv4 and IPv6. It decides the
// softphone's SIBLING_GRACE_MS (src/providers/sip/softphone/ice-gathering-cutoff.ts): the
// offer goes out that long after the last host candidate. Run as root, it makes its own
// private network namespace with loopback and three veth interfaces (IPv4 + IPv6 each):
//   npx tsx bench/ice-siblings.ts
// Last run (2026-12-07, Chromium 156, 8 rounds): 7 UDP host candidates each round, the last
// within 0.7–3.5 ms of the first, never more than 1.2 ms apart; the TCP ones about 120 ms later.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchChromium } from '../test/harness/browser';
import { startStaticServer } from '../test/harness/static-server';

const INTERFACES = 3;
const ROUNDS = 8;

if (!process.env.OFFHOOK_ICE_NETNS) {
  const setup = ['ip link set lo up'];
  for (let i = 0; i < INTERFACES; i++)
    setup.push(
      `ip link add v${i} type veth peer name v${i}p`,
      `ip addr add 10.9.${i}.1/24 dev v${i}`,
      `ip -6 addr add fd00:${i}::1/64 dev v${i} nodad`,
      `ip link set v${i} up`,
      `ip link set v${i}p up`,
    );
  setup.push('ip route add default via 10.9.0.2 dev v0');
  execFileSync('unshare', ['-n', '--', 'bash', '-c', `${setup.join(' && ')} && exec "$@"`, 'bash', process.execPath, ...process.execArgv, process.argv[1]!], {
    stdio: 'inherit',
    env: { ...process.env, OFFHOOK_ICE_NETNS: '1' },
  });
  process.exit(0);
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'offhook-ice-'));
await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>ice</title>');
const statics = await startStaticServer({ '/': dir });
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.goto(`${statics.origin}/index.html`);
  const gaps: number[] = [];
  const spreads: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const times = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const pc = new RTCPeerConnection({ iceServers: [] });
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
      const udp: number[] = [];
      const started = performance.now();
      const done = new Promise<void>((resolve) =>
        pc.addEventListener('icecandidate', (e) => {
          if (!e.candidate) resolve();
          else if (e.candidate.type === 'host' && e.candidate.protocol === 'udp') udp.push(performance.now() - started);
        }),
      );
      await pc.setLocalDescription(await pc.createOffer());
      await done;
      pc.close();
      for (const track of stream.getTracks()) track.stop();
      return udp;
    });
    const gap = Math.max(0, ...times.slice(1).map((t, i) => t - times[i]!));
    const spread = times[times.length - 1]! - times[0]!;
    gaps.push(gap);
    spreads.push(spread);
    console.log(`round ${round}: ${times.length} UDP host candidates, spread ${spread.toFixed(1)} ms, largest gap ${gap.toFixed(1)} ms`);
  }
  console.log(`largest gap in all rounds: ${Math.max(...gaps).toFixed(1)} ms; largest spread: ${Math.max(...spreads).toFixed(1)} ms`);
} finally {
  await browser.close();
  await statics.stop();
  await rm(dir, { recursive: true, force: true });
}
