// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closestComposed, isExcluded, isSkippedSubtree } from './exclusion';

const byId = (id: string, root: ParentNode = document) => root.querySelector<HTMLElement>(`#${id}`)!;

beforeEach(() => {
  document.body.innerHTML = '';
});

afterEach(() => {
  // jsdom has no designMode of its own; the tests set it like a page would.
  Reflect.deleteProperty(document, 'designMode');
});

describe('isExcluded', () => {
  it('lets an ordinary block through', () => {
    document.body.innerHTML = '<main><p id="p">Call 212 736 3100</p></main>';
    expect(isExcluded(byId('p'))).toBe(false);
  });

  it.each(['script', 'style', 'textarea', 'select', 'option', 'noscript', 'template', 'offhook-ui'])('excludes <%s> itself', (tag) => {
    const el = document.createElement(tag);
    document.body.append(el);
    expect(isExcluded(el)).toBe(true);
  });

  it.each([
    ['a button', '<button><span><p id="p">212</p></span></button>'],
    ['svg', '<svg><foreignObject><p id="p">212</p></foreignObject></svg>'],
    ['an editable region', '<div contenteditable="true"><div><p id="p">212</p></div></div>'],
    ['an editable region (bare attribute)', '<div contenteditable><p id="p">212</p></div>'],
    ['a plain-text editable region', '<div contenteditable="plaintext-only"><p id="p">212</p></div>'],
    ['a non-editable island in an editable region', '<div contenteditable><p id="p" contenteditable="false">212</p></div>'],
    ['[hidden]', '<section hidden><p id="p">212</p></section>'],
    ['aria-hidden="true"', '<div aria-hidden="true"><p id="p">212</p></div>'],
    ["Offhook's own UI", '<offhook-ui><div><p id="p">212</p></div></offhook-ui>'],
  ])('excludes a block inside %s', (_name, html) => {
    document.body.innerHTML = html;
    expect(isExcluded(byId('p'))).toBe(true);
  });

  it.each([
    ['contenteditable="false"', '<div contenteditable="false"><p id="p">212</p></div>'],
    ['contenteditable="false" on the block', '<p id="p" contenteditable="false">212</p>'],
    ['aria-hidden="false"', '<div aria-hidden="false"><p id="p">212</p></div>'],
  ])('does not exclude a block with %s', (_name, html) => {
    document.body.innerHTML = html;
    expect(isExcluded(byId('p'))).toBe(false);
  });

  it('excludes everything while the document is in design mode', () => {
    document.body.innerHTML = '<p id="p">212</p>';
    Object.defineProperty(document, 'designMode', { value: 'on', configurable: true });
    expect(isExcluded(byId('p'))).toBe(true);
  });

  it('excludes a block the browser reports as editable', () => {
    document.body.innerHTML = '<p id="p">212</p>';
    Object.defineProperty(byId('p'), 'isContentEditable', { value: true });
    expect(isExcluded(byId('p'))).toBe(true);
  });

  it('excludes a block inside a shadow root whose host is excluded', () => {
    document.body.innerHTML = '<div hidden><div id="host"></div></div>';
    const shadow = byId('host').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="p">212</p>';
    expect(isExcluded(byId('p', shadow))).toBe(true);
  });

  it('excludes a block inside an editable region around a shadow host', () => {
    document.body.innerHTML = '<div contenteditable><div id="host"></div></div>';
    const shadow = byId('host').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="p">212</p>';
    expect(isExcluded(byId('p', shadow))).toBe(true);
  });

  it('lets a block in an ordinary shadow tree through', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const shadow = byId('host').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="p">212</p>';
    expect(isExcluded(byId('p', shadow))).toBe(false);
  });

  describe('visibility', () => {
    it('has no layout in jsdom, so without checkVisibility a block counts as visible', () => {
      document.body.innerHTML = '<p id="p">212</p>';
      expect('checkVisibility' in byId('p')).toBe(false);
      expect(isExcluded(byId('p'))).toBe(false);
    });

    it('excludes a block the browser says is invisible, asking about visibility too', () => {
      document.body.innerHTML = '<p id="p">212</p><p id="q">213</p>';
      const asked: unknown[] = [];
      Object.assign(byId('p'), {
        checkVisibility: (options: unknown) => {
          asked.push(options);
          return false;
        },
      });
      Object.assign(byId('q'), { checkVisibility: () => true });
      expect(isExcluded(byId('p'))).toBe(true);
      expect(asked).toEqual([{ visibilityProperty: true }]);
      expect(isExcluded(byId('q'))).toBe(false);
    });
  });
});

describe('closestComposed', () => {
  it('finds the element itself or its light DOM ancestor', () => {
    document.body.innerHTML = '<section id="s" class="x"><p id="p" class="y">212</p></section>';
    expect(closestComposed(byId('p'), '.y')).toBe(byId('p'));
    expect(closestComposed(byId('p'), '.x')).toBe(byId('s'));
    expect(closestComposed(byId('p'), '.z')).toBeNull();
  });

  it('continues from a shadow root to its host, through nested roots', () => {
    document.body.innerHTML = '<article class="x"><div id="outer"></div></article>';
    const outer = byId('outer').attachShadow({ mode: 'open' });
    outer.innerHTML = '<div class="y"><div id="inner"></div></div>';
    const inner = byId('inner', outer).attachShadow({ mode: 'open' });
    inner.innerHTML = '<p id="p">212</p>';
    const p = byId('p', inner);
    expect(closestComposed(p, '.y')).toBe(outer.querySelector('.y'));
    expect(closestComposed(p, '.x')).toBe(document.querySelector('article'));
    expect(closestComposed(p, '#inner')).toBe(byId('inner', outer));
    expect(closestComposed(p, '.z')).toBeNull();
  });
});

describe('isSkippedSubtree', () => {
  it('skips what is never visible text, and nothing else', () => {
    for (const tag of ['script', 'style', 'textarea', 'input', 'select', 'option', 'template', 'noscript', 'offhook-ui'])
      expect(isSkippedSubtree(document.createElement(tag))).toBe(true);
    for (const tag of ['p', 'span', 'a', 'div', 'button']) expect(isSkippedSubtree(document.createElement(tag))).toBe(false);
  });
});
