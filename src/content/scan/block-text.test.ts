// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pointAt, readBlockText, type BlockText } from './block-text';

function block(html: string): HTMLElement {
  document.body.innerHTML = `<div id="block">${html}</div>`;
  return document.getElementById('block')!;
}

/** The text a point stands at, with a caret, for readable assertions. */
function caret(point: { node: Text; offset: number }): string {
  return `${point.node.data.slice(0, point.offset)}|${point.node.data.slice(point.offset)}`;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('readBlockText', () => {
  it('reads the inline content at the top of a host\'s open shadow root after the host\'s own text', () => {
    document.body.innerHTML = '<p id="p">Desk: <span id="host"><i>light</i></span> any day</p><div id="div"></div>';
    const host = document.getElementById('host')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<b>+1 415</b> 555-0104<p>Not ours: 555-0199</p><slot></slot>';
    const read = readBlockText(host);
    expect(read.text).toBe('light\n+1 415 555-0104\n\n');
    expect(read.nodes.map((n) => n.data)).toEqual(['light', '+1 415', ' 555-0104']);
    expect(read.starts).toEqual([0, 6, 12]);
    expect(caret(pointAt(read, 9, false))).toBe('+1 |415');
    // A host with nothing but blocks in its shadow root reads as before.
    const div = document.getElementById('div')!;
    div.textContent = 'Room 12';
    div.attachShadow({ mode: 'open' }).innerHTML = '<p>Call 555-0100</p>';
    expect(readBlockText(div).text).toBe('Room 12');
  });

  it('joins text split over inline elements', () => {
    document.body.innerHTML = '<p id="p"><b>(212)</b> 736-3100</p>';
    const read = readBlockText(document.getElementById('p')!);
    expect(read.text).toBe('(212) 736-3100');
    expect(read.nodes.map((n) => n.data)).toEqual(['(212)', ' 736-3100']);
    expect(read.starts).toEqual([0, 5]);
  });

  it('follows nested inline elements in document order', () => {
    const read = readBlockText(block('Call <a href="#"><span><em>+1</em> 212</span></a> <small>736</small>-3100 now'));
    expect(read.text).toBe('Call +1 212 736-3100 now');
    expect(read.starts).toEqual([0, 5, 7, 11, 12, 15]);
  });

  it('turns a line break into a newline', () => {
    const read = readBlockText(block('212 736<br>3100'));
    expect(read.text).toBe('212 736\n3100');
    expect(read.starts).toEqual([0, 8]);
  });

  it('turns a nested block into a newline and leaves its text out', () => {
    const read = readBlockText(block('before<div>inside <b>212</b></div>after<p>more</p>'));
    expect(read.text).toBe('before\nafter\n');
    expect(read.nodes.map((n) => n.data)).toEqual(['before', 'after']);
    expect(read.starts).toEqual([0, 7]);
  });

  it('continues after a nested block that ends an inline element', () => {
    const read = readBlockText(block('<span>a<div>x</div></span>b'));
    expect(read.text).toBe('a\nb');
  });

  it.each(['script', 'style', 'textarea', 'select', 'option', 'noscript', 'offhook-ui'])('skips a <%s> subtree', (tag) => {
    const root = block('');
    root.append('212 ');
    const skipped = document.createElement(tag);
    // A comment in both JavaScript and CSS: jsdom runs the script and parses the style.
    skipped.append('/* 999 999 9999 */');
    root.append(skipped, ' 736 3100');
    const read = readBlockText(root);
    expect(read.text).toBe('212 \n 736 3100');
    expect(read.nodes.some((n) => n.data.includes('999'))).toBe(false);
  });

  it('skips an <input> and the content of a <template>', () => {
    const root = block('212 <input value="999"> 736');
    const template = document.createElement('template');
    template.append('999 999 9999'); // a child node, not template.content
    root.append(template, ' 3100');
    expect(readBlockText(root).text).toBe('212 \n 736\n 3100');
  });

  it('skips a skipped element inside an inline one', () => {
    const read = readBlockText(block('<label>Phone <select><option>+49</option></select> 221 2210</label>'));
    expect(read.text).toBe('Phone \n 221 2210');
  });

  it('reads an empty block as empty', () => {
    expect(readBlockText(block(''))).toEqual({ text: '', nodes: [], starts: [] });
  });
});

describe('pointAt', () => {
  let read: BlockText;
  beforeEach(() => {
    // "(212)" [0,5) + " 736-3100" [5,14)
    document.body.innerHTML = '<p id="p"><b>(212)</b> 736-3100</p>';
    read = readBlockText(document.getElementById('p')!);
  });

  it('finds the node and offset inside a node', () => {
    expect(caret(pointAt(read, 2, false))).toBe('(2|12)');
    expect(caret(pointAt(read, 8, true))).toBe(' 73|6-3100');
  });

  it('puts a start at a boundary into the later node', () => {
    const start = pointAt(read, 5, false);
    expect(start.node).toBe(read.nodes[1]);
    expect(start.offset).toBe(0);
  });

  it('puts an end at a boundary into the earlier node', () => {
    const end = pointAt(read, 5, true);
    expect(end.node).toBe(read.nodes[0]);
    expect(end.offset).toBe(5);
  });

  it('maps the very start and end of the text', () => {
    expect(pointAt(read, 0, false)).toEqual({ node: read.nodes[0], offset: 0 });
    expect(pointAt(read, 0, true)).toEqual({ node: read.nodes[0], offset: 0 });
    expect(pointAt(read, 14, true)).toEqual({ node: read.nodes[1], offset: 9 });
  });

  it('clamps offsets beyond the text', () => {
    expect(pointAt(read, 99, true)).toEqual({ node: read.nodes[1], offset: 9 });
    expect(pointAt(read, -3, false)).toEqual({ node: read.nodes[0], offset: 0 });
  });

  it('clamps a point on a newline to the end of the node before it', () => {
    read = readBlockText(block('212<br>736'));
    // "212\n736": 3 is the newline
    expect(pointAt(read, 3, true)).toEqual({ node: read.nodes[0], offset: 3 });
    expect(pointAt(read, 4, true)).toEqual({ node: read.nodes[0], offset: 3 });
    expect(pointAt(read, 4, false)).toEqual({ node: read.nodes[1], offset: 0 });
  });

  it('skips empty text nodes at a boundary', () => {
    const root = block('');
    root.append('212', '', '736');
    read = readBlockText(root);
    expect(read.starts).toEqual([0, 3, 3]);
    expect(pointAt(read, 3, false)).toEqual({ node: read.nodes[2], offset: 0 });
    expect(pointAt(read, 3, true)).toEqual({ node: read.nodes[0], offset: 3 });
  });

  it('finds the right node among many', () => {
    const root = block('');
    for (let i = 0; i < 20; i++) root.append(`${i}`.padStart(2, '0'));
    read = readBlockText(root);
    for (let i = 0; i < 20; i++) {
      expect(pointAt(read, i * 2 + 1, false)).toEqual({ node: read.nodes[i], offset: 1 });
      expect(pointAt(read, i * 2 + 2, true)).toEqual({ node: read.nodes[i], offset: 2 });
    }
  });
});

describe('hidden inline text', () => {
  it('is left out, so it never joins the digits around it', () => {
    document.body.innerHTML = '<p id="p">Call <span hidden>999</span> 555-0100 <b aria-hidden="true">12</b>now</p>';
    expect(readBlockText(document.getElementById('p')!).text).toBe('Call  555-0100 now');
  });
});

describe('readBlockText on a plain block', () => {
  const read = (el: Element) => {
    const data = vi.spyOn(CharacterData.prototype, 'data', 'get');
    try {
      return { read: readBlockText(el), dataReads: data.mock.calls.length };
    } finally {
      data.mockRestore();
    }
  };

  it('reads the block in one string, not a string per text node, and maps the same offsets', () => {
    const { read: plain, dataReads } = read(block('Call <a href="#"><span><em>+1</em> 212</span></a> <small>736</small>-3100 now'));
    expect(dataReads).toBe(0);
    expect(plain.text).toBe('Call +1 212 736-3100 now');
    expect(plain.starts).toEqual([0, 5, 7, 11, 12, 15]);
    expect(caret(pointAt(plain, 8, false))).toBe(' |212');
  });

  it('reads node by node where a line break, a nested block or hidden text changes the text', () => {
    for (const html of ['212 736<br>3100', '212<p>x</p>736', '212 <span hidden>9</span>736', '212 <b aria-hidden="true">9</b>736']) {
      expect(read(block(html)).dataReads).toBeGreaterThan(0);
    }
  });
});
