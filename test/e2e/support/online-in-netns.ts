import { execFileSync } from 'node:child_process';

/**
 * Genesys's streaming client will not connect while navigator.onLine is false ("Browser is
 * offline, skipping connection attempt"), and Chromium says offline in scripts/e2e.sh's
 * loopback-only network namespace. An interface that leads nowhere makes it say online: a veth
 * pair with both ends here, up and addressed, carrying nothing anywhere. Only in that namespace
 * (loopback its only interface), never on a host's own network.
 */
export function onlineInNetworkNamespace(): void {
  const links = () => execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).trim().split('\n');
  if (process.getuid?.() !== 0 || links().length !== 1 || !links()[0]!.includes(' lo:')) return;
  try {
    execFileSync('ip', ['link', 'add', 'offhook0', 'type', 'veth', 'peer', 'name', 'offhook1'], { stdio: 'ignore' });
    execFileSync('ip', ['addr', 'add', '198.51.100.1/24', 'dev', 'offhook0'], { stdio: 'ignore' });
    execFileSync('ip', ['link', 'set', 'offhook1', 'up'], { stdio: 'ignore' });
    execFileSync('ip', ['link', 'set', 'offhook0', 'up'], { stdio: 'ignore' });
  } catch {
    // No veth in this kernel: the SDK then says it cannot connect, and the test why.
  }
}
