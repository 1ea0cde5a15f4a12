// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CandidateProbe } from './candidate-probe';
import { TimeSlicer } from './time-slicer';

const look = (root: Node = document) => new CandidateProbe().walk(root, new TimeSlicer(1000));

/** Every node the first TreeWalker created from now on hands out, in order. (jsdom uses
 * walkers of its own inside some DOM methods; those come later.) */
function walkedNodes(): Node[] {
  const visited: Node[] = [];
  const create = Document.prototype.createTreeWalker;
  let first = true;
  vi.spyOn(Document.prototype, 'createTreeWalker').mockImplementation(function (this: Document, ...args: Parameters<Document['createTreeWalker']>) {
    const walker = create.apply(this, args);
    if (!first) return walker;
    first = false;
    for (const step of ['nextNode', 'nextSibling', 'parentNode'] as const) {
      const move = walker[step].bind(walker);
      walker[step] = () => {
        const node = move();
        if (node && step !== 'parentNode') visited.push(node);
        return node;
      };
    }
    return walker;
  });
  return visited;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('CandidateProbe', () => {
  it('says no to a page with no number: prose, dates, scripts and fields', async () => {
    document.body.innerHTML = `<h1>Release notes</h1><p>Version 2.4, released 22.11.2026 at 14:30.</p>
      <script>var id = 4155550100;</script><textarea>+1 415-555-0177</textarea><style>.a{width:4155550100px}</style>`;
    expect(await look()).toBe(false);
  });

  it('says yes to a number, a number split over inline elements, and a call link', async () => {
    document.body.innerHTML = '<p>Call +1 415-555-0100</p>';
    expect(await look()).toBe(true);
    document.body.innerHTML = '<p><span>+49</span><span>30</span><span>9018</span><span>20</span></p>';
    expect(await look()).toBe(true);
    document.body.innerHTML = '<p><a href=" TEL:help">Call us</a></p>';
    expect(await look()).toBe(true);
  });

  it('does not join digits across blocks', async () => {
    document.body.innerHTML = '<p>Page 12</p><p>34 items</p><p>5 left</p>';
    expect(await look()).toBe(false);
  });

  it('looks inside open shadow roots and remembers them; notes custom elements not upgraded', async () => {
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>+44 20 7946 0958</p>';
    document.body.append(host, document.createElement('late-card'));
    const probe = new CandidateProbe();
    expect(await probe.walk(document, new TimeSlicer(1000))).toBe(true);
    expect(probe.shadowRoots).toEqual([host.shadowRoot]);
    expect([...probe.notYetUpgraded].map((e) => e.localName)).toEqual(['late-card']);
  });

  it('judges changes with the text of their block, reading each block once', async () => {
    document.body.innerHTML = '<p id="p">+49 30 <span id="s"></span></p><div id="d"></div>';
    const probe = new CandidateProbe();
    const span = document.getElementById('s')!;
    const slicer = new TimeSlicer(1000);
    expect(await probe.changed([span], slicer)).toBe(false);
    span.textContent = '901820';
    expect(await probe.changed([span.firstChild!], slicer)).toBe(true);
    // An added subtree is walked; a detached node is skipped.
    const row = document.createElement('section');
    row.innerHTML = '<p>Call +1 415-555-0100</p>';
    expect(await probe.changed([document.createElement('p')], slicer)).toBe(false);
    document.getElementById('d')!.append(row);
    expect(await probe.changed([row], slicer)).toBe(true);
  });
});

describe('CandidateProbe, reading text', () => {
  it('judges a block of inline text by its textContent, not by a string per text node', async () => {
    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => `<p><span>Room ${i}</span> <b>is on floor</b> <i>two</i></p>`).join('')
      + '<p><span>Call</span> <b>+49 30</b> <i>901820</i></p>';
    const data = vi.spyOn(CharacterData.prototype, 'data', 'get');
    try {
      expect(await look()).toBe(true);
      expect(data).not.toHaveBeenCalled();
    } finally {
      data.mockRestore();
    }
  });

  it('passes the text nodes of such a block by, unvisited, yet looks at its elements', async () => {
    document.body.innerHTML = Array.from({ length: 20 }, (_, i) => `<p>Room <b>${i}</b> is on floor <i>two</i></p>`).join('');
    const visited = walkedNodes();
    try {
      expect(await look()).toBe(false);
      expect(visited.filter((n) => n.nodeType === Node.TEXT_NODE || n.parentElement?.localName === 'p')).toEqual([]);
      expect(visited.filter((n) => n.nodeName === 'P')).toHaveLength(20);
    } finally {
      vi.restoreAllMocks();
    }
    // A span inside such a block may host an open shadow root, or be a call link, or carry a lang.
    document.body.innerHTML = '<p>Our desk: <span id="h"></span> any day</p>';
    const host = document.getElementById('h')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<b>+44 20 7946 0958</b>';
    const probe = new CandidateProbe();
    expect(await probe.walk(document, new TimeSlicer(1000))).toBe(true);
    expect(probe.shadowRoots).toEqual([host.shadowRoot]);
    document.body.innerHTML = '<p>Write or <a href="sip:desk@example.org">ring the desk</a>.</p>';
    expect(await look()).toBe(true);
    const de = new CandidateProbe();
    de.setRegions(['US']);
    document.body.innerHTML = '<p>Wien: <span lang="de-AT">01 588 34</span></p>';
    // The lang is met only after the block's text was judged: it lowers the bar for later text.
    await de.walk(document, new TimeSlicer(1000));
    expect(de.fewest).toBeLessThan(10);
    // On any inline element, not only a span.
    const onEm = new CandidateProbe();
    onEm.setRegions(['US']);
    document.body.innerHTML = '<p>Wien: <em lang="de-AT">01 588 34</em></p>';
    await onEm.walk(document, new TimeSlicer(1000));
    expect(onEm.fewest).toBeLessThan(10);
  });

  it('looks through a block of thousands of inline elements in slices, and still finds its call link', async () => {
    const words = Array.from({ length: 3000 }, (_, i) => `<span>word ${i % 7}</span>`).join(' ');
    document.body.innerHTML = `<p>${words} <a href="tel:+14155550100">Call us</a></p>`;
    let yields = 0;
    const slicer = { shouldYield: () => true, yield: async () => void yields++ } as unknown as TimeSlicer;
    expect(await new CandidateProbe().walk(document, slicer)).toBe(true);
    // Every 256 elements it looked at the clock, and the clock always said "enough".
    expect(yields).toBeGreaterThanOrEqual(10);
  });

  it('still reads node by node around nested blocks, and finds a number split over inline elements there', async () => {
    document.body.innerHTML = '<div><span>+49</span><span>30</span><span>9018</span><span>20</span><p>x</p></div>';
    expect(await look()).toBe(true);
  });
});

describe('CandidateProbe, the regions of the page', () => {
  const probeFor = (regions: string[]) => {
    const probe = new CandidateProbe();
    probe.setRegions(regions);
    return probe;
  };

  it('says no to runs shorter than any number of the page’s regions, yes to international ones', async () => {
    document.body.innerHTML = '<p>Kudos: <b>67379</b></p><p>Fixed in Bug 1553982</p>';
    expect(await probeFor(['US']).walk(document, new TimeSlicer(1000))).toBe(false);
    expect(await probeFor(['US', 'DE']).walk(document, new TimeSlicer(1000))).toBe(true);
    document.body.innerHTML = '<p>Kudos: 67379. Niue: +683 4002</p>';
    expect(await probeFor(['US']).walk(document, new TimeSlicer(1000))).toBe(true);
  });

  it('takes the region of every lang it meets, in shadow roots too', async () => {
    document.body.innerHTML = '<p>Fixed in Bug 1553982</p><section lang="de-DE"><p>Tel. 030 901820</p></section>';
    expect(await probeFor(['US']).walk(document, new TimeSlicer(1000))).toBe(true);
    document.body.innerHTML = '<section lang="de"><p>Tel. 030 901820</p></section>';
    expect(await probeFor(['US']).walk(document, new TimeSlicer(1000))).toBe(false);
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<div lang="de-AT"><p>Tel. 01 588 34</p></div>';
    document.body.replaceChildren(host);
    expect(await probeFor(['US']).walk(document, new TimeSlicer(1000))).toBe(true);
  });
});

describe('CandidateProbe.setRegions', () => {
  it('ignores a region nobody knows (an IP address has no country), and with none known wants five digits', async () => {
    document.body.innerHTML = '<p>Fixed in Bug 1553982</p>';
    const probe = new CandidateProbe();
    probe.setRegions([undefined, 'US']);
    expect(probe.fewest).toBe(10);
    expect(await probe.walk(document, new TimeSlicer(1000))).toBe(false);
    probe.setRegions([undefined, undefined]);
    expect(probe.fewest).toBe(5);
  });
});
