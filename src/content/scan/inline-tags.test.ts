// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { blockOf, isInline } from './inline-tags';

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('blockOf', () => {
  it('skips every inline ancestor up to the block', () => {
    document.body.innerHTML = '<div id="block"><p id="p">Call <a href="#"><b><span id="deep">(212)</span></b></a> 736-3100</p></div>';
    const text = document.getElementById('deep')!.firstChild!;
    expect(blockOf(text)).toBe(document.getElementById('p'));
  });

  it('is the parent for text directly in a block', () => {
    document.body.innerHTML = '<ul><li id="li">212 736 3100</li></ul>';
    const li = document.getElementById('li')!;
    expect(blockOf(li.firstChild!)).toBe(li);
  });

  it('is the nearest block for an inline element itself', () => {
    document.body.innerHTML = '<table><tr><td id="cell"><span><a id="link" href="tel:+12127363100">call</a></span></td></tr></table>';
    expect(blockOf(document.getElementById('link')!)).toBe(document.getElementById('cell'));
  });

  it('treats the host as the block for text directly under a shadow root', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const host = document.getElementById('host')!;
    const root = host.attachShadow({ mode: 'open' });
    root.append('Call 212 736 3100');
    expect(blockOf(root.firstChild!)).toBe(host);
  });

  it('treats the host as the block for text in inline elements directly under a shadow root', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const host = document.getElementById('host')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<span><b>212</b></span> 736 3100';
    expect(blockOf(root.querySelector('b')!.firstChild!)).toBe(host);
    expect(blockOf(root.lastChild!)).toBe(host);
  });

  it('stays inside the shadow tree when a block is there', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p><i>212</i> 736 3100</p>';
    expect(blockOf(root.querySelector('i')!.firstChild!)).toBe(root.querySelector('p'));
  });

  it('has no block for a detached text node', () => {
    expect(blockOf(document.createTextNode('212'))).toBeNull();
  });
});

describe('isInline', () => {
  it('knows inline tags from blocks', () => {
    expect(isInline(document.createElement('span'))).toBe(true);
    expect(isInline(document.createElement('a'))).toBe(true);
    expect(isInline(document.createElement('div'))).toBe(false);
    expect(isInline(document.createElement('br'))).toBe(false);
  });
});
