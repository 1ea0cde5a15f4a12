import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import { HIGHLIGHT_CSS, HIGHLIGHT_CSS_FILE } from './src/content/overlay/highlight-style';
import { leanPopupHtml } from './src/faces/popup/lean-popup-html';
import { bundleWebexCalling, WEBEX_CALLING_FILE } from './scripts/webex-calling/bundle';
import { bundleGenesysWebrtc, GENESYS_WEBRTC_FILE } from './scripts/genesys-webrtc/bundle';

// The manifest is written per browser: Chromium hosts the softphone in an offscreen
// document, Firefox (a later issue) has no such API and must not ask for the permission.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  manifestVersion: 3,
  // Test runs build into their own folder so two runs (or a run and a dev build) never
  // pull files out from under each other.
  outDir: process.env.OFFHOOK_OUT_DIR ?? '.output',
  hooks: {
    // The highlight rule as a file, generated from the one the content script registers; the
    // vendors' SDKs for "Offhook is my Webex phone" and "… my Genesys phone", built side by side
    // (scripts/webex-calling/bundle.ts, scripts/genesys-webrtc/bundle.ts).
    'build:publicAssets': async (_wxt, files) => {
      const [webex, genesys] = await Promise.all([bundleWebexCalling(), bundleGenesysWebrtc()]);
      files.push({ relativeDest: HIGHLIGHT_CSS_FILE, contents: HIGHLIGHT_CSS });
      files.push({ relativeDest: WEBEX_CALLING_FILE, contents: webex });
      files.push({ relativeDest: GENESYS_WEBRTC_FILE, contents: genesys });
    },
    // The detection engine takes the browser's namespace as it is, without the polyfill
    // (src/content/engine-namespace.ts says why); every other build keeps browser-namespace.ts.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.length !== 1 || entrypoints[0]!.name !== 'content-engine') return;
      const engineNamespace = fileURLToPath(new URL('./src/content/engine-namespace.ts', import.meta.url));
      config.resolve ??= {};
      const alias = config.resolve.alias;
      const first = { find: 'wxt/browser', replacement: engineNamespace };
      // The first matching alias wins.
      config.resolve.alias = Array.isArray(alias) ? [first, ...alias] : [first, ...Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement }))];
    },
  },
  vite: (env) => ({
    // `wxt/browser` is the browser's own namespace, or webextension-polyfill where there is
    // none (src/platform/browser-namespace.ts says why it is not always the polyfill).
    resolve: { alias: { 'wxt/browser': fileURLToPath(new URL('./src/platform/browser-namespace.ts', import.meta.url)) } },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { sourcemap: false },
    // `wxt dev` builds the pages with its dev server's scripts (the reload client): left alone.
    plugins: env.command === 'serve' ? [] : [leanPopupPage()],
  }),
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // identity: Genesys Cloud's sign-in in the browser's own auth window (launchWebAuthFlow).
    permissions: ['storage', 'contextMenus', 'notifications', 'alarms', 'identity', ...(browser === 'firefox' ? [] : ['offscreen'])],
    omnibox: { keyword: 'call' },
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_commandOpenDialer__' },
      answer: { suggested_key: { default: 'Ctrl+Shift+1' }, description: '__MSG_commandAnswer__', global: true },
      hangup: { suggested_key: { default: 'Ctrl+Shift+2' }, description: '__MSG_commandHangUp__', global: true },
      'call-selection': {
        // Not Alt+Shift+C: Chromium keeps that (and Alt+Shift+P) for itself and leaves a
        // command suggesting it unbound (test/e2e-x11/shortcuts-menus.e2e.test.ts).
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_commandCallSelection__',
      },
    },
    host_permissions: [],
    // What an admin may set by policy (Chrome/Edge: 3rdparty.extensions.<id>; docs/admin.md, "Every key").
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'offhook@offhook.dev',
              strict_min_version: '140.0',
              // Offhook sends nothing anywhere but to the user's own PBX.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android knows data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
          // Firefox offers Offhook for tel: and sip: links opened anywhere, not only in pages.
          protocol_handlers: [
            { protocol: 'tel', name: 'Offhook', uriTemplate: '/popup.html?dial=%s' },
            { protocol: 'sip', name: 'Offhook', uriTemplate: '/popup.html?dial=%s' },
          ],
        }
      : {}),
    // The loader (entrypoints/content-loader.ts), in every frame. It is declared here rather
    // than through WXT's defineContentScript, whose wrapper would add webextension-polyfill
    // and WXT's content-script context to every frame of every page.
    content_scripts: [
      {
        matches: ['<all_urls>'],
        all_frames: true,
        match_about_blank: true,
        // about:blank, srcdoc and data: frames take their opener's origin: numbers there count too.
        match_origin_as_fallback: true,
        run_at: 'document_idle',
        js: ['content-loader.js'],
        // The numbers' highlight rule. The browser applies a manifest stylesheet before the
        // page is built (whatever run_at says), so marking a loaded page costs no style
        // recalculation (src/content/overlay/highlight-style.ts).
        css: [HIGHLIGHT_CSS_FILE],
      },
    ],
    // The detection engine, imported by the content script only in frames that may hold a
    // number. A dynamic URL (Chromium) changes every session, so pages cannot probe for it.
    web_accessible_resources: [
      { resources: ['content-engine.js'], matches: ['<all_urls>'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) },
    ],
    action: { default_title: '__MSG_actionTitle__' },
    content_security_policy: {
      extension_pages: extensionPagesCsp(browser, mode),
    },
  }),
});

/**
 * Chromium leaves ws:// alone. Firefox's default MV3 policy adds upgrade-insecure-requests,
 * which turns ws://127.0.0.1 into wss:// and so breaks a local development PBX (and the
 * test harness's Kamailio). Only development and end-to-end builds for Firefox drop it;
 * the Firefox store package keeps Firefox's strict default.
 */
function extensionPagesCsp(browser: string, mode: string): string {
  const base = "script-src 'self'; object-src 'self'";
  if (browser !== 'firefox' || mode === 'development' || mode === 'e2e') return base;
  return `${base}; upgrade-insecure-requests`;
}

/** popup.html as built, but needing only its script (src/faces/popup/lean-popup-html.ts says
 * why). Not in `wxt dev`, whose pages load its dev server's client. */
function leanPopupPage(): Plugin {
  return {
    name: 'offhook:lean-popup-page',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.path.endsWith('/entrypoints/popup/index.html')) return html;
        const file = (address: string) => ctx.bundle?.[address.replace(/^\//, '')];
        // A chunk's own modules and those of the chunks it imports, which the page loads too.
        const modules = (address: string, seen = new Set<string>()): string[] => {
          const chunk = file(address);
          if (chunk?.type !== 'chunk' || seen.has(address)) return [];
          seen.add(address);
          return [...chunk.moduleIds, ...chunk.imports.flatMap((imported) => modules(imported, seen))];
        };
        return leanPopupHtml(html, {
          stylesheet: (href) => {
            const asset = file(href);
            return asset?.type === 'asset' ? String(asset.source) : undefined;
          },
          scriptModules: (src) => (file(src)?.type === 'chunk' ? modules(src) : undefined),
        });
      },
    },
  };
}
