import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Party } from '../harness/party';
import { FirefoxWorld } from './support/firefox-world';

const tels = (numbers: { tel: string }[]) => numbers.map((n) => n.tel);

// The content script in Firefox ESR on the Chromium suite's fixture pages: the same numbers
// found, highlighted with the Custom Highlight API, and a call only from a person's click.
describe('Firefox: numbers on pages', () => {
  let world: FirefoxWorld;
  let bob: Party;
  let page: Page | undefined;
  const invites = () => world.server.requests('INVITE').filter((r) => r.from === 'alice').length;

  beforeAll(async () => {
    world = await FirefoxWorld.start(inject('firefoxExtensionDir'));
    await world.registerAs('alice');
    bob = await world.party('bob');
  });
  afterEach(async () => {
    await page?.close().catch(() => undefined);
    page = undefined;
  });
  afterAll(async () => {
    await bob?.close();
    await world?.close();
  });

  it('reads national numbers by the nearest lang with a region, and marks them with a highlight', async () => {
    page = await world.openFixture('lang.html');
    const numbers = await world.waitForNumbers(page, (n) => n.length >= 6, 'six numbers');
    expect(numbers).toEqual([
      { tel: 'tel:+12125550147', text: '(212) 555-0147' },
      { tel: 'tel:+4930901820', text: '030 901820' },
      { tel: 'tel:+33142685300', text: '01 42 68 53 00' },
      { tel: 'tel:+442079460958', text: '020 7946 0958' },
      { tel: 'tel:+12125550199', text: '(212) 555-0199' },
      { tel: 'tel:+61293744000', text: '+61 2 9374 4000' },
    ]);
    // The page's own view of its highlight registry: six ranges, and no element added. The
    // rule that paints them is the manifest's stylesheet: none was added to the page.
    const marks = await page.evaluate(() => {
      const h = CSS.highlights.get('offhook-number');
      const p = document.querySelector('p')!;
      return {
        ranges: h ? h.size : -1,
        hosts: document.querySelectorAll('offhook-ui').length,
        painted: getComputedStyle(p, '::highlight(offhook-number)').backgroundColor,
        sheets: document.styleSheets.length + document.adoptedStyleSheets.length,
      };
    });
    expect(marks).toEqual({ ranges: 6, hosts: 0, painted: 'rgba(26, 127, 55, 0.18)', sheets: 0 });
  });

  it('finds numbers in open shadow roots, nested, straight under the root (text or a call link) and attached late, not in closed ones', async () => {
    page = await world.openFixture('shadow.html');
    const numbers = await world.waitForNumbers(page, (n) => n.length >= 6, 'six numbers incl. the late root');
    expect(tels(numbers)).toEqual(['tel:+14155550100', 'tel:+14155550104', 'tel:+14155550105', 'tel:+14155550101', 'tel:+14155550102', 'tel:+14155550103']);
  });

  it('leaves alone fields, scripts, editable and hidden text', async () => {
    page = await world.openFixture('excluded.html');
    await new Promise((r) => setTimeout(r, 500));
    const numbers = await world.waitForNumbers(page, (n) => n.length >= 1, 'the visible number');
    expect(numbers).toEqual([{ tel: 'tel:+14155550120', text: '+1 415-555-0120' }]);
  });

  it('takes the target of tel:, callto: and sip: links, and reads split numbers as one', async () => {
    page = await world.openFixture('links.html');
    expect(await world.waitForNumbers(page, (n) => n.length >= 5, 'five links')).toEqual([
      { tel: 'tel:+14155550130', text: 'Call us' },
      { tel: 'tel:+14155550131', text: '+1 415-555-0131' },
      { tel: 'tel:+14155550132', text: 'Sales line' },
      { tel: 'tel:+14155550133', text: 'Support' },
      { tel: 'tel:+14155550134', text: 'Front desk' },
    ]);
    await page.close();
    page = await world.openFixture('split.html');
    expect(await world.waitForNumbers(page, (n) => n.length >= 2, 'two split numbers')).toEqual([
      { tel: 'tel:+12125550140', text: '(212) 555-0140' },
      { tel: 'tel:+442079460958', text: '+44 20 7946 0958' },
    ]);
  });

  it('follows numbers added by the page', async () => {
    page = await world.openFixture('dynamic.html');
    await world.waitForNumbers(page, (n) => n.length === 2, 'the two initial numbers');
    await page.evaluate(() => {
      const rows = document.getElementById('rows')!;
      for (let i = 1; i <= 20; i++) {
        const tr = document.createElement('tr');
        tr.innerHTML = `<td>Row ${i}</td><td>+1 415-555-${String(1000 + i)}</td>`;
        rows.append(tr);
      }
    });
    await world.waitForNumbers(page, (n) => n.length === 22, '20 added rows');
  });

  async function showCard(selector: string): Promise<{ x: number; y: number }> {
    page = await world.openFixture('click-to-call.html');
    return world.showCard(page, selector);
  }

  it('places the call when the person clicks Call on the hover card', async () => {
    const button = await showCard('#bob-number');
    const before = invites();
    await page!.mouse.move(button.x, button.y, { steps: 4 });
    // The button acts once the card has shown the number for 400 ms.
    await new Promise((r) => setTimeout(r, 450));
    await page!.mouse.click(button.x, button.y);
    await bob.waitForState('ringing-in');
    expect(invites()).toBeGreaterThan(before);
    await bob.answer();
    await bob.waitForAudio(2000);
    const snap = await world.waitForSoftphone((s) => s.calls[0]?.state === 'established', 'call established');
    expect(snap.calls[0]!.remote.number).toBe('+14155550142');
    await bob.hangup();
    await world.waitForSoftphone((s) => s.calls.length === 0, 'the call ended');
  });

  it('places no call for a script’s click() or dispatched events', async () => {
    await showCard('#bob-number');
    await bob.waitForState('terminated').catch(() => undefined);
    const before = invites();
    await page!.evaluate(() => {
      const host = document.querySelector('offhook-ui') as HTMLElement;
      host.click();
      host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const number = document.getElementById('bob-number')!;
      number.click();
      number.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      (document.getElementById('bob-link') as HTMLAnchorElement).click();
      window.postMessage({ offhook: 1, channel: 'content', kind: 'request', type: 'content:call', payload: { target: 'tel:+14155550142' } }, '*');
    });
    await new Promise((r) => setTimeout(r, 1500));
    expect(invites()).toBe(before);
    expect(await bob.state()).not.toBe('ringing-in');
    // The page's own handler still ran for its link.
    expect(await page!.evaluate(() => (window as unknown as { __clicks: number }).__clicks)).toBe(1);
  });
});
