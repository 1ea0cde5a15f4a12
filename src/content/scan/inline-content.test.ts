// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { elementsInside, INSIDE_FOR_PROBE, INSIDE_FOR_SCANNER } from './inline-content';

describe('elementsInside', () => {
  const block = () => {
    document.body.innerHTML =
      '<p>Call <b>now</b>: <span id="s">desk</span>, <a id="t" href=" TEL:+14155550100">night</a>, ' +
      '<a href="/about">about</a>, <em id="l" lang="de-AT">Wien</em> <img src="x.png"><br><i>today</i></p>';
    return document.querySelector('p')!;
  };
  const ids = (list: ArrayLike<Element>) => Array.from(list, (e) => e.id);

  it('hands the engine only what may hold a shadow root or a call link, not every inline element', () => {
    expect(ids(elementsInside(block(), INSIDE_FOR_SCANNER))).toEqual(['s', 't']);
  });

  it('hands the loader’s probe every lang as well', () => {
    expect(ids(elementsInside(block(), INSIDE_FOR_PROBE))).toEqual(['s', 't', 'l']);
  });

  it('asks nothing of a block with no element inside', () => {
    document.body.innerHTML = '<p>Just text +1 415 555 0100</p>';
    expect(elementsInside(document.querySelector('p')!, INSIDE_FOR_SCANNER)).toHaveLength(0);
  });
});
