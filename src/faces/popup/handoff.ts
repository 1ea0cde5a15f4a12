/** The popup's two scripts (entrypoints/popup-app.ts, entrypoints/popup-formatter.ts) are
 * each one file, loaded without a module graph; the formatter hands itself over through
 * this global of the popup's own page. */
export const FORMATTER_FILE = 'popup-formatter.js';
export const FORMATTER_GLOBAL = '__offhookDialFormatter' as const;

export type DialFormatterFactory = (browserLocale: string) => Promise<(text: string) => string>;
