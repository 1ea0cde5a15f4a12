// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { compareComposed } from './document-order';

const $ = (id: string, root: ParentNode = document) => root.querySelector(`#${id}`)!;

/** Shuffles deterministically (reversed, then odd/even interleaved) so sort has work to do. */
function scrambled<T>(items: T[]): T[] {
  const reversed = [...items].reverse();
  return [...reversed.filter((_, i) => i % 2), ...reversed.filter((_, i) => !(i % 2))];
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('compareComposed', () => {
  it('orders light DOM nodes as they are read', () => {
    document.body.innerHTML = '<p id="a">one</p><div id="b"><span id="c">two</span></div><p id="d">three</p>';
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => $(id));
    expect(compareComposed(a!, d!)).toBeLessThan(0);
    expect(compareComposed(d!, a!)).toBeGreaterThan(0);
    expect(compareComposed(a!, a!)).toBe(0);
    // An ancestor comes before what it contains.
    expect(compareComposed(b!, c!)).toBeLessThan(0);
    expect(compareComposed(c!, b!)).toBeGreaterThan(0);
    // Text nodes too.
    expect(compareComposed(a!.firstChild!, c!.firstChild!)).toBeLessThan(0);
  });

  it('sorts a node in a shadow tree where its host is', () => {
    document.body.innerHTML = '<p id="before">x</p><div id="host"><span id="slotted">light child</span></div><p id="after">y</p>';
    const host = $('host');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="inside">in</p><p id="inside2">in too</p>';
    const before = $('before');
    const after = $('after');
    const inside = $('inside', shadow);
    const inside2 = $('inside2', shadow);

    expect(compareComposed(inside, after)).toBeLessThan(0);
    expect(compareComposed(after, inside)).toBeGreaterThan(0);
    expect(compareComposed(before, inside)).toBeLessThan(0);
    expect(compareComposed(inside, before)).toBeGreaterThan(0);
    // Within the shadow tree, its own order.
    expect(compareComposed(inside, inside2)).toBeLessThan(0);
    expect(compareComposed(inside2.firstChild!, inside.firstChild!)).toBeGreaterThan(0);
    // The host comes before its shadow content.
    expect(compareComposed(host, inside)).toBeLessThan(0);
    expect(compareComposed(inside, host)).toBeGreaterThan(0);

    const order = [before, host, inside, inside2, after];
    expect(scrambled(order).sort(compareComposed)).toEqual(order);
  });

  it('orders nodes in shadow trees of different hosts by their hosts', () => {
    document.body.innerHTML = '<div id="h1"></div><div id="h2"></div>';
    const s1 = $('h1').attachShadow({ mode: 'open' });
    const s2 = $('h2').attachShadow({ mode: 'open' });
    s1.innerHTML = '<p><b id="x">1</b></p>';
    s2.innerHTML = '<p id="y">2</p>';
    expect(compareComposed($('x', s1), $('y', s2))).toBeLessThan(0);
    expect(compareComposed($('y', s2), $('x', s1))).toBeGreaterThan(0);
  });

  it('handles nested shadow roots', () => {
    document.body.innerHTML = '<p id="start">s</p><div id="outer"></div><p id="end">e</p>';
    const outer = $('outer').attachShadow({ mode: 'open' });
    outer.innerHTML = '<p id="o1">o1</p><div id="inner"></div><p id="o2">o2</p>';
    const inner = $('inner', outer).attachShadow({ mode: 'open' });
    inner.innerHTML = '<p id="deep">deep</p><p id="deeper">deeper</p>';

    const start = $('start');
    const end = $('end');
    const o1 = $('o1', outer);
    const o2 = $('o2', outer);
    const deep = $('deep', inner);
    const deeper = $('deeper', inner);

    expect(compareComposed(deep, o2)).toBeLessThan(0);
    expect(compareComposed(o1, deep)).toBeLessThan(0);
    expect(compareComposed(deep, end)).toBeLessThan(0);
    expect(compareComposed(start, deep)).toBeLessThan(0);
    expect(compareComposed(deeper.firstChild!, deep.firstChild!)).toBeGreaterThan(0);

    const order = [start, o1, deep, deeper, o2, end];
    expect(scrambled(order).sort(compareComposed)).toEqual(order);
  });
});
