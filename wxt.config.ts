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
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'contextMenus', 'notifications', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    omnibox: { keyword: 'call' },
    commands: {
      _execute_action: { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_commandOpenDialer__' },
      answer: { suggested_key: { default: 'Ctrl+Shift+1' }, description: '__MSG_commandAnswer__', global: true },
      hangup: { suggested_key: { default: 'Ctrl+Shift+2' }, description: '__MSG_commandHangUp__', global: true },
      'call-selection': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: '__MSG_commandCallSelection__',
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
    action: { default_title: '__MSG_actionTitle__' },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'",
    },
  }),
});
