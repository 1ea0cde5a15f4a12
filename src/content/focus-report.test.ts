// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { reportFrameUse } from './focus-report';

/** jsdom cannot make trusted events: the listeners are captured and called with one. */
function captured() {
  const listeners = new Map<string, (e: Event) => void>();
  const doc = { addEventListener: (type: string, l: (e: Event) => void) => listeners.set(type, l), defaultView: { addEventListener: (type: string, l: (e: Event) => void) => listeners.set(`window:${type}`, l) } };
  const fire = (type: string, extra: object = {}) => listeners.get(type)!({ isTrusted: true, relatedTarget: undefined, ...extra } as unknown as Event);
  return { doc: doc as unknown as Document, fire };
}

describe('reporting which frame the person uses', () => {
  it('reports the first use once, and again after the pointer or the focus went elsewhere', () => {
    const { doc, fire } = captured();
    const report = vi.fn();
    const used = reportFrameUse(doc, report, new AbortController().signal);
    fire('pointermove');
    fire('pointermove');
    expect(report).toHaveBeenCalledOnce();
    expect(used.pressed).toBe(false);
    fire('pointerout', { relatedTarget: null });
    fire('pointerdown');
    expect(report).toHaveBeenCalledTimes(2);
    expect(used.pressed).toBe(true);
    fire('window:blur');
    fire('keydown');
    expect(report).toHaveBeenCalledTimes(3);
  });

  it('ignores what a script dispatches', () => {
    const { doc, fire } = captured();
    const report = vi.fn();
    const used = reportFrameUse(doc, report, new AbortController().signal);
    fire('pointerdown', { isTrusted: false });
    fire('keydown', { isTrusted: false });
    expect(report).not.toHaveBeenCalled();
    expect(used.pressed).toBe(false);
  });
});
