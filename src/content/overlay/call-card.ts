import { t, type MessageKey } from '../../shared/i18n/t';
import type { FoundNumber } from '../scan/found-number';
import PALETTE from '../../../assets/palette.css?raw';

/** What the card offers to call: a number found on the page, or a call link's target. */
export type CardSubject = Pick<FoundNumber, 'tel' | 'formatted' | 'kind'>;

/** The Call button acts only once the card has been on screen this long, showing this number:
 * a page cannot slip the card under a click the person meant for something else. */
export const ARM_DELAY_MS = 400;
const CARD_GAP_PX = 12;

export const UI_TAG = 'offhook-ui';

const KIND_LABELS: Record<string, MessageKey> = {
  mobile: 'cardKindMobile',
  'fixed-line': 'cardKindLandline',
  'fixed-line-or-mobile': 'cardKindPhone',
  'toll-free': 'cardKindTollFree',
  'premium-rate': 'cardKindPremiumRate',
  'shared-cost': 'cardKindSharedCost',
  voip: 'cardKindVoip',
  personal: 'cardKindPersonal',
  pager: 'cardKindPager',
  uan: 'cardKindCompany',
  voicemail: 'cardKindVoicemail',
  unknown: 'cardKindPhone',
};

/* The card's colours are the faces' palette (assets/palette.css, `.palette` is the card), so
   it follows the person's light or dark theme with its own opaque background: readable on a
   dark page and a light one alike. Declared on the card, not the host, so the page's styles on
   the host element cannot recolour it. */
const CSS = `${PALETTE}
:host { all: initial !important; }
.card { position: fixed; inset: auto; margin: 0; z-index: 2147483647; padding: 8px 10px; border: 1px solid var(--border); border-radius: 8px;
  background: var(--bg); color: var(--fg); font: 13px/1.35 system-ui, sans-serif; box-shadow: 0 2px 6px var(--shadow);
  display: grid; gap: 6px; max-width: 280px; }
/* The card's own display would outrank the browser's rule that hides a closed popover (or a
   hidden element): without this, a hidden card stays on the page, out of the top layer. */
.card[popover]:not(:popover-open), .card[hidden] { display: none; }
/* A popover's backdrop spans the viewport: the page's own links would count as covered. */
.card::backdrop { display: none; }
.number { font-weight: 600; }
.kind { color: var(--muted); }
.card[data-risk="high"] .kind { color: var(--danger); font-weight: 600; }
button { font: inherit; padding: 5px 10px; border-radius: 6px; border: 0; background: var(--go-bg); color: var(--on-strong); cursor: pointer; }
button[aria-disabled="true"] { opacity: .6; cursor: default; }
.card[data-risk="high"] button { background: var(--pressed-bg); }
.address { font: 12px/1.3 ui-monospace, monospace; overflow-wrap: anywhere; }
.address:empty { display: none; }
`;

/**
 * The one element Offhook adds to a page: a host with a closed shadow root, holding the
 * hover card with its Call button. The page's scripts cannot reach into it, and the button
 * acts only on trusted events, once the card has shown the number for ARM_DELAY_MS and while
 * nothing of the page covers it, so a page can never start a call through it.
 *
 * The card also asks before a call the coordinator or the link checks will not place at once
 * (a premium-rate number, a SIP address outside the phone system, a link that was hidden or
 * changed): `confirm` shows the number in full, why, and "Call anyway", until dismissed.
 */
export class CallCard {
  private host?: HTMLElement;
  private root?: ShadowRoot;
  private card!: HTMLDivElement;
  private numberEl!: HTMLDivElement;
  private addressEl!: HTMLDivElement;
  private kindEl!: HTMLDivElement;
  private button!: HTMLButtonElement;
  private current?: CardSubject;
  /** A confirmation stays until the person acts or looks away; a hover card follows the pointer. */
  private asking = false;
  private shownAt = 0;
  private armTimer?: ReturnType<typeof setTimeout>;
  /** IntersectionObserver v2's latest word on the button (null: the browser has no v2). */
  private visible: boolean | null = null;
  private observer?: IntersectionObserver;

  get element(): HTMLElement | null {
    return this.host ?? null;
  }

  get shown(): CardSubject | undefined {
    return this.current;
  }

  /** A confirmation is on screen: the hover logic leaves it alone. */
  get pinned(): boolean {
    return this.asking && this.current !== undefined;
  }

  /** Whether an event's target is the card (a closed root retargets events to the host). */
  isOwn(target: EventTarget | null): boolean {
    return target !== null && target === this.host;
  }

  constructor(
    private readonly doc: Document,
    /** `confirmed`: the person saw a warning or a confirmation before pressing. */
    private readonly onCall: (subject: CardSubject, confirmed: boolean) => void,
    /** The number's type from the full metadata, when the page's own guess is 'unknown'. */
    private readonly describe: (tel: string) => Promise<string | undefined> = async () => undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  show(found: CardSubject, anchor: DOMRect): void {
    this.ensure();
    this.asking = false;
    this.card.dataset.mode = 'hover';
    this.present(found, anchor);
    this.render(found, found.kind);
    if (found.kind === 'unknown' || found.kind === 'fixed-line-or-mobile') {
      void this.describe(found.tel).then((kind) => {
        // Still the same number on show: a premium-rate warning must not go unnoticed.
        if (kind && kind !== 'unknown' && this.current === found && !this.asking) {
          found.kind = kind;
          this.render(found, kind);
        }
      });
    }
  }

  /** Asks before calling `subject`: its full form, why Offhook asks, and "Call anyway".
   * Without an anchor it stays where the card was. */
  confirm(subject: CardSubject, reason: string, anchor: DOMRect | undefined = this.anchor): void {
    if (!anchor) return;
    this.ensure();
    this.asking = true;
    this.card.dataset.mode = 'ask';
    this.present(subject, anchor);
    this.card.dataset.risk = 'high';
    this.numberEl.textContent = subject.formatted;
    this.addressEl.textContent = subject.tel.replace(/^tel:/, '');
    this.kindEl.textContent = reason;
    this.button.textContent = t('cardCallAnyway');
    this.button.setAttribute('aria-label', t('cardCallNumberAnyway', subject.formatted, reason));
  }

  /** Shows the card for `subject`; a new subject starts the arming delay again. */
  private anchor?: DOMRect;

  private present(subject: CardSubject, anchor: DOMRect): void {
    this.anchor = anchor;
    if (this.current !== subject || !this.open) {
      this.shownAt = this.now();
      this.button.setAttribute('aria-disabled', 'true');
      clearTimeout(this.armTimer);
      this.armTimer = setTimeout(() => this.button.removeAttribute('aria-disabled'), ARM_DELAY_MS);
    }
    this.current = subject;
    this.place(anchor);
  }

  private render(found: CardSubject, kind: string): void {
    const risky = isRisky(kind);
    this.card.dataset.risk = risky ? 'high' : 'normal';
    this.numberEl.textContent = found.formatted;
    this.addressEl.textContent = '';
    const label = t(KIND_LABELS[kind] ?? 'cardKindPhone');
    this.kindEl.textContent = label;
    this.button.textContent = risky ? t('cardCallAnyway') : t('cardCall');
    this.button.setAttribute('aria-label', risky ? t('cardCallNumberAnyway', found.formatted, label) : t('cardCallNumber', found.formatted));
  }

  /**
   * The top layer (Popover API) keeps the card above any page z-index. An engine without
   * it gets a fixed card with the highest z-index, shown and hidden with `hidden`.
   */
  private get popover(): boolean {
    return typeof this.card.showPopover === 'function';
  }

  private get open(): boolean {
    return this.popover ? this.card.matches(':popover-open') : !this.card.hidden;
  }

  private place(anchor: DOMRect): void {
    if (!this.open) {
      if (this.popover) this.card.showPopover();
      else this.card.hidden = false;
    }
    const width = this.card.offsetWidth;
    const height = this.card.offsetHeight;
    const view = this.doc.documentElement;
    // Clear of the number, shadow included: a link the card overlaps would count as covered.
    let left = anchor.right + CARD_GAP_PX;
    if (left + width > view.clientWidth) left = Math.max(0, anchor.left - width - CARD_GAP_PX);
    let top = anchor.top + anchor.height / 2 - height / 2;
    top = Math.min(Math.max(0, top), Math.max(0, view.clientHeight - height));
    this.card.style.left = `${Math.round(left)}px`;
    this.card.style.top = `${Math.round(top)}px`;
  }

  /** Says why a call could not start (e.g. not registered), in place of the number's type. */
  showError(message: string): void {
    if (!this.host || !this.current) return;
    this.kindEl.textContent = message;
    this.card.dataset.risk = 'high';
  }

  hide(): void {
    this.current = undefined;
    this.asking = false;
    clearTimeout(this.armTimer);
    if (!this.host || !this.open) return;
    if (this.popover) this.card.hidePopover();
    else this.card.hidden = true;
  }

  /** Where the card is on screen (for tests and hover logic). */
  rect(): DOMRect | undefined {
    return this.current ? this.card.getBoundingClientRect() : undefined;
  }

  remove(): void {
    this.hide();
    this.observer?.disconnect();
    this.host?.remove();
    this.host = undefined;
  }

  /**
   * Whether a press of the button may call: the card has shown this number long enough, and
   * the button is what the person sees there: IntersectionObserver v2 (which sees through
   * `pointer-events: none`) where the browser has it, and a hit test at the press's point.
   */
  private armed(event: MouseEvent): boolean {
    if (this.now() - this.shownAt < ARM_DELAY_MS) return false;
    if (this.visible === false) return false;
    const box = this.button.getBoundingClientRect();
    // A key press (Enter, Space) has no pointer position: the button's centre stands in.
    const keyboard = event.detail === 0 && event.clientX === 0 && event.clientY === 0;
    const x = keyboard ? box.left + box.width / 2 : event.clientX;
    const y = keyboard ? box.top + box.height / 2 : event.clientY;
    const hit = this.root?.elementFromPoint?.(x, y) ?? null;
    return hit === null ? !this.popover : hit === this.button || this.button.contains(hit);
  }

  private ensure(): void {
    if (this.host?.isConnected) return;
    const host = this.doc.createElement(UI_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = CSS;
    this.card = this.doc.createElement('div');
    this.card.className = 'card palette';
    if (this.popover) this.card.popover = 'manual';
    else this.card.hidden = true;
    this.card.setAttribute('role', 'dialog');
    this.card.setAttribute('aria-label', 'Offhook');
    this.numberEl = this.doc.createElement('div');
    this.numberEl.className = 'number';
    this.addressEl = this.doc.createElement('div');
    this.addressEl.className = 'address';
    this.kindEl = this.doc.createElement('div');
    this.kindEl.className = 'kind';
    this.button = this.doc.createElement('button');
    this.button.type = 'button';
    this.button.addEventListener('click', (event) => {
      // Only a real click or key press by the person: never a script's click() or dispatchEvent.
      if (!event.isTrusted || !this.current) return;
      event.preventDefault();
      event.stopPropagation();
      if (!this.armed(event)) {
        if (this.now() - this.shownAt >= ARM_DELAY_MS) this.showError(t('cardCovered'));
        return;
      }
      const subject = this.current;
      const confirmed = this.asking || isRisky(subject.kind);
      if (this.asking) this.hide();
      this.onCall(subject, confirmed);
    });
    this.card.append(this.numberEl, this.addressEl, this.kindEl, this.button);
    root.append(style, this.card);
    // After <body>, not inside it: frameworks that own body's children never meet it.
    this.doc.documentElement.append(host);
    this.host = host;
    this.root = root;
    this.watchVisibility();
  }

  private watchVisibility(): void {
    const IO = this.doc.defaultView?.IntersectionObserver;
    if (!IO) return;
    this.observer?.disconnect();
    try {
      this.observer = new IO(
        (entries) => {
          const last = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
          this.visible = typeof last?.isVisible === 'boolean' ? last.isVisible : null;
        },
        { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
      );
      this.observer.observe(this.button);
    } catch {
      this.visible = null;
    }
  }
}

function isRisky(kind: string): boolean {
  return kind === 'premium-rate' || kind === 'shared-cost';
}
