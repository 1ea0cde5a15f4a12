import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { World } from './support/world';

const tels = (numbers: { tel: string }[]) => numbers.map((n) => n.tel);
/** The marks' tint (`highlight-style.ts`), as the browser computes it. */
const MARK_TINT = 'rgba(26, 127, 55, 0.18)';

// The content script in real Chromium on fixture pages: what a person would call is found,
// what they would not is left alone, and the page itself is not touched.
describe('finding numbers on pages', () => {
  let world: World;
  beforeAll(async () => {
    world = await World.start(inject('extensionDir'));
    await world.takeWelcomePage()?.close();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('reads national numbers by the nearest lang with a region, international ones anywhere', async () => {
    const page = await world.openFixture('lang.html');
    const numbers = await world.waitForNumbers(page, (n) => n.length >= 6, 'six numbers');
    expect(numbers).toEqual([
      { tel: 'tel:+12125550147', text: '(212) 555-0147' },
      { tel: 'tel:+4930901820', text: '030 901820' },
      { tel: 'tel:+33142685300', text: '01 42 68 53 00' },
      { tel: 'tel:+442079460958', text: '020 7946 0958' },
      // lang="de" names no region: the document's en-US decides.
      { tel: 'tel:+12125550199', text: '(212) 555-0199' },
      { tel: 'tel:+61293744000', text: '+61 2 9374 4000' },
    ]);
    await page.close();
  });

  it('finds numbers in open shadow roots, nested, straight under the root (text or a call link) and attached late, not in closed ones', async () => {
    const page = await world.openFixture('shadow.html');
    const numbers = await world.waitForNumbers(page, (n) => n.length >= 6, 'six numbers incl. the late root');
    expect(tels(numbers)).toEqual(['tel:+14155550100', 'tel:+14155550104', 'tel:+14155550105', 'tel:+14155550101', 'tel:+14155550102', 'tel:+14155550103']);
    await page.close();
  });

  it('works in every frame: child, srcdoc and about:blank', async () => {
    const page = await world.openFixture('frames.html');
    await world.waitForNumbers(page, (n) => n.length === 1, 'top frame number');
    let reports: Awaited<ReturnType<World['frameReports']>> = [];
    await expect
      .poll(async () => {
        reports = await world.frameReports(page);
        return reports.flatMap((r) => tels(r.numbers)).sort();
      }, { timeout: 10_000 })
      .toEqual(['tel:+14155550110', 'tel:+14155550111', 'tel:+14155550112', 'tel:+14155550113']);
    expect(reports.find((r) => r.top)?.numbers.map(({ tel, text }) => ({ tel, text }))).toEqual([
      { tel: 'tel:+14155550110', text: '+1 415-555-0110' },
    ]);
    await page.close();
  });

  it('paints the marks in every frame and open shadow root, with no stylesheet the page can see', async () => {
    const page = await world.openFixture('frames.html');
    await expect
      .poll(async () => (await world.frameReports(page)).flatMap((r) => r.numbers).length, { timeout: 10_000 })
      .toBe(4);
    expect(page.frames()).toHaveLength(4);
    for (const frame of page.frames()) {
      // The highlight's computed style: the rule that paints it applies there (another name's does not).
      const seen = await frame.evaluate(() => {
        const p = document.querySelector('p')!;
        return {
          ours: getComputedStyle(p, '::highlight(offhook-number)').backgroundColor,
          other: getComputedStyle(p, '::highlight(someone-else)').backgroundColor,
          sheets: document.styleSheets.length,
          adopted: document.adoptedStyleSheets.length,
          marks: CSS.highlights.get('offhook-number')?.size,
        };
      });
      expect(seen, frame.url()).toEqual({ ours: MARK_TINT, other: 'rgba(0, 0, 0, 0)', sheets: 0, adopted: 0, marks: 1 });
    }
    await page.close();

    const shadow = await world.openFixture('shadow.html');
    await world.waitForNumbers(shadow, (n) => n.length >= 6, 'six numbers incl. the late root');
    const inShadow = await shadow.evaluate(() => {
      const paint = (el: Element | null | undefined) =>
        el ? getComputedStyle(el, '::highlight(offhook-number)').backgroundColor : 'no element';
      const open = document.getElementById('open-host')!.shadowRoot!;
      return {
        light: paint(document.querySelector('p')),
        open: paint(open.querySelector('p')),
        nested: paint(open.getElementById('inner-host')!.shadowRoot!.querySelector('p')),
        late: paint(document.getElementById('late-host')!.shadowRoot!.querySelector('p')),
        documentSheets: document.styleSheets.length + document.adoptedStyleSheets.length,
      };
    });
    expect(inShadow).toEqual({ light: MARK_TINT, open: MARK_TINT, nested: MARK_TINT, late: MARK_TINT, documentSheets: 0 });
    await shadow.close();
  });

  it('leaves alone what a person cannot click: fields, scripts, editable and hidden text', async () => {
    const page = await world.openFixture('excluded.html');
    await new Promise((r) => setTimeout(r, 500));
    const numbers = await world.waitForNumbers(page, (n) => n.length >= 1, 'the visible number');
    expect(numbers).toEqual([{ tel: 'tel:+14155550120', text: '+1 415-555-0120' }]);
    await page.close();
  });

  it('takes the target of tel:, callto: and sip: links, once per link', async () => {
    const page = await world.openFixture('links.html');
    const numbers = await world.waitForNumbers(page, (n) => n.length >= 5, 'five links');
    expect(numbers).toEqual([
      { tel: 'tel:+14155550130', text: 'Call us' },
      { tel: 'tel:+14155550131', text: '+1 415-555-0131' },
      { tel: 'tel:+14155550132', text: 'Sales line' },
      { tel: 'tel:+14155550133', text: 'Support' },
      { tel: 'tel:+14155550134', text: 'Front desk' },
    ]);
    await page.close();
  });

  it('reads a number split over inline elements as one, never across a line break', async () => {
    const page = await world.openFixture('split.html');
    const numbers = await world.waitForNumbers(page, (n) => n.length >= 2, 'two split numbers');
    expect(numbers).toEqual([
      { tel: 'tel:+12125550140', text: '(212) 555-0140' },
      { tel: 'tel:+442079460958', text: '+44 20 7946 0958' },
    ]);
    await page.close();
  });

  it('follows numbers appearing, changing and disappearing, touching nothing but its own host', async () => {
    const page = await world.openFixture('dynamic.html');
    await world.waitForNumbers(page, (n) => n.length === 2, 'the two initial numbers');

    await page.evaluate(() => {
      const rows = document.getElementById('rows')!;
      for (let i = 1; i <= 100; i++) {
        const tr = document.createElement('tr');
        tr.innerHTML = `<td>Row ${i}</td><td>+1 415-555-${String(1000 + i)}</td>`;
        rows.append(tr);
      }
    });
    await world.waitForNumbers(page, (n) => n.length === 102, '100 added rows');

    await page.evaluate(() => (document.getElementById('changing')!.firstChild!.textContent = 'Now: +1 415-555-0152'));
    await page.evaluate(() => document.getElementById('cell0')!.parentElement!.remove());
    const numbers = await world.waitForNumbers(
      page,
      (n) => n.length === 101 && n.some((x) => x.tel === 'tel:+14155550152'),
      'changed and removed',
    );
    expect(tels(numbers)).not.toContain('tel:+14155550151');
    expect(tels(numbers)).not.toContain('tel:+14155550150');

    type Record = { type: string; target: string; added: string[]; removed: string[]; attribute: string | null };
    const mutations = () => page.evaluate(() => (window as unknown as { __mutations: Record[] }).__mutations);
    // Up to now the page saw only its own changes: Offhook found 101 numbers without a trace.
    const before = await mutations();
    expect(before.filter((m) => m.type === 'attributes' || m.target === 'HTML' || m.added.includes('OFFHOOK-UI'))).toEqual([]);

    // Hovering a number makes the card: the only node Offhook ever adds to the page.
    await page.locator('#changing').scrollIntoViewIfNeeded();
    const box = await page.locator('#changing').boundingBox();
    await page.mouse.move(box!.x + 60, box!.y + box!.height / 2);
    await expect.poll(() => world.callButtonCentre(page)).toBeTruthy();
    const after = (await mutations()).slice(before.length);
    expect(after).toEqual([{ type: 'childList', target: 'HTML', added: ['OFFHOOK-UI'], removed: [], attribute: null }]);
    await page.close();
  });

  it('follows a single-page app to its next view without a reload', async () => {
    const page = await world.openFixture('spa.html');
    await world.waitForNumbers(page, (n) => n.length === 1, 'home number');
    await page.locator('#to-contact').click();
    const numbers = await world.waitForNumbers(page, (n) => n.length === 2, 'contact numbers');
    expect(tels(numbers)).toEqual(['tel:+14155550171', 'tel:+14155550172']);
    expect(page.url()).toContain('#contact');
    await page.close();
  });

  it('warns before calling a premium-rate number, even where the page’s metadata cannot tell', async () => {
    const page = await world.openFixture('premium.html');
    await world.waitForNumbers(page, (n) => n.length === 2, 'two numbers');
    const hover = async (selector: string) => {
      const box = await page.locator(selector).boundingBox();
      await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    };
    await hover('#premium');
    await expect.poll(() => world.cardText(page)).toContain('Premium rate: calls cost extra');
    expect(await world.cardText(page)).toContain('Call anyway');
    await hover('#landline');
    await expect.poll(() => world.cardText(page)).toMatch(/Landline.*Call$/);
    await page.close();
  });

  it('shifts no layout: the marks and the card move nothing on the page', async () => {
    // Every layout shift from the page's first frame on, as the page itself can observe it.
    const page = await world.openFixture('premium.html', {
      initScript: `(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__shifts.push(e.value);
        }).observe({ type: 'layout-shift', buffered: true });
      })()`,
    });
    await world.waitForNumbers(page, (n) => n.length === 2, 'two numbers');
    const boxes = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('body *')].map((e) => {
          const r = e.getBoundingClientRect();
          return `${e.id || e.localName} ${r.x},${r.y},${r.width},${r.height}`;
        }),
      );
    const shifts = () => page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts);
    const marked = await boxes();
    const box = await page.locator('#landline').boundingBox();
    await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect.poll(() => world.callButtonCentre(page)).toBeTruthy();
    expect(await boxes()).toEqual(marked);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await shifts()).toEqual([]);
    // The instrument works: a shift the page makes itself is seen.
    await page.evaluate(() => document.body.prepend(Object.assign(document.createElement('h1'), { textContent: 'News' })));
    await expect.poll(async () => (await shifts()).length).toBeGreaterThan(0);
    await page.close();
  });

  it('lets a framework re-render its tree without ever meeting a foreign node', async () => {
    const page = await world.openFixture('rerender.html');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await world.waitForNumbers(page, (n) => n.length === 1, 'the rendered number');
    // The paragraph is replaced every 50 ms; hover where it always is.
    const box = await page.evaluate(() => {
      const r = document.querySelector('#root p')!.getBoundingClientRect();
      return { x: r.x, y: r.y, height: r.height };
    });
    await page.mouse.move(box.x + 150, box.y + box.height / 2);
    await new Promise((r) => setTimeout(r, 1500));
    const pageErrors = await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors);
    expect(pageErrors).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
