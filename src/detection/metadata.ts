import metadata from 'libphonenumber-js/min/metadata';

/**
 * The libphonenumber metadata the extension ships: 'min', chosen by measurement
 * (`npm run bench:detect`; engine bundled with esbuild, minified, gzip -9):
 *
 *   flavour  engine gzip  metadata gzip  corpus P / R       library alone P / R   random strings valid
 *   min      38.1 KB      18.5 KB        100% / 100%        62.1% / 92.3%         55%
 *   mobile   42.6 KB      23.0 KB        100% / 30.5%       62.6% / 29.7%         10%
 *   max      57.5 KB      38.0 KB        100% / 100%        64.8% / 92.3%         42%
 *
 * 'max' alone is over the content script's 45 KB gzip budget, and even with 'min' this folder
 * (engine, region, call-link) is about 42 KB of it. 'mobile' calls every fixed-line,
 * toll-free and shared-cost number invalid, so it loses two thirds of the corpus. 'min' finds
 * everything 'max' finds; its looser validation (it checks a country's overall number pattern,
 * not each type's) lets more look-alikes through on their own, which the labels and shapes in
 * this folder catch: with them, precision on the corpus is the same. What 'min' gives up is the
 * number's kind: it has type patterns only where countries share a calling code and need them
 * to tell which country a number is in (North America, GB, IT, AU on the corpus); elsewhere
 * `kind` is 'unknown', premium-rate numbers included.
 */
export const flavour = 'min';
export { metadata };
