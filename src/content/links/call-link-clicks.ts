import { parseCallLink, type CallLinkTarget } from '../../detection/call-link';
import { linkDoubt, type LinkDoubt } from './link-doubt';

export type { LinkDoubt };

/** A call link a person clicked, and where it is (for the card that may ask first). */
export interface ClickedLink {
  target: CallLinkTarget;
  anchor: DOMRect;
}

/** A link whose href changed this recently before the click is not dialled without asking. */
export const HREF_SETTLE_MS = 1000;

/**
 * Routes a person's clicks on tel:/callto:/sip: links to Offhook instead of the operating
 * system. Only the default action is prevented: the page's own handlers still run.
 *
 * A trusted click is not enough: the page decides what is under the pointer. So Offhook
 * dials at once only a link that was under the pointer, really visible, when it was pressed
 * and when it was released, with the same href, unchanged for a moment before; and not in a
 * frame of another site. Anything else is `ask`ed about on Offhook's own card.
 */
export function interceptCallLinks(
  doc: Document,
  options: {
    enabled: () => boolean;
    region: (el: Element) => string | undefined;
    call: (link: ClickedLink) => void;
    ask: (link: ClickedLink, doubt: LinkDoubt) => void;
  },
  signal: AbortSignal,
): void {
  const hrefChanged = new WeakMap<Element, number>();
  const observer = new MutationObserver((records) => noteChanges(records, hrefChanged));
  observer.observe(doc, { subtree: true, attributes: true, attributeFilter: ['href'] });
  signal.addEventListener('abort', () => observer.disconnect());
  let pressed: { link: HTMLAnchorElement; href: string } | undefined;

  const linkIn = (event: Event) =>
    event.composedPath().find((t): t is HTMLAnchorElement => t instanceof HTMLAnchorElement && t.hasAttribute('href'));
  const visibility = watchVisibility(doc, signal);
  // The link the pointer (or the keyboard focus) is on is watched, so its visibility is known
  // by the time it is clicked.
  const watch = (event: Event) => {
    const link = event.isTrusted ? linkIn(event) : undefined;
    if (link) visibility.watch(link);
  };
  doc.addEventListener('pointerover', watch, { capture: true, passive: true, signal });
  doc.addEventListener('focusin', watch, { capture: true, passive: true, signal });

  doc.addEventListener(
    'pointerdown',
    (event) => {
      const link = event.isTrusted ? linkIn(event) : undefined;
      pressed = link ? { link, href: link.getAttribute('href') ?? '' } : undefined;
    },
    { capture: true, passive: true, signal },
  );
  doc.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted || event.defaultPrevented || event.button !== 0 || !options.enabled()) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const link = linkIn(event);
      if (!link) return;
      const href = link.getAttribute('href') ?? '';
      const target = parseCallLink(href, options.region(link));
      if (!target) return;
      event.preventDefault();
      noteChanges(observer.takeRecords(), hrefChanged);
      const clicked = { target, anchor: anchorOf(link, event) };
      const doubt = linkDoubt({
        link,
        event,
        pressed: pressed && pressed.link === link && pressed.href === href,
        changedAt: hrefChanged.get(link),
        visible: visibility.of(link),
        now: performance.now(),
        settleMs: HREF_SETTLE_MS,
      });
      pressed = undefined;
      if (doubt) options.ask(clicked, doubt);
      else options.call(clicked);
    },
    { capture: false, signal },
  );
}

/**
 * IntersectionObserver v2 on the one link under the pointer: it sees what a hit test cannot,
 * an element on top that lets clicks through (`pointer-events: none`), and a faded or
 * transformed link. Where the browser has no v2, `of` says nothing (undefined).
 */
function watchVisibility(doc: Document, signal: AbortSignal): { watch(link: Element): void; of(link: Element): boolean | undefined } {
  const seen = new WeakMap<Element, boolean>();
  let watched: Element | undefined;
  let observer: IntersectionObserver | undefined;
  try {
    const IO = doc.defaultView?.IntersectionObserver;
    observer = IO
      ? new IO(
          (entries) => {
            for (const e of entries as (IntersectionObserverEntry & { isVisible?: boolean })[])
              if (typeof e.isVisible === 'boolean') seen.set(e.target, e.isVisible);
          },
          { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
        )
      : undefined;
  } catch {
    observer = undefined;
  }
  signal.addEventListener('abort', () => observer?.disconnect());
  return {
    watch(link) {
      if (!observer || link === watched) return;
      if (watched) observer.unobserve(watched);
      watched = link;
      observer.observe(link);
    },
    of: (link) => seen.get(link),
  };
}

function noteChanges(records: MutationRecord[], changed: WeakMap<Element, number>): void {
  const now = performance.now();
  for (const r of records) if (r.target instanceof Element) changed.set(r.target, now);
}

/** Where the card goes: beside the link, or at the click when the link has no box. */
function anchorOf(link: Element, event: MouseEvent): DOMRect {
  const box = link.getBoundingClientRect();
  return box.width > 0 && box.height > 0 ? box : new DOMRect(event.clientX, event.clientY, 1, 1);
}
