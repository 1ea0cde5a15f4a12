import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { World } from './support/world';

const tels = (numbers: { tel: string }[]) => numbers.map((n) => n.tel);

/** Every script the page's renderer parsed from our extension, in any world, as CDP reports it. */
async function extensionScripts(world: World, page: Page): Promise<string[]> {
  const cdp: CDPSession = await world.context.newCDPSession(page);
  const urls: string[] = [];
  cdp.on('Debugger.scriptParsed', (e: { url: string }) => {
    if (e.url.startsWith('chrome-extension://')) urls.push(e.url);
  });
  // Enabling reports every script parsed so far.
  await cdp.send('Debugger.enable');
  await new Promise((r) => setTimeout(r, 200));
  await cdp.detach().catch(() => undefined);
  return urls;
}

/** Writes the detection settings as the popup's switches do (storage.local, key `detection`). */
async function setDetection(world: World, settings: { enabled: boolean; disabledSites: string[] }): Promise<void> {
  const worker = await world.worker();
  await worker.evaluate(
    (s) => {
      const c = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
      return c.storage.local.set({ detection: { defaultRegion: '', handleCallLinks: true, ...s } });
    },
    settings,
  );
}

const isEngine = (url: string) => url.endsWith('/content-engine.js');
const isLoader = (url: string) => url.endsWith('/content-loader.js');

// The content script is small; the detection engine is loaded only into frames that may hold
// a number. Pages without numbers never load it; pages with numbers anywhere (late shadow
// roots, frames, strict CSP) still get them found and callable.
describe('the detection engine, loaded only where a number may be', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    await world.takeWelcomePage()?.close();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('is never loaded on a page without numbers, and is loaded when one appears', async () => {
    const page = await world.openFixture('no-numbers.html');
    await new Promise((r) => setTimeout(r, 800));
    expect(await world.numbersOn(page)).toEqual([]);
    const before = await extensionScripts(world, page);
    expect(before.some(isLoader)).toBe(true);
    expect(before.filter(isEngine)).toEqual([]);

    // A number appears inside the open shadow root.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Now call +1 415-555-0160';
      document.getElementById('host')!.shadowRoot!.append(p);
    });
    const numbers = await world.waitForNumbers(page, (n) => n.length === 1, 'the number added to the shadow root');
    expect(numbers).toEqual([{ tel: 'tel:+14155550160', text: '+1 415-555-0160' }]);
    const after = await extensionScripts(world, page);
    expect(after.filter(isEngine)).toHaveLength(1);
    await page.close();
  });

  it('is not loaded for digit runs too short to be a number where the page is, and is where a lang says otherwise', async () => {
    // en-US: a number written without a country code has 10 digits; these runs have 5 to 7.
    const page = await world.openFixture('short-runs.html');
    await new Promise((r) => setTimeout(r, 800));
    expect(await world.numbersOn(page)).toEqual([]);
    expect((await extensionScripts(world, page)).filter(isEngine)).toEqual([]);

    // A German address block: Germany's numbers can be as short as these runs.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.lang = 'de-DE';
      p.textContent = 'Büro Berlin: Tel. 030 901820';
      document.getElementById('more')!.append(p);
    });
    const numbers = await world.waitForNumbers(page, (n) => n.length === 1, 'the German number');
    expect(numbers).toEqual([{ tel: 'tel:+4930901820', text: '030 901820' }]);
    expect((await extensionScripts(world, page)).filter(isEngine)).toHaveLength(1);
    await page.close();

    // The page's own lang turning to a region with short numbers (a single-page app) counts too.
    const other = await world.openFixture('short-runs.html');
    await new Promise((r) => setTimeout(r, 800));
    expect((await extensionScripts(world, other)).filter(isEngine)).toEqual([]);
    await other.evaluate(() => (document.documentElement.lang = 'de-DE'));
    await expect.poll(async () => (await extensionScripts(world, other)).filter(isEngine).length, { timeout: 5000 }).toBe(1);
    await other.close();
  });

  it('brings no webextension-polyfill into a page: neither the loader nor the engine carries it', async () => {
    // The built files the pages run (src/content/engine-namespace.ts); the popup keeps it.
    const built = (file: string) => readFileSync(path.join(inject('extensionDir'), file), 'utf8');
    const polyfill = /webextension-polyfill|wrapAPIs/;
    expect(built('content-loader.js')).not.toMatch(polyfill);
    expect(built('content-engine.js')).not.toMatch(polyfill);
    expect(built('popup-app.js')).toMatch(polyfill);
    // That the engine still reaches the coordinator through the browser's own namespace (its
    // call card's text, the call it asks for) is what click-to-call.e2e.test.ts shows.
  });

  it('cannot be fetched by the page, so its presence cannot fingerprint Offhook', async () => {
    const page = await world.openFixture('late-only.html');
    await world.waitForNumbers(page, (n) => n.length === 1, 'the late shadow root');
    const [engine] = (await extensionScripts(world, page)).filter(isEngine);
    expect(engine).toBeTruthy();
    // use_dynamic_url: the content script may import it; a page asking the fixed address is refused.
    const fixed = `chrome-extension://${world.extensionId}/content-engine.js`;
    const fetched = await page.evaluate((url) => fetch(url).then(() => 'loaded', () => 'refused'), fixed);
    expect(fetched).toBe('refused');
    await page.close();
  });

  it('finds numbers that exist only in a late shadow root and in a frame', async () => {
    const page = await world.openFixture('late-only.html');
    expect(tels(await world.waitForNumbers(page, (n) => n.length === 1, 'the late shadow root'))).toEqual([
      'tel:+14155550170',
    ]);
    await expect
      .poll(async () => (await world.frameReports(page)).flatMap((r) => tels(r.numbers)).sort(), { timeout: 10_000 })
      .toEqual(['tel:+14155550170', 'tel:+14155550171']);
    await page.close();
  });

  it('loads under a page CSP that allows no script at all, and shows the call card there', async () => {
    const page = await world.openFixture('strict-csp.html');
    expect(await world.waitForNumbers(page, (n) => n.length === 1, 'the number under a strict CSP')).toEqual([
      { tel: 'tel:+14155550180', text: '+1 415-555-0180' },
    ]);
    // Hovering shows the call card: the engine's overlay works there too.
    const box = await page.locator('p').boundingBox();
    await page.mouse.move(box!.x + 100, box!.y + box!.height / 2);
    await expect.poll(() => world.callButtonCentre(page)).toBeTruthy();
    await page.close();
  });

  it('is never loaded on a site switched off, nor with Offhook off everywhere, and loads when switched back on', async () => {
    await setDetection(world, { enabled: true, disabledSites: ['127.0.0.1'] });
    try {
      const page = await world.openFixture('strict-csp.html');
      await new Promise((r) => setTimeout(r, 800));
      expect(await world.numbersOn(page)).toEqual([]);
      let scripts = await extensionScripts(world, page);
      expect(scripts.some(isLoader)).toBe(true);
      expect(scripts.filter(isEngine)).toEqual([]);

      // A number added later does not load it either.
      await page.evaluate(() => document.body.append(Object.assign(document.createElement('p'), { textContent: 'Or +1 415-555-0181' })));
      await new Promise((r) => setTimeout(r, 500));
      expect((await extensionScripts(world, page)).filter(isEngine)).toEqual([]);

      // Off everywhere, on for the site: still not loaded.
      await setDetection(world, { enabled: false, disabledSites: [] });
      const other = await world.openFixture('strict-csp.html');
      await new Promise((r) => setTimeout(r, 800));
      expect(await world.numbersOn(other)).toEqual([]);
      expect((await extensionScripts(world, other)).filter(isEngine)).toEqual([]);
      await other.close();

      // Switched back on: loaded once, without a reload, and every number is found.
      await setDetection(world, { enabled: true, disabledSites: [] });
      expect(tels(await world.waitForNumbers(page, (n) => n.length === 2, 'both numbers once switched on'))).toEqual([
        'tel:+14155550180',
        'tel:+14155550181',
      ]);
      scripts = await extensionScripts(world, page);
      expect(scripts.filter(isEngine)).toHaveLength(1);
      await page.close();
    } finally {
      await setDetection(world, { enabled: true, disabledSites: [] });
    }
  });
});
