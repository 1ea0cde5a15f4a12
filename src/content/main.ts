import { browser } from 'wxt/browser';
import { logError } from '../shared/log';
import { request } from '../shared/messaging/endpoint';
import { defaultDetectionSettings, isActiveOn, type EffectiveDetection } from '../shared/settings/detection-values';
import { detectPhoneNumbers } from '../detection/detect';
import { regionFromLocale } from '../detection/region';
import { warmUpSteps } from '../detection/warm-up';
import { runWarmUp, WARM_UP_SLICE_MS } from './warm-up-job';
import { interceptCallLinks, type LinkDoubt } from './links/call-link-clicks';
import type { CallLinkTarget } from '../detection/call-link';
import { t } from '../shared/i18n/t';
import { CallCard, type CardSubject } from './overlay/call-card';
import { Highlighter } from './overlay/highlighter';
import { HoverTracker } from './overlay/hover-tracker';
import type { PageNumber, PageReport } from '../shared/messaging/page-report';
import { createRegionResolver } from './region-resolver';
import { MutationBatcher, type DirtyWork } from './scan/mutation-batcher';
import { PageScanner } from './scan/page-scanner';
import { SLICE_MS, TimeSlicer } from './scan/time-slicer';

/** What the loader (`./loader.ts`) asks of a running engine. */
export interface ContentEngine {
  /** This frame's numbers, once the scans under way have finished. */
  report(): Promise<PageReport>;
  /** The selected number (only when `ownSelection`: the person pressed a key or the pointer
   * in this frame, so the selection may be theirs), or else the one under the pointer. */
  selection(ownSelection: boolean): string | undefined;
  /** The user's or the organization's detection settings changed (the loader follows them:
   * the engine does not read storage itself, nor carry a storage library). */
  settingsChanged(settings: EffectiveDetection): void;
}

/**
 * The detection engine, loaded by the content script only in frames that may hold a number:
 * finds the numbers in this frame, marks them, offers a call card on hover, and routes call
 * links. Everything it starts stops with `signal` (an extension reload or update), and with
 * the global or per-site switch, without a page reload.
 */
export function startEngine(signal: AbortSignal, initial: EffectiveDetection = defaultDetectionSettings): ContentEngine {
  const doc = document;
  let settings: EffectiveDetection = initial;
  const uiRegion = regionFromLocale(browser.i18n.getUILanguage());
  const regionOf = createRegionResolver(location.hostname, () => settings.defaultRegion || uiRegion);
  const highlighter = new Highlighter(doc);
  /** Asks the coordinator to call; it may want the person to confirm first, on the card. */
  const call = (subject: CardSubject, confirmed: boolean, anchor?: DOMRect) =>
    request('content', 'content:call', { target: subject.tel, ...(confirmed ? { confirmed: true } : {}) }).then(
      (outcome) => {
        if (outcome.ok) return;
        if ('confirm' in outcome && !confirmed) card.confirm(subject, outcome.error, anchor);
        else if (card.shown) card.showError(outcome.error);
        else if (anchor) card.confirm(subject, outcome.error, anchor);
      },
      (error: unknown) => logError('content: call', error),
    );
  const card = new CallCard(
    doc,
    (subject, confirmed) => void call(subject, confirmed),
    (tel) =>
      request('content', 'content:describe', { tel }).then(
        (r) => r.kind,
        () => undefined,
      ),
  );
  let session: ScanSession | undefined;

  const apply = (next: EffectiveDetection) => {
    settings = next;
    const active = isActiveOn(settings, location.href);
    if (active && !session) session = new ScanSession(doc, regionOf, highlighter, card, signal);
    else if (!active && session) {
      session.stop();
      session = undefined;
      card.remove();
    }
  };

  // The loader's reading (the latest it has) starts the scan at once; later changes come from it.
  apply(initial);
  signal.addEventListener('abort', () => {
    // The page first: after an update the extension APIs below may throw, and the marks
    // and the card must go whatever happens there.
    session?.stop();
    card.remove();
    highlighter.dispose(doc);
  });

  interceptCallLinks(
    doc,
    {
      enabled: () => settings.handleCallLinks && isActiveOn(settings, location.href),
      region: regionOf,
      call: ({ target, anchor }) => void call(linkSubject(target), false, anchor),
      ask: ({ target, anchor }, doubt) => card.confirm(linkSubject(target), doubtText(doubt), anchor),
    },
    signal,
  );

  return {
    report: async () => ({
      top: window === window.top,
      hostname: location.hostname,
      url: location.href,
      numbers: session ? await session.numbers() : [],
    }),
    settingsChanged: apply,
    selection: (ownSelection) => (ownSelection ? selectedTarget(doc, regionOf) : undefined) ?? card.shown?.tel,
  };
}

/** A call link's target as the card shows it: a number formatted, a SIP address in full. */
function linkSubject(target: CallLinkTarget): CardSubject {
  return 'tel' in target
    ? { tel: target.tel, formatted: target.formatted, kind: 'unknown' }
    : { tel: target.sip, formatted: target.sip.replace(/^sips?:/i, ''), kind: 'sip' };
}

function doubtText(doubt: LinkDoubt): string {
  switch (doubt) {
    case 'frame':
      return t('cardAskFrame', location.hostname);
    case 'changed':
      return t('cardAskChanged');
    case 'hidden':
    case 'covered':
      return t('cardAskHidden');
  }
}

function selectedTarget(doc: Document, regionOf: (el: Element) => string | undefined): string | undefined {
  const selection = doc.getSelection();
  const text = selection?.toString().trim();
  if (!selection || !text) return undefined;
  const anchor = selection.anchorNode;
  const el = anchor instanceof Element ? anchor : anchor?.parentElement;
  return detectPhoneNumbers(text.slice(0, 500), { defaultRegion: el ? regionOf(el) : undefined })[0]?.tel;
}

/** Scanning while Offhook is on for this site; stopping it clears every mark. */
class ScanSession {
  private readonly controller = new AbortController();
  private readonly scanner: PageScanner;
  private readonly batcher: MutationBatcher;
  private work: Promise<void> = Promise.resolve();
  private lateChecks?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly doc: Document,
    regionOf: (block: Element) => string | undefined,
    private readonly highlighter: Highlighter,
    card: CallCard,
    outer: AbortSignal,
  ) {
    const signal = AbortSignal.any([outer, this.controller.signal]);
    this.scanner = new PageScanner(regionOf, {
      added: (found) => highlighter.add(found),
      removed: (found) => {
        highlighter.remove(found);
        if (card.shown && (found as readonly CardSubject[]).includes(card.shown)) card.hide();
      },
      shadowRoot: (root) => {
        highlighter.style(root);
        this.batcher.observe(root);
        this.enqueue(root);
      },
    });
    this.batcher = new MutationBatcher(() => card.element, (w) => this.handle(w), signal);
    this.batcher.observe(doc);
    new HoverTracker(doc, card, (n) => this.scanner.numbersIn(n), (l) => this.scanner.numberForLink(l), signal);
    this.warmUp();
    // The document's highlight rule is the manifest's content-script stylesheet
    // (overlay/highlight-style.ts): the browser applied it before the page was built.
    this.enqueue(doc);
  }

  /** The engine's one-time compilation, before the first scan needs it (warm-up-job.ts). */
  private warmUp(): void {
    this.run((slicer) => runWarmUp(warmUpSteps, slicer), undefined, WARM_UP_SLICE_MS);
  }

  /** Numbers as of now, once the scans already under way have finished. */
  async numbers(): Promise<PageNumber[]> {
    await this.work;
    // Each number's display form and type are worked out on first read (libphonenumber): for
    // 2,000 numbers that was one 80 ms task in the page when the popup asked. In slices.
    const slicer = new TimeSlicer(SLICE_MS, this.controller.signal);
    const out: PageNumber[] = [];
    for (const f of this.scanner.numbers()) {
      if (slicer.shouldYield()) await slicer.yield();
      out.push({ tel: f.tel, text: f.text, formatted: f.formatted, kind: f.kind });
    }
    return out;
  }

  stop(): void {
    clearTimeout(this.lateChecks);
    this.controller.abort();
    this.scanner.clear();
  }

  private handle(work: DirtyWork): void {
    if (work.flood) {
      this.scanner.clear();
      this.enqueue(this.doc);
      return;
    }
    // One job for the whole batch: 100 appended rows are 100 subtrees, and a job (with its
    // own slicer and promise chain) for each cost more than reading them. Like every job's,
    // its marks reach the page together when it ends (Highlighter.flush, in run()).
    this.run(async (slicer) => {
      this.scanner.dropDisconnected();
      await this.scanner.rescanBlocks(work.blocks, slicer);
      for (const subtree of work.subtrees) if (subtree.isConnected) await this.scanner.scan(subtree, slicer);
    }, () => this.watchLateShadowRoots());
  }

  /** Custom elements defined after they were parsed attach their shadow roots silently:
   * look again a few times, then stop. */
  private watchLateShadowRoots(delays = [300, 1000, 3000, 8000]): void {
    if (this.lateChecks !== undefined || this.controller.signal.aborted) return;
    const [delay, ...rest] = delays;
    if (delay === undefined) {
      this.scanner.forgetLateShadowRoots();
      return;
    }
    this.lateChecks = setTimeout(() => {
      this.lateChecks = undefined;
      if (this.scanner.checkLateShadowRoots()) this.watchLateShadowRoots(rest);
    }, delay);
  }

  /** Scans run one after another, each in time slices. */
  private enqueue(root: Node, then?: () => void): void {
    this.run(
      (slicer) => (root.isConnected ? this.scanner.scan(root, slicer) : undefined),
      () => {
        then?.();
        this.watchLateShadowRoots();
      },
    );
  }

  private run(job: (slicer: TimeSlicer) => Promise<void> | undefined, then?: () => void, sliceMs = SLICE_MS): void {
    const slicer = new TimeSlicer(sliceMs, this.controller.signal);
    this.work = this.work
      .then(() => {
        if (this.controller.signal.aborted) return;
        slicer.begin();
        return job(slicer)?.finally(() => slicer.endSlice());
      })
      .then(() => {
        // A scan's marks reach the page together: each change to the highlight repaints it.
        this.highlighter.flush();
        then?.();
      })
      .catch((error: unknown) => {
        if ((error as Error).name !== 'AbortError') logError('content: scan', error);
      });
  }

}
