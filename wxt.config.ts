import { defineConfig } from 'wxt';

// The manifest is written per browser: Chromium hosts the softphone in an offscreen
// document, Firefox (a later issue) has no such API and must not ask for the permission.
export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  // Test runs build into their own folder so two runs (or a run and a dev build) never
  // pull files out from under each other.
  outDir: process.env.OFFHOOK_OUT_DIR ?? '.output',
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: { sourcemap: false },
  }),
  manifest: ({ browser }) => ({
    name: 'Offhook',
    description: 'Click any phone number on any page to call it through your own phone system.',
    permissions: ['storage', 'contextMenus', 'notifications', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    omnibox: { keyword: 'call' },
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+O' }, description: 'Open the dialer' },
      answer: { suggested_key: { default: 'Ctrl+Shift+1' }, description: 'Answer the ringing call', global: true },
      hangup: { suggested_key: { default: 'Ctrl+Shift+2' }, description: 'Hang up, or decline a ringing call', global: true },
      'call-selection': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Call the selected number, or the number under the pointer',
      },
    },
    host_permissions: [],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'offhook@offhook.dev',
              strict_min_version: '140.0',
              // Offhook sends nothing anywhere but to the user's own PBX.
              data_collection_permissions: { required: ['none'] },
            },
          },
          // Firefox offers Offhook for tel: and sip: links opened anywhere, not only in pages.
          protocol_handlers: [
            { protocol: 'tel', name: 'Offhook', uriTemplate: '/popup.html?dial=%s' },
            { protocol: 'sip', name: 'Offhook', uriTemplate: '/popup.html?dial=%s' },
          ],
        }
      : {}),
    // The detection engine, imported by the content script only in frames that may hold a
    // number. A dynamic URL (Chromium) changes every session, so pages cannot probe for it.
    web_accessible_resources: [
      { resources: ['content-engine.js'], matches: ['<all_urls>'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) },
    ],
    action: { default_title: 'Offhook' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
  }),
});
