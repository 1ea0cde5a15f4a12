/** What the build knows of the files a built page refers to, by their address in the page. */
export interface BuiltFiles {
  /** A stylesheet's text. */
  stylesheet(href: string): string | undefined;
  /** The modules bundled into a module script and the chunks it imports. */
  scriptModules(src: string): string[] | undefined;
}

/** WXT's runtime plugins (Offhook has none), Vite's modulepreload polyfill (the popup has no
 * preloads), and the empty module a stylesheet leaves behind. */
const NEEDLESS_MODULE = /^\0virtual:wxt-|^\0vite\/modulepreload-polyfill|\.css$/;

/**
 * The built popup.html, made to need one fetch before the popup can draw: its script. Run at
 * build time on the HTML Vite wrote (wxt.config.ts).
 *
 * - WXT adds module scripts to every HTML page it builds (`virtual:wxt-html-plugins` and
 *   what it imports). In the popup they run nothing it needs, and each is one more request.
 * - The stylesheet is written into the page, so it needs no request either. The extension's
 *   policy restricts scripts, not styles, in Chromium and Firefox alike.
 *
 * In an extension page every subresource is served by the browser's UI thread, which is busy
 * finishing the navigation just then; with five requests the script's answer came after the
 * others', 15–40 ms after it was asked for. Throws when the page holds anything else, so a
 * change in WXT or Vite fails the build instead of quietly bringing requests back.
 */
export function leanPopupHtml(html: string, built: BuiltFiles): string {
  let out = html.replace(/[ \t]*<script type="module"[^>]*\ssrc="([^"]+)"[^>]*><\/script>\n?/g, (tag, src: string) => {
    const modules = built.scriptModules(src);
    if (!modules?.length || !modules.every((id) => NEEDLESS_MODULE.test(id)))
      throw new Error(`popup.html: unexpected ${tag.trim()} (${modules?.join(', ') ?? 'not built'}); the popup should need only its own script`);
    return '';
  });
  out = out.replace(/<link rel="stylesheet"[^>]*\shref="([^"]+)"[^>]*>/g, (_tag, href: string) => {
    const css = built.stylesheet(href);
    if (css === undefined) throw new Error(`popup.html: no built stylesheet at ${href}`);
    if (/<\/style/i.test(css)) throw new Error(`popup.html: the stylesheet at ${href} cannot be written into the page`);
    return `<style>${css.trim()}</style>`;
  });
  const left = out.match(/<script type="module"[^>]*>|<link [^>]*rel="(?:stylesheet|modulepreload|preload)"[^>]*>/);
  if (left) throw new Error(`popup.html: unexpected ${left[0]}; the popup should need only its own script`);
  return out;
}
