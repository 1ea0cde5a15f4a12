import { JSDOM } from 'jsdom';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRegionResolver } from './region-resolver';

// The resolver's own logic is under test; the language and domain tables are not. A small
// faithful stand-in keeps these tests independent of the real (larger) region module.
vi.mock('../detection/region', () => ({
  regionFromLang(lang: string | null | undefined): string | undefined {
    const subtags = (lang ?? '').split(/[-_]/).slice(1);
    const region = subtags.find((s) => /^[a-z]{2}$/i.test(s));
    return region?.toUpperCase();
  },
  regionFromHostname(hostname: string): string | undefined {
    const tld = hostname.split('.').pop() ?? '';
    return /^[a-z]{2}$/i.test(tld) ? tld.toUpperCase() : undefined;
  },
}));

// A jsdom of our own in the node environment, not the jsdom test environment: its browser
// transform refuses an import it cannot resolve even when it is mocked, and the region
// module may not exist yet.
const { window } = new JSDOM('<!doctype html><html><body></body></html>');
const document = window.document;
beforeAll(() => {
  vi.stubGlobal('ShadowRoot', window.ShadowRoot);
});
afterAll(() => {
  vi.unstubAllGlobals();
  window.close();
});

const byId = (id: string, root: ParentNode = document) => root.querySelector(`#${id}`)!;
const noFallback = () => undefined;

beforeEach(() => {
  document.documentElement.setAttribute('lang', 'en-US');
  document.body.innerHTML = '';
});

afterEach(() => {
  document.documentElement.removeAttribute('lang');
});

describe('createRegionResolver', () => {
  it("uses the document's lang when nothing nearer says", () => {
    document.body.innerHTML = '<p id="p">212</p>';
    expect(createRegionResolver('example.de', noFallback)(byId('p'))).toBe('US');
  });

  it('prefers the nearest lang with a region', () => {
    document.body.innerHTML = '<section lang="de-DE"><div lang="fr-CH"><p id="ch">1</p></div><p id="de">2</p></section>';
    const regionOf = createRegionResolver('example.com', noFallback);
    expect(regionOf(byId('de'))).toBe('DE');
    expect(regionOf(byId('ch'))).toBe('CH');
  });

  it("reads the block's own lang", () => {
    document.body.innerHTML = '<p id="p" lang="en-GB">020 7946 0000</p>';
    expect(createRegionResolver('example.com', noFallback)(byId('p'))).toBe('GB');
  });

  it('skips a lang without a region in favour of an outer one with a region', () => {
    document.body.innerHTML = '<section lang="de-AT"><article lang="de"><p id="p" lang="de">1</p></article></section><div lang="de"><p id="q">2</p></div>';
    const regionOf = createRegionResolver('example.de', noFallback);
    expect(regionOf(byId('p'))).toBe('AT');
    expect(regionOf(byId('q'))).toBe('US');
  });

  it("falls back to the hostname's country-code domain when no lang has a region", () => {
    document.documentElement.setAttribute('lang', 'de');
    document.body.innerHTML = '<div lang="de"><p id="p">1</p></div>';
    expect(createRegionResolver('www.example.de', () => 'FR')(byId('p'))).toBe('DE');
  });

  it('falls back to the default when neither lang nor domain says', () => {
    document.documentElement.removeAttribute('lang');
    document.body.innerHTML = '<p id="p">1</p>';
    expect(createRegionResolver('example.com', () => 'FR')(byId('p'))).toBe('FR');
    expect(createRegionResolver('example.com', noFallback)(byId('p'))).toBeUndefined();
  });

  it('asks the fallback each time, so a changed default applies at once', () => {
    document.documentElement.removeAttribute('lang');
    document.body.innerHTML = '<p id="p">1</p>';
    let fallback = 'FR';
    const regionOf = createRegionResolver('example.com', () => fallback);
    expect(regionOf(byId('p'))).toBe('FR');
    fallback = 'IT';
    expect(regionOf(byId('p'))).toBe('IT');
  });

  describe('across shadow roots', () => {
    it("applies a lang on the host's ancestors", () => {
      document.body.innerHTML = '<section lang="de-DE"><div id="host"></div></section>';
      const shadow = byId('host').attachShadow({ mode: 'open' });
      shadow.innerHTML = '<div><p id="p">1</p></div>';
      expect(createRegionResolver('example.com', noFallback)(byId('p', shadow))).toBe('DE');
    });

    it('prefers a lang inside the shadow tree', () => {
      document.body.innerHTML = '<section lang="de-DE"><div id="host"></div></section>';
      const shadow = byId('host').attachShadow({ mode: 'open' });
      shadow.innerHTML = '<div lang="nl-BE"><p id="p">1</p></div>';
      expect(createRegionResolver('example.com', noFallback)(byId('p', shadow))).toBe('BE');
    });

    it('goes on past a region-less lang at the top of a shadow tree to the host side', () => {
      document.body.innerHTML = '<section lang="de-CH"><div id="host" lang="de"></div></section>';
      const shadow = byId('host').attachShadow({ mode: 'open' });
      shadow.innerHTML = '<div lang="de"><p id="p">1</p></div>';
      expect(createRegionResolver('example.com', noFallback)(byId('p', shadow))).toBe('CH');
    });

    it('crosses nested shadow roots', () => {
      document.body.innerHTML = '<div lang="es-MX"><div id="outer"></div></div>';
      const outer = byId('outer').attachShadow({ mode: 'open' });
      outer.innerHTML = '<div lang="es"><div id="inner"></div></div>';
      const inner = byId('inner', outer).attachShadow({ mode: 'open' });
      inner.innerHTML = '<p id="p">1</p>';
      expect(createRegionResolver('example.com', noFallback)(byId('p', inner))).toBe('MX');
    });
  });
});
