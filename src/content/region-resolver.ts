import { regionFromHostname, regionFromLang } from '../detection/region';
import { closestComposed } from './scan/exclusion';

/**
 * The region that national-format numbers in a block belong to, most specific first: the
 * nearest `lang` with a region subtag (the document's own included), then the page's
 * country-code domain, then the user's default country.
 */
export function createRegionResolver(hostname: string, fallback: () => string | undefined) {
  const fromHost = regionFromHostname(hostname);
  return (block: Element): string | undefined => {
    let el: Element | null = closestComposed(block, '[lang]');
    while (el) {
      const region = regionFromLang(el.getAttribute('lang'));
      if (region) return region;
      const parent: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null);
      el = parent ? closestComposed(parent, '[lang]') : null;
    }
    return fromHost ?? fallback();
  };
}
