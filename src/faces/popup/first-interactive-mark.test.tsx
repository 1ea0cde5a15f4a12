// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { FIRST_INTERACTIVE_MARK, useFirstInteractiveMark } from './first-interactive-mark';

describe('useFirstInteractiveMark', () => {
  it('marks once, in the first render that shows a known state, with that render in the DOM', () => {
    const root = document.createElement('div');
    // Each mark notes what the DOM held when it was set.
    const marks: { name: string; dom: string }[] = [];
    const timing = {
      mark: (name: string) => void marks.push({ name, dom: root.innerHTML }),
      getEntriesByName: (name: string) => marks.filter((m) => m.name === name),
    } as unknown as Pick<Performance, 'mark' | 'getEntriesByName'>;
    function Status({ state }: { state: string }) {
      useFirstInteractiveMark(state, timing);
      return <p class="status" data-state={state} />;
    }

    render(<Status state="loading" />, root);
    expect(marks).toEqual([]);
    render(<Status state="registered" />, root);
    expect(marks).toEqual([{ name: FIRST_INTERACTIVE_MARK, dom: '<p class="status" data-state="registered"></p>' }]);
    render(<Status state="failed" />, root);
    render(<Status state="registered" />, root);
    expect(marks).toHaveLength(1);
  });
});
