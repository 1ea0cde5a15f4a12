/**
 * Tells the extension when the person starts using this frame (a key, the pointer pressed or
 * moved into it), once each time: the "call the selection" shortcut then asks this frame and
 * no other. A script cannot fake any of it: only trusted events count. `pressed` says whether
 * the person pressed a key or the pointer here, without which a selection is not theirs.
 */
export function reportFrameUse(doc: Document, report: () => void, signal: AbortSignal): { readonly pressed: boolean } {
  const state = { pressed: false };
  let reported = false;
  const use = (event: Event, press: boolean) => {
    if (!event.isTrusted) return;
    if (press) state.pressed = true;
    if (reported) return;
    reported = true;
    report();
  };
  const options = { capture: true, passive: true, signal };
  doc.addEventListener('pointerdown', (e) => use(e, true), options);
  doc.addEventListener('keydown', (e) => use(e, true), options);
  doc.addEventListener('pointermove', (e) => use(e, false), options);
  // Gone into another frame (or out of the window): the next use here is news again.
  doc.addEventListener(
    'pointerout',
    (e) => {
      const to = e.relatedTarget;
      if (e.isTrusted && (to === null || (to instanceof Element && /^(IFRAME|FRAME)$/.test(to.nodeName)))) reported = false;
    },
    options,
  );
  doc.defaultView?.addEventListener('blur', () => (reported = false), { signal });
  return state;
}
