// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallCard } from './call-card';
import type { FoundNumber } from '../scan/found-number';

const found = { tel: 'tel:+14155550142', formatted: '+1 415-555-0142', kind: 'mobile' } as unknown as FoundNumber;
const anchor = { top: 10, left: 10, right: 100, bottom: 30, width: 90, height: 20 } as DOMRect;

/** The card inside the closed root, captured as the browser creates it. */
function openCard(): { card: CallCard; inner: () => HTMLElement } {
  let root: ShadowRoot | undefined;
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    root = attach.call(this, init);
    return root;
  });
  const card = new CallCard(document, () => undefined);
  return { card, inner: () => root!.querySelector('.card') as HTMLElement };
}

afterEach(() => {
  vi.restoreAllMocks();
  document.documentElement.querySelectorAll('offhook-ui').forEach((e) => e.remove());
});

describe('CallCard without the Popover API', () => {
  it('shows and hides the card with `hidden`', () => {
    const { card, inner } = openCard();
    expect(typeof (HTMLElement.prototype as { showPopover?: unknown }).showPopover).not.toBe('function');
    card.show(found, anchor);
    expect(inner().hidden).toBe(false);
    expect(inner().hasAttribute('popover')).toBe(false);
    card.hide();
    expect(inner().hidden).toBe(true);
  });
});

describe('CallCard with the Popover API', () => {
  it('uses the top layer', () => {
    const shown = vi.fn();
    const hidden = vi.fn();
    let open = false;
    Object.assign(HTMLElement.prototype, {
      showPopover(this: HTMLElement) {
        open = true;
        shown();
      },
      hidePopover() {
        open = false;
        hidden();
      },
    });
    const matches = Element.prototype.matches;
    vi.spyOn(Element.prototype, 'matches').mockImplementation(function (this: Element, s: string) {
      return s === ':popover-open' ? open : matches.call(this, s);
    });
    try {
      const { card, inner } = openCard();
      card.show(found, anchor);
      expect(shown).toHaveBeenCalledOnce();
      expect(inner().hidden).toBe(false);
      card.hide();
      expect(hidden).toHaveBeenCalledOnce();
    } finally {
      delete (HTMLElement.prototype as { showPopover?: unknown }).showPopover;
      delete (HTMLElement.prototype as { hidePopover?: unknown }).hidePopover;
    }
  });
});
