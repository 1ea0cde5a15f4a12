// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MutationBatcher, type DirtyWork } from './mutation-batcher';

const DELAY = 30;
const byId = (id: string, root: ParentNode = document) => root.querySelector<HTMLElement>(`#${id}`)!;

let controller: AbortController;
let handled: DirtyWork[];
let ui: Element | null;
let batcher: MutationBatcher;

function start(): MutationBatcher {
  batcher = new MutationBatcher(() => ui, (work) => handled.push(work), controller.signal, DELAY);
  batcher.observe(document);
  return batcher;
}

/** Lets the observer deliver its records, then the batch delay pass. */
async function settle(ms = DELAY): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

function only(): DirtyWork {
  expect(handled).toHaveLength(1);
  return handled[0]!;
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.innerHTML = '';
  controller = new AbortController();
  handled = [];
  ui = null;
});

afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

describe('MutationBatcher', () => {
  it("reports a text change as its block, after the delay", async () => {
    document.body.innerHTML = '<p id="p">Call <b id="b">212</b> 736 3100</p>';
    start();
    byId('b').firstChild!.textContent = '213';
    await settle(DELAY - 1);
    expect(handled).toEqual([]);
    await settle(1);
    const work = only();
    expect([...work.blocks]).toEqual([byId('p')]);
    expect(work.subtrees.size).toBe(0);
    expect(work.flood).toBe(false);
  });

  it('coalesces a burst of changes into one batch', async () => {
    document.body.innerHTML = '<p id="p">212</p><p id="q">736</p>';
    start();
    (byId('p').firstChild as Text).data = '213';
    await settle(10);
    (byId('q').firstChild as Text).data = '737';
    (byId('p').firstChild as Text).data = '214';
    await settle();
    expect(only().blocks).toEqual(new Set([byId('p'), byId('q')]));
  });

  it('starts a new batch after one was handled', async () => {
    document.body.innerHTML = '<p id="p">212</p>';
    start();
    (byId('p').firstChild as Text).data = '213';
    await settle();
    (byId('p').firstChild as Text).data = '214';
    await settle();
    expect(handled).toHaveLength(2);
    expect(handled[1]!.blocks).toEqual(new Set([byId('p')]));
  });

  it('reports children changed in an inline element as the block around it', async () => {
    document.body.innerHTML = '<div id="d"><p id="p">Call <span><b id="b">212</b></span></p></div>';
    start();
    byId('b').append(' 736 3100');
    await settle();
    const work = only();
    expect([...work.blocks]).toEqual([byId('p')]);
    expect(work.subtrees.size).toBe(0);
  });

  it('reports children changed in a block as that block', async () => {
    document.body.innerHTML = '<p id="p">Call</p>';
    start();
    byId('p').append(' 212 736 3100');
    await settle();
    expect([...only().blocks]).toEqual([byId('p')]);
  });

  it('collects added elements as subtrees to walk', async () => {
    document.body.innerHTML = '<main id="m"></main>';
    start();
    const added = document.createElement('section');
    added.innerHTML = '<p>Call 212 736 3100</p>';
    byId('m').append(added, 'a text node is no subtree');
    await settle();
    const work = only();
    expect([...work.subtrees]).toEqual([added]);
    expect([...work.blocks]).toEqual([byId('m')]);
  });

  it('walks appended rows as subtrees without re-reading the table they join', async () => {
    document.body.innerHTML = '<table><tbody id="t"><tr><td>+1 415-555-0100</td></tr></tbody></table>';
    start();
    const row = document.createElement('tr');
    row.innerHTML = '<td>+1 415-555-0101</td>';
    byId('t').append(row);
    await settle();
    const work = only();
    expect([...work.subtrees]).toEqual([row]);
    expect(work.blocks.size).toBe(0);
  });

  it('re-reads the block when a child is removed or inline text is added', async () => {
    document.body.innerHTML = '<p id="p">Call <b id="b">212</b><br></p>';
    start();
    byId('p').querySelector('br')!.remove();
    byId('p').append(document.createElement('i'));
    await settle();
    expect([...only().blocks]).toEqual([byId('p')]);
  });

  it('keeps only the outermost of nested added subtrees', async () => {
    document.body.innerHTML = '<main id="m"></main>';
    start();
    const outer = document.createElement('section');
    const sibling = document.createElement('aside');
    byId('m').append(outer, sibling);
    const middle = document.createElement('div');
    outer.append(middle);
    const inner = document.createElement('p');
    middle.append(inner);
    await settle();
    expect(only().subtrees).toEqual(new Set([outer, sibling]));
  });

  it('reports a watched attribute change as a subtree, and on an inline element also its block', async () => {
    document.body.innerHTML = '<section id="s" hidden>212</section><p id="p">Call <a id="a" href="tel:1">us</a></p>';
    start();
    byId('s').removeAttribute('hidden');
    byId('a').setAttribute('href', 'tel:+12127363100');
    await settle();
    const work = only();
    expect(work.subtrees).toEqual(new Set([byId('s'), byId('a')]));
    expect(work.blocks).toEqual(new Set([byId('p')]));
  });

  it('ignores attributes it does not care about', async () => {
    document.body.innerHTML = '<p id="p">212</p>';
    start();
    byId('p').className = 'x';
    byId('p').setAttribute('data-x', '1');
    await settle();
    expect(handled).toEqual([]);
  });

  it('ignores new children of a skipped element', async () => {
    document.body.innerHTML = '<textarea id="t"></textarea>';
    start();
    byId('t').textContent = '212 736 3100';
    await settle();
    expect(handled).toEqual([]);
  });

  it("ignores changes inside Offhook's own UI, and the UI being added", async () => {
    const own = document.createElement('offhook-ui');
    own.innerHTML = '<div id="card"><span id="num">212</span></div>';
    ui = own;
    start();
    document.documentElement.append(own);
    await settle();
    // <html> gained a child, but its own text did not change and the UI itself is not walked.
    expect(handled).toEqual([]);

    byId('num').firstChild!.textContent = '213';
    byId('card').append(document.createElement('p'));
    own.setAttribute('hidden', '');
    await settle();
    expect(handled).toEqual([]);
    own.remove();
  });

  it('reports a change directly under a shadow root as its host', async () => {
    document.body.innerHTML = '<div id="host"></div>';
    const shadow = byId('host').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="p">212</p>';
    start().observe(shadow);
    shadow.append('Call 212 736 3100');
    (byId('p', shadow).firstChild as Text).data = '213';
    await settle();
    expect(only().blocks).toEqual(new Set([byId('host'), byId('p', shadow)]));
  });

  describe('flood', () => {
    function addMany(count: number): void {
      const fragment = document.createDocumentFragment();
      for (let i = 0; i < count; i++) fragment.append(document.createElement('div'));
      byId('m').append(fragment);
    }

    beforeEach(() => {
      document.body.innerHTML = '<main id="m"></main>';
    });

    it('is no flood at 2000 dirty items', async () => {
      start();
      addMany(2000); // blocks only: the parent's own text did not change
      await settle();
      const work = only();
      expect(work.flood).toBe(false);
      expect(work.subtrees.size + work.blocks.size).toBe(2000);
    });

    it('becomes a flood above 2000 dirty items', async () => {
      start();
      addMany(2001);
      await settle();
      expect(only().flood).toBe(true);
    });

    it('becomes a flood over several records of one burst, and the next batch starts clean', async () => {
      start();
      for (let i = 0; i < 1500; i++) byId('m').append(document.createElement('p'));
      await settle(5);
      for (let i = 0; i < 600; i++) byId('m').append(document.createElement('p'));
      await settle();
      expect(only().flood).toBe(true);

      (byId('m').firstChild as Element).append('212');
      await settle();
      expect(handled).toHaveLength(2);
      expect(handled[1]!.flood).toBe(false);
      expect(handled[1]!.blocks.size).toBe(1);
    });
  });

  describe('abort', () => {
    it('stops observing: later changes are never reported', async () => {
      document.body.innerHTML = '<p id="p">212</p>';
      start();
      controller.abort();
      (byId('p').firstChild as Text).data = '213';
      byId('p').append(document.createElement('b'));
      await settle(DELAY * 10);
      expect(handled).toEqual([]);
    });

    it('drops a batch that was waiting', async () => {
      document.body.innerHTML = '<p id="p">212</p>';
      start();
      (byId('p').firstChild as Text).data = '213';
      await settle(5);
      controller.abort();
      await settle(DELAY * 10);
      expect(handled).toEqual([]);
    });

    it('does not start observing a root once aborted', async () => {
      document.body.innerHTML = '<div id="host"></div>';
      const shadow = byId('host').attachShadow({ mode: 'open' });
      start();
      controller.abort();
      batcher.observe(shadow);
      shadow.append('212');
      await settle(DELAY * 10);
      expect(handled).toEqual([]);
    });
  });
});
