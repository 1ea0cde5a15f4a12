import { parseCallLink } from '../../shared/detection/call-link';

/**
 * Routes a person's clicks on tel:/callto:/sip: links to Offhook instead of the operating
 * system. Only the default action is prevented: the page's own handlers still run.
 */
export function interceptCallLinks(
  doc: Document,
  options: { enabled: () => boolean; region: (el: Element) => string | undefined; call: (target: string) => void },
  signal: AbortSignal,
): void {
  doc.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted || event.defaultPrevented || event.button !== 0 || !options.enabled()) return;
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      const link = event
        .composedPath()
        .find((t): t is HTMLAnchorElement => t instanceof HTMLAnchorElement && t.hasAttribute('href'));
      if (!link) return;
      const target = parseCallLink(link.getAttribute('href') ?? '', options.region(link));
      if (!target) return;
      event.preventDefault();
      options.call('tel' in target ? target.tel : target.sip);
    },
    { capture: false, signal },
  );
}
