/**
 * Why a clicked call link is not dialled at once, or undefined when nothing is in doubt:
 * - `frame`: it is in a frame of another site than the page the person is on;
 * - `changed`: its href changed just before the click, or it is not the link that was pressed;
 * - `hidden`: it was transparent, invisible or (nearly) without size;
 * - `covered`: something else was under the pointer, or drawn over the link while the click
 *   passed through it (`pointer-events: none`; IntersectionObserver v2, which also counts a
 *   faded or transformed link as not plainly visible).
 */
export type LinkDoubt = 'frame' | 'changed' | 'hidden' | 'covered';

/** Below this opacity (all ancestors' multiplied) a link counts as invisible. */
const MIN_OPACITY = 0.2;
/** A box smaller than this, in CSS pixels either way, is no link a person aimed at. */
const MIN_SIZE_PX = 4;

export function linkDoubt(args: {
  link: HTMLAnchorElement;
  event: MouseEvent;
  /** The same link, with the same href, was under the pointer when the button went down. */
  pressed: boolean | undefined;
  changedAt: number | undefined;
  /** IntersectionObserver v2's word on the link, where the browser has it. */
  visible?: boolean;
  now: number;
  settleMs: number;
}): LinkDoubt | undefined {
  const { link, event } = args;
  if (inForeignFrame(link.ownerDocument.defaultView)) return 'frame';
  // A key press (Enter on a focused link) has no pointer: the link's own box stands in.
  const keyboard = event.detail === 0;
  if ((!keyboard && !args.pressed) || (args.changedAt !== undefined && args.now - args.changedAt < args.settleMs)) return 'changed';
  if (!shown(link)) return 'hidden';
  if (args.visible === false) return 'covered';
  const box = link.getBoundingClientRect();
  const [x, y] = keyboard ? [box.left + box.width / 2, box.top + box.height / 2] : [event.clientX, event.clientY];
  if (!under(link, x, y)) return 'covered';
  return undefined;
}

/** A frame whose top page is another origin (reading its location throws). */
export function inForeignFrame(win: Window | null): boolean {
  if (!win || win === win.top) return false;
  try {
    return win.top?.location.origin !== win.location.origin;
  } catch {
    return true;
  }
}

function shown(link: HTMLAnchorElement): boolean {
  const box = link.getBoundingClientRect();
  if (box.width < MIN_SIZE_PX || box.height < MIN_SIZE_PX) return false;
  if (link.checkVisibility && !link.checkVisibility({ opacityProperty: true, visibilityProperty: true } as CheckVisibilityOptions)) return false;
  let opacity = 1;
  for (let el: Element | null = link; el; el = parentOf(el)) {
    const style = getComputedStyle(el);
    opacity *= Number(style.opacity);
    if (opacity < MIN_OPACITY || style.visibility === 'hidden' || style.visibility === 'collapse') return false;
  }
  return true;
}

/** Whether the topmost element at (x, y), looking into open shadow roots, is the link or in it. */
function under(link: Element, x: number, y: number): boolean {
  let hit: Element | null = link.ownerDocument.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  for (let el: Element | null = hit; el; el = parentOf(el)) if (el === link) return true;
  return false;
}

/** The parent in the flat tree: across a shadow root to its host. */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}
