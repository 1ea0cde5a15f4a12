// The demo behind `npm run demo`. See scripts/demo.sh.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { World } from '../test/e2e/support/world';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const started = Date.now();
const line = (text: string) => console.log(`${((Date.now() - started) / 1000).toFixed(2).padStart(7)} s  ${text}`);

async function main() {
  const world = await World.start(path.join(root, '.output/chrome-mv3'), {
    headless,
    extraStatics: { '/demo/': path.join(root, 'demo') },
  });
  const stop = async () => {
    await world.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  line(`Kamailio listening on ${world.server.wsUrl} (domain ${world.server.domain}; users alice, bob, carol)`);
  const bob = await world.party('bob', { autoAnswer: true, echo: true, displayName: 'Bob (answering party)' });
  line('answering party bob registered: it picks up every call and plays the audio back');

  const options = await world.configureAccount('alice');
  await options.getByRole('status').filter({ hasText: 'Registered as' }).waitFor();
  line(`registered: ${await options.getByRole('status').first().textContent()} (${Date.now() - world.savedAt} ms from Save)`);
  const page = await world.context.newPage();
  await page.goto(`${world.statics.origin}/demo/numbers.html`);

  if (!headless) {
    await options.close();
    line(`Chromium is open with a demo page. Click the Offhook toolbar button and call "bob". Ctrl-C to stop.`);
    await new Promise(() => undefined);
  }

  const out = path.join(root, 'demo-output', new Date().toISOString().replace(/[:.]/g, '-'));
  await mkdir(out, { recursive: true });
  await page.screenshot({ path: path.join(out, '1-demo-page.png') });
  await options.screenshot({ path: path.join(out, '2-options.png'), fullPage: true });

  const popup = await world.openPopup();
  await popup.setViewportSize({ width: 360, height: 420 });
  await popup.locator('.status[data-state="registered"]').waitFor();
  await popup.getByLabel('Number').fill('bob');
  await popup.screenshot({ path: path.join(out, '3-popup-idle.png') });
  const click = Date.now();
  await popup.getByRole('button', { name: 'Call', exact: true }).click();
  line('dialled bob from the popup');
  await popup.locator('.call.active .state').filter({ hasText: /Ringing|Connected/ }).waitFor();
  line(`ringing (${Date.now() - click} ms after the click)`);
  await popup.locator('.call.active .state').filter({ hasText: /Connected/ }).waitFor();
  line(`answered (${Date.now() - click} ms after the click; the party waits ~300 ms before answering)`);

  const media = await world.waitForExtensionAudio(8000);
  line(`audio: ${media.bytesSent} bytes sent, ${media.bytesReceived} bytes received by Offhook`);
  const remote = await bob.audio();
  line(`audio at bob: ${remote.bytesReceived} bytes received, ${remote.bytesSent} bytes sent`);
  await popup.screenshot({ path: path.join(out, '4-popup-in-call.png') });

  await popup.getByRole('button', { name: 'Hang up' }).click();
  await bob.waitForState('terminated');
  await popup.locator('.ended').waitFor();
  line(`hung up: popup says "${await popup.locator('.ended').textContent()}"; bob's call is ${await bob.state()}`);
  await popup.screenshot({ path: path.join(out, '5-popup-after-call.png') });
  line(`screenshots in ${path.relative(process.cwd(), out)}/`);

  await bob.close();
  await world.close();
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
