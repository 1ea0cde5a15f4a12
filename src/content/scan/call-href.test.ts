// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isCallLink, MAYBE_CALL_LINKS } from './call-href';

describe('call links', () => {
  it('are tel:, callto: and sip: links, whitespace around the href allowed, found by the selector', () => {
    document.body.innerHTML = `<a href="tel:+14155550130">a</a><a href=" TEL:+14155550134 ">b</a><a href="callto:+1">c</a>
      <a href="\nsip:desk@example.org">d</a><a href="https://hotel:8080/">e</a><a href="mailto:tel:1">f</a><a>g</a><span href="tel:1">h</span>`;
    const found = [...document.querySelectorAll(MAYBE_CALL_LINKS)].filter(isCallLink).map((a) => a.textContent);
    expect(found).toEqual(['a', 'b', 'c', 'd']);
  });
});
