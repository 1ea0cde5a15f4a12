// What the bench puts into every page it measures, in the page's own world, before the
// page's scripts run: a long-task observer and a watch on Offhook's highlight (the CSS
// highlight registry is the document's, so the page's world sees what the content script
// registered from its isolated world, without any hook in the extension).
export const PAGE_PROBE = `(() => {
  if (window.__bench) return;
  const B = (window.__bench = { longtasks: [], injectAt: null, firstAt: null, lastChangeAt: null, size: 0 });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const poll = () => {
    const h = window.CSS && CSS.highlights && CSS.highlights.get('offhook-number');
    if (!h) return;
    const now = performance.now();
    if (B.injectAt === null) B.injectAt = now;
    if (h.size !== B.size) {
      B.size = h.size;
      B.lastChangeAt = now;
      if (B.firstAt === null) B.firstAt = now;
    }
  };
  setInterval(poll, 4);
})();`;

export interface ProbeState {
  longtasks: { start: number; dur: number }[];
  injectAt: number | null;
  firstAt: number | null;
  lastChangeAt: number | null;
  size: number;
  now: number;
  loadEnd: number;
  domContentLoaded: number;
}

export const READ_PROBE = `(() => {
  const B = window.__bench || { longtasks: [], injectAt: null, firstAt: null, lastChangeAt: null, size: 0 };
  const nav = performance.getEntriesByType('navigation')[0];
  return { ...B, longtasks: B.longtasks.slice(), now: performance.now(), loadEnd: nav ? nav.loadEventEnd : 0, domContentLoaded: nav ? nav.domContentLoadedEventEnd : 0 };
})()`;

/** The floor: one bare TreeWalker pass over the page's text nodes, reading each once. */
export const FLOOR_WALK = `(() => {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  let nodes = 0, chars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes++; chars += n.data.length; }
  return { ms: performance.now() - t0, nodes, chars };
})()`;

/** Starts ringcentral-c2d as its README says (new RingCentralC2D()), with a stopwatch on
 * its matcher. The UMD bundle is run with define/module/exports hidden, so pages with an
 * AMD loader still get the global. */
export function peerStart(bundle: string): string {
  return `(() => {
  const define = undefined, module = undefined, exports = undefined;
  ${bundle}
  ;
  const P = (window.__peer = { startedAt: performance.now(), matchMs: 0, longestMatchMs: 0, calls: 0, lastMatchEnd: null, error: null });
  try {
    const c2d = (window.__c2d = new RingCentralC2D());
    const matcher = c2d._observer && c2d._observer._props && c2d._observer._props.matcher;
    if (matcher && typeof matcher.match === 'function') {
      const original = matcher.match.bind(matcher);
      matcher.match = (arg) => {
        const t0 = performance.now();
        try { return original(arg); } finally {
          const d = performance.now() - t0;
          P.matchMs += d; P.calls++; P.longestMatchMs = Math.max(P.longestMatchMs, d); P.lastMatchEnd = performance.now();
        }
      };
    }
  } catch (e) { P.error = String(e && e.stack || e); }
  return P.error;
})()`;
}

export const READ_PEER = `(() => {
  const P = window.__peer || {};
  const c2d = window.__c2d;
  const ro = c2d && c2d._observer;
  let found = 0;
  const map = ro && ro._observer && ro._observer._matchesMap;
  if (map) for (const list of map.values()) found += list.length;
  const queue = ro && ro._nodeQueue;
  const consumer = ro && ro._nodeConsumer;
  return {
    ...P, found, now: performance.now(),
    busy: !!(queue && queue.length && queue.length() > 0) || !!(consumer && (consumer._consuming || consumer._timer)),
  };
})()`;

export interface PeerState {
  startedAt: number;
  matchMs: number;
  longestMatchMs: number;
  calls: number;
  lastMatchEnd: number | null;
  error: string | null;
  found: number;
  now: number;
  busy: boolean;
}
