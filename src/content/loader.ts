import { logError } from '../shared/log';
import { mightContainPhoneNumber } from '../detection/might-contain-phone-number';
import { PAGE_PORT, type PageReport } from '../shared/messaging/page-report';
import { readPageMessage } from '../shared/messaging/page-channel';
import { classifySender } from '../shared/messaging/sender';
import { isActiveOn, type EffectiveDetection } from '../shared/settings/detection-values';
import { extensionApi, type MessageListener, type Port } from './extension-api';
import type { ContentEngine } from './main';
import { CandidateProbe } from './scan/candidate-probe';
import { isCallLink } from './scan/call-href';
import { regionFromHostname, regionFromLocale } from '../detection/region';
import { nextTask, SLICE_MS, TimeSlicer } from './scan/time-slicer';
import { SiteSwitch } from './site-switch';
import { reportFrameUse } from './focus-report';

/** Starts the engine with the settings the loader has already read (it follows them itself). */
export type StartEngine = (signal: AbortSignal, settings: EffectiveDetection) => ContentEngine;

/** Late custom-element upgrades attach shadow roots without a mutation: look a few times. */
const LATE_CHECKS = [300, 1000, 3000, 8000];

/**
 * The content script every frame loads: small, so a page with no number pays almost
 * nothing. It walks the frame once with the digit pre-filter and watches changes; only when
 * something might be a number (or a call link, or a selection to call) does it load the
 * detection engine (`loadEngine`), which then takes over scanning, marking and link routing.
 * On a site the user switched off (or with Offhook off everywhere) it never loads it, until
 * the switch is turned back on. It answers the extension's questions about this frame either way.
 */
export function startLoader(signal: AbortSignal, loadEngine: () => Promise<StartEngine>): void {
  const doc = document;
  const api = extensionApi();
  const probe = new CandidateProbe();
  const observers: MutationObserver[] = [];
  let lateTimer: ReturnType<typeof setTimeout> | undefined;
  let engine: Promise<ContentEngine | undefined> | undefined;
  let running: ContentEngine | undefined;

  const stopWatching = () => {
    for (const o of observers) o.disconnect();
    observers.length = 0;
    clearTimeout(lateTimer);
  };
  /** A candidate was found: the engine is wanted, and loads once the site is switched on. */
  let wanted = false;
  const load = (settings: EffectiveDetection): Promise<ContentEngine | undefined> => {
    engine ??= loadEngine().then(
      // Evaluating the engine is one task; starting it is the next.
      (start) => nextTask().then(() => (signal.aborted ? undefined : (running = start(signal, site.current ?? settings)))),
      (error: unknown) => {
        logError('content: engine', error);
        return undefined;
      },
    );
    return engine;
  };
  const site = new SiteSwitch((settings) => {
    running?.settingsChanged(settings);
    if (wanted && !engine && isActiveOn(settings, location.href)) void load(settings);
    // A new default country with shorter numbers: the page is looked at again.
    const before = probe.fewest;
    probe.setRegions(regionsOf(settings));
    if (probe.fewest < before && !wanted) void firstLook.then(() => {
      pending.push(doc);
      collect([]);
    });
  }, signal);
  /** `asked`: the user asked for it (a selection to call), which loads it even where Offhook is off. */
  const wake = async (asked = false): Promise<ContentEngine | undefined> => {
    stopWatching();
    wanted = true;
    if (engine) return engine;
    // Read at the start, in parallel with the walk: usually there already.
    const settings = site.current ?? (await site.ready);
    if (!asked && !isActiveOn(settings, location.href)) return undefined;
    return load(settings);
  };
  signal.addEventListener('abort', stopWatching);

  // Changes are looked at in one batch per task burst; added subtrees are walked in slices.
  let pending: Node[] = [];
  let flushing = false;
  const flush = async () => {
    const slicer = new TimeSlicer(SLICE_MS, signal);
    while (pending.length && !engine) {
      const batch = pending;
      pending = [];
      if (await probe.changed(batch, slicer)) return void wake();
    }
    observeNewRoots();
  };
  const collect = (records: MutationRecord[]) => {
    if (engine) return;
    for (const r of records) {
      if (r.type === 'attributes') {
        if (!(r.target instanceof Element)) continue;
        if (r.attributeName === 'lang') {
          // A region with shorter numbers: what is under it is looked at again.
          if (probe.noteLang(r.target)) pending.push(r.target);
        } else if (isCallLink(r.target)) return void wake(); // a link's href changed
      } else if (r.type === 'characterData') pending.push(r.target);
      else for (const added of r.addedNodes) if (added.nodeType === Node.ELEMENT_NODE || added.nodeType === Node.TEXT_NODE) pending.push(added);
    }
    if (!pending.length || flushing) return;
    flushing = true;
    setTimeout(() => {
      flush()
        .catch((error: unknown) => {
          if ((error as Error).name !== 'AbortError') logError('content: probe', error);
        })
        .finally(() => (flushing = false));
    }, 30);
  };
  const watched = new WeakSet<Node>();
  const observe = (root: Document | ShadowRoot) => {
    if (watched.has(root) || signal.aborted || engine) return;
    watched.add(root);
    const o = new MutationObserver(collect);
    o.observe(root, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['href', 'lang'] });
    observers.push(o);
  };
  const observeNewRoots = () => {
    for (const root of probe.shadowRoots) observe(root);
  };
  const checkLate = (delays: number[]) => {
    const [delay, ...rest] = delays;
    if (delay === undefined || engine || signal.aborted) return;
    lateTimer = setTimeout(() => {
      const upgraded: ShadowRoot[] = [];
      for (const el of probe.notYetUpgraded) {
        if (!el.isConnected) probe.notYetUpgraded.delete(el);
        else if (el.shadowRoot) {
          probe.notYetUpgraded.delete(el);
          upgraded.push(el.shadowRoot);
          probe.shadowRoots.push(el.shadowRoot);
        }
      }
      pending.push(...upgraded);
      if (upgraded.length) collect([]);
      if (probe.notYetUpgraded.size) checkLate(rest);
    }, delay);
  };

  // Numbers written without a country code are read for the region of the page's domain, or
  // else the user's default country (and any region a `lang` names, which the walk notes): a
  // run of digits shorter than the numbers of all of them is no number (national-lengths.ts).
  const uiRegion = regionFromLocale(api.i18n.getUILanguage());
  const regionsOf = (settings: EffectiveDetection) => [regionFromHostname(location.hostname), settings.defaultRegion || uiRegion];

  // Watch first, so nothing changed during the walk is missed. The caller starts the loader
  // in a task after the content script's evaluation; the walk runs in slices, once the
  // settings are read (usually at once: the read started with the loader).
  observe(doc);
  const firstLook = site.ready
    .then((settings) => {
      probe.setRegions(regionsOf(settings));
      return probe.walk(doc, new TimeSlicer(SLICE_MS, signal));
    })
    .then(
      (found) => {
        if (found) return wake().then(() => undefined);
        observeNewRoots();
        checkLate(LATE_CHECKS);
      },
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError') logError('content: probe', error);
      },
    );

  const report = async (): Promise<PageReport> => {
    await firstLook;
    const started = await engine;
    if (started) return started.report();
    return { top: window === window.top, hostname: location.hostname, url: location.href, numbers: [] };
  };

  // The popup and the tests ask each frame for its numbers; only the extension's own pages
  // may ask (not another frame's content script). An extension page in a tab (the dialer
  // in a window, Firefox's test pages) has a `tab` too, so the sender's URL decides.
  const self = { id: api.runtime.id ?? '', origin: api.runtime.getURL('/') };
  const answer = (raw: unknown): Promise<unknown> | undefined => {
    const type = readPageMessage(raw)?.type;
    if (type === 'page:numbers')
      return report().then((r) => ({ numbers: r.numbers.map(({ tel, text }) => ({ tel, text })) }));
    if (type === 'page:selection') {
      // The keyboard command "call the selection or the number under the pointer", asked of
      // the frame the person last used (focus-report.ts). A selection counts only where the
      // person pressed a key or the pointer: a script's selection in a frame nobody touched
      // is not a number to call. A frame with neither stays silent.
      const own = used.pressed;
      if (running) {
        const target = running.selection(own);
        return target ? Promise.resolve({ target }) : undefined;
      }
      // Digits selected in a frame whose engine is not loaded yet: load it to read them.
      if (!own || !mightContainPhoneNumber(doc.getSelection()?.toString() ?? '')) return undefined;
      return wake(true).then((e) => {
        const target = e?.selection(own);
        return target ? { target } : undefined;
      });
    }
    return undefined;
  };
  const onMessage: MessageListener = (message, sender, respond) => {
    const kind = classifySender(sender, self);
    if (kind === null || kind === 'content') return undefined;
    const answering = answer(message);
    if (!answering) return undefined;
    // Both browsers keep the channel open while a listener that returned true has not answered.
    answering.then(respond, (error: unknown) => {
      logError('content: message', error);
      respond(undefined);
    });
    return true;
  };
  const used = reportFrameUse(doc, () => {
    const envelope = { offhook: 1, channel: 'content', kind: 'request', type: 'content:focused', payload: {} };
    void Promise.resolve()
      .then(() => api.runtime.sendMessage(envelope))
      .catch(() => undefined);
  }, signal);
  const onConnect = (port: Port) => {
    if (port.name !== PAGE_PORT || port.sender?.id !== self.id) return;
    void report().then((r) => port.postMessage(r));
  };
  api.runtime.onMessage.addListener(onMessage);
  api.runtime.onConnect.addListener(onConnect);
  signal.addEventListener('abort', () => {
    // After an update these APIs may be gone or throw ("Extension context invalidated"); the
    // old listeners died with the old version, so there is nothing left to remove.
    try {
      api.runtime.onMessage.removeListener(onMessage);
      api.runtime.onConnect.removeListener(onConnect);
    } catch {
      // orphaned: expected
    }
  });
}
