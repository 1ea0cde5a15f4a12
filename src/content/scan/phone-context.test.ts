// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { isPhoneContext } from './phone-context';

const byId = (id: string) => document.getElementById(id)!;

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('isPhoneContext', () => {
  it('is true in an address block, an element marked as a telephone, and beside a tel: link', () => {
    document.body.innerHTML = `
      <address><p id="a">Front desk 3125550148</p></address>
      <div itemprop="telephone" id="b">3125550148</div>
      <div class="vcard"><span class="tel" id="c">3125550148</span></div>
      <p id="d">Ring 3125550148 or <a href="TEL:+13125550177">the hotline</a></p>`;
    for (const id of ['a', 'b', 'c', 'd']) expect(isPhoneContext(byId(id)), id).toBe(true);
  });

  it('is false for an ordinary paragraph', () => {
    document.body.innerHTML = '<main><p id="p">Order 3125550148 shipped</p><a href="https://example.com">x</a></main>';
    expect(isPhoneContext(byId('p'))).toBe(false);
  });
});
