import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FoundNumber } from '../scan/found-number';
import { FLUSH_MS, Highlighter } from './highlighter';

/** A window with just what Highlighter uses of the Custom Highlight API; `added` records
 * each range as the browser's highlight receives it. */
function fakeDocument() {
  const added: unknown[] = [];
  const deleted: unknown[] = [];
  class FakeHighlight extends Set<unknown> {
    override add(range: unknown) {
      added.push(range);
      return super.add(range);
    }
    override delete(range: unknown) {
      deleted.push(range);
      return super.delete(range);
    }
  }
  const win = {
    CSS: { highlights: new Map<string, unknown>() },
    Highlight: FakeHighlight,
    CSSStyleSheet: class {
      replaceSync() {}
    },
  };
  return { doc: { defaultView: win } as unknown as Document, added, deleted };
}

const found = (name: string) => ({ tel: name, range: { name } }) as unknown as FoundNumber;

describe('Highlighter (marks of one piece of work added together)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('adds everything waiting at once on flush, and nothing before', () => {
    const { doc, added } = fakeDocument();
    const marks = new Highlighter(doc);
    const [a, b, c] = [found('a'), found('b'), found('c')];
    marks.add([a]);
    marks.add([b, c]);
    expect(added).toEqual([]);
    marks.flush();
    expect(added).toEqual([a.range, b.range, c.range]);
    marks.add([a]);
    marks.flush();
    expect(added).toHaveLength(4);
  });

  it(`adds what waits at the latest ${FLUSH_MS} ms after the first mark`, () => {
    const { doc, added } = fakeDocument();
    const marks = new Highlighter(doc);
    const a = found('a');
    marks.add([a]);
    vi.advanceTimersByTime(FLUSH_MS - 1);
    expect(added).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(added).toEqual([a.range]);
  });

  it('never adds a mark removed while it waited, and removes marks already shown at once', () => {
    const { doc, added, deleted } = fakeDocument();
    const marks = new Highlighter(doc);
    const [a, b] = [found('a'), found('b')];
    marks.add([a]);
    marks.flush();
    marks.add([b]);
    marks.remove([a, b]);
    expect(deleted).toEqual([a.range]);
    marks.flush();
    expect(added).toEqual([a.range]);
  });

  it('adds nothing on flush when everything waiting was removed (a stop mid-rescan)', () => {
    const { doc, added } = fakeDocument();
    const marks = new Highlighter(doc);
    const a = found('a');
    marks.add([a]);
    marks.remove([a]);
    marks.flush();
    expect(added).toEqual([]);
  });
});
