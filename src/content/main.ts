import { browser } from 'wxt/browser';
import { findNumbers, type CountryCode } from 'libphonenumber-js';

/**
 * The content script. Detection and the overlay are their own issue; for now it answers the
 * popup's and the tests' `page:numbers` question with the numbers in this frame's text.
 */
export function startContent(signal: AbortSignal): void {
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== 'page:numbers')
      return undefined;
    return Promise.resolve({ numbers: numbersIn(document) });
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}

function numbersIn(doc: Document): { tel: string; text: string }[] {
  const region = /-([A-Z]{2})\b/.exec(doc.documentElement.lang.toUpperCase())?.[1] as CountryCode | undefined;
  const text = doc.body?.innerText ?? '';
  return findNumbers(text, { defaultCountry: region ?? 'US', v2: true }).map((m) => ({
    tel: m.number.ext ? `tel:${m.number.number};ext=${m.number.ext}` : `tel:${m.number.number}`,
    text: text.slice(m.startsAt, m.endsAt),
  }));
}
