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

describe('CallCard arming', () => {
  /** The card and its button, on a clock the test moves. */
  function armedCard() {
    let root: ShadowRoot | undefined;
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
      root = attach.call(this, init);
      return root;
    });
    // jsdom cannot make a trusted event: the card's own click listener is called directly.
    let onClick: ((e: unknown) => void) | undefined;
    const listen = HTMLButtonElement.prototype.addEventListener;
    vi.spyOn(HTMLButtonElement.prototype, 'addEventListener').mockImplementation(function (this: HTMLButtonElement, type: string, l: unknown, o?: unknown) {
      if (type === 'click') onClick = l as (e: unknown) => void;
      return listen.call(this, type, l as EventListener, o as AddEventListenerOptions);
    });
    let now = 0;
    const calls: [string, boolean][] = [];
    const card = new CallCard(document, (s, confirmed) => calls.push([s.tel, confirmed]), undefined, () => now);
    const press = () =>
      onClick!({ isTrusted: true, detail: 1, clientX: 5, clientY: 5, preventDefault() {}, stopPropagation() {} });
    return { card, press, calls, tick: (ms: number) => (now += ms), button: () => root!.querySelector('button')! };
  }

  it('does nothing for a press before the card has shown the number for 400 ms', () => {
    const { card, press, calls, tick, button } = armedCard();
    card.show(found, anchor);
    expect(button().getAttribute('aria-disabled')).toBe('true');
    tick(399);
    press();
    expect(calls).toEqual([]);
    tick(1);
    press();
    expect(calls).toEqual([['tel:+14155550142', false]]);
  });

  it('starts the delay again when the card shows another number', () => {
    const { card, press, calls, tick } = armedCard();
    card.show(found, anchor);
    tick(500);
    card.show({ ...found, tel: 'tel:+19005550100' } as unknown as FoundNumber, anchor);
    press();
    expect(calls).toEqual([]);
    tick(400);
    press();
    expect(calls).toEqual([['tel:+19005550100', false]]);
  });

  it('asks with the number in full and calls as confirmed', () => {
    const { card, press, calls, tick } = armedCard();
    card.confirm({ tel: 'sip:boss@evil.example', formatted: 'boss@evil.example', kind: 'sip' }, 'Outside your phone system', anchor);
    expect(card.pinned).toBe(true);
    tick(400);
    press();
    expect(calls).toEqual([['sip:boss@evil.example', true]]);
    expect(card.pinned).toBe(false);
  });
});
