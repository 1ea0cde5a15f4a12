import { t, type MessageKey } from '../../shared/i18n/t';
import type { FoundNumber } from '../scan/found-number';

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

const CSS = `
:host { all: initial !important; }
.card { position: fixed; inset: auto; margin: 0; z-index: 2147483647; padding: 8px 10px; border: 1px solid #8886; border-radius: 8px;
  background: Canvas; color: CanvasText; font: 13px/1.35 system-ui, sans-serif; box-shadow: 0 4px 14px #0003;
  display: grid; gap: 6px; max-width: 280px; color-scheme: light dark; }
.number { font-weight: 600; }
.kind { opacity: .8; }
.card[data-risk="high"] .kind { color: #cf222e; font-weight: 600; opacity: 1; }
button { font: inherit; padding: 5px 10px; border-radius: 6px; border: 0; background: #1a7f37; color: white; cursor: pointer; }
.card[data-risk="high"] button { background: #9a6700; }
`;

/**
 * The one element Offhook adds to a page: a host with a closed shadow root, holding the
 * hover card with its Call button. The page's scripts cannot reach into it, and the button
 * acts only on trusted events, so a page can never start a call through it.
 */
export class CallCard {
  private host?: HTMLElement;
  private card!: HTMLDivElement;
  private numberEl!: HTMLDivElement;
  private kindEl!: HTMLDivElement;
  private button!: HTMLButtonElement;
  private current?: FoundNumber;

  get element(): HTMLElement | null {
    return this.host ?? null;
  }

  get shown(): FoundNumber | undefined {
    return this.current;
  }

  /** Whether an event's target is the card (a closed root retargets events to the host). */
  isOwn(target: EventTarget | null): boolean {
    return target !== null && target === this.host;
  }

  constructor(
    private readonly doc: Document,
    private readonly onCall: (found: FoundNumber) => void,
    /** The number's type from the full metadata, when the page's own guess is 'unknown'. */
    private readonly describe: (tel: string) => Promise<string | undefined> = async () => undefined,
  ) {}

  show(found: FoundNumber, anchor: DOMRect): void {
    this.ensure();
    this.current = found;
    this.render(found, found.kind);
    this.place(anchor);
    if (found.kind === 'unknown' || found.kind === 'fixed-line-or-mobile') {
      void this.describe(found.tel).then((kind) => {
        // Still the same number on show: a premium-rate warning must not go unnoticed.
        if (kind && kind !== 'unknown' && this.current === found) {
          found.kind = kind;
          this.render(found, kind);
        }
      });
    }
  }

  private render(found: FoundNumber, kind: string): void {
    const risky = kind === 'premium-rate' || kind === 'shared-cost';
    this.card.dataset.risk = risky ? 'high' : 'normal';
    this.numberEl.textContent = found.formatted;
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
    let left = anchor.right + 6;
    if (left + width > view.clientWidth) left = Math.max(0, anchor.left - width - 6);
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
    this.host?.remove();
    this.host = undefined;
  }

  private ensure(): void {
    if (this.host?.isConnected) return;
    const host = this.doc.createElement(UI_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = CSS;
    this.card = this.doc.createElement('div');
    this.card.className = 'card';
    if (this.popover) this.card.popover = 'manual';
    else this.card.hidden = true;
    this.card.setAttribute('role', 'dialog');
    this.card.setAttribute('aria-label', 'Offhook');
    this.numberEl = this.doc.createElement('div');
    this.numberEl.className = 'number';
    this.kindEl = this.doc.createElement('div');
    this.kindEl.className = 'kind';
    this.button = this.doc.createElement('button');
    this.button.type = 'button';
    this.button.addEventListener('click', (event) => {
      // Only a real click or key press by the person: never a script's click() or dispatchEvent.
      if (!event.isTrusted || !this.current) return;
      event.preventDefault();
      event.stopPropagation();
      this.onCall(this.current);
    });
    this.card.append(this.numberEl, this.kindEl, this.button);
    root.append(style, this.card);
    // After <body>, not inside it: frameworks that own body's children never meet it.
    this.doc.documentElement.append(host);
    this.host = host;
  }
}
