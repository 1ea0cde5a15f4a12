import { describe, expect, it } from 'vitest';
import { leanPopupHtml, type BuiltFiles } from './lean-popup-html';

// What Vite writes for entrypoints/popup/index.html (WXT 0.21, Vite 8) in the Chromium build;
// the Firefox build names the second chunk after the stylesheet (faces-*.js) instead.
const built = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Offhook</title>
    <script defer src="/popup-app.js"></script>
    <script type="module" crossorigin src="/chunks/_virtual_wxt-plugins-DB4ZMZxa.js"></script>
    <script type="module" crossorigin src="/chunks/_virtual_wxt-html-plugins-BaAyCpKt.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/faces-tDKS4phR.css">
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>`;

const files: BuiltFiles = {
  stylesheet: (href) => (href === '/assets/faces-tDKS4phR.css' ? '.status{margin:0}\n' : undefined),
  scriptModules: (src) =>
    ({
      '/chunks/_virtual_wxt-plugins-DB4ZMZxa.js': ['\0virtual:wxt-plugins'],
      '/chunks/_virtual_wxt-html-plugins-BaAyCpKt.js': ['\0vite/modulepreload-polyfill.js', '\0virtual:wxt-html-plugins', '\0virtual:wxt-plugins', '/x/assets/faces.css'],
      '/chunks/app.js': ['/x/src/faces/popup/popup.tsx'],
    })[src],
};

describe('leanPopupHtml', () => {
  it("drops WXT's module scripts and writes the stylesheet into the page: one script is left", () => {
    const out = leanPopupHtml(built, files);
    expect(out).not.toContain('_virtual_wxt');
    expect(out).not.toContain('<link');
    expect(out).toContain('<style>.status{margin:0}</style>');
    expect(out.match(/<script\b[^>]*>/g)).toEqual(['<script defer src="/popup-app.js">']);
  });

  it('fails the build for a stylesheet it cannot find or inline', () => {
    expect(() => leanPopupHtml(built, { ...files, stylesheet: () => undefined })).toThrow(/no built stylesheet/);
    expect(() => leanPopupHtml(built, { ...files, stylesheet: () => 'a{}</style><script>' })).toThrow(/cannot be written/);
  });

  it('fails the build for a module script that runs code of its own, or a preload', () => {
    const app = built.replace('</head>', '<script type="module" crossorigin src="/chunks/app.js"></script></head>');
    expect(() => leanPopupHtml(app, files)).toThrow(/unexpected <script type="module" crossorigin src="\/chunks\/app.js">/);
    const unknown = built.replace('</head>', '<script type="module" src="/chunks/unknown.js"></script></head>');
    expect(() => leanPopupHtml(unknown, files)).toThrow(/not built/);
    const preload = built.replace('</head>', '<link rel="modulepreload" href="/chunks/x.js"></head>');
    expect(() => leanPopupHtml(preload, files)).toThrow(/unexpected <link/);
  });
});
