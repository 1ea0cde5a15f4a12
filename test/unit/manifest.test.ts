import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

type ManifestFn = (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Record<string, unknown>;
const manifest = (browser: string, mode = 'production') =>
  (config.manifest as ManifestFn)({ browser, manifestVersion: 3, mode, command: 'build' });

// The manifest is written per browser: Firefox has no offscreen documents and its store
// refuses permissions an add-on cannot use.
describe('manifest', () => {
  it('asks Chromium for the offscreen document the softphone lives in', () => {
    expect(manifest('chrome').permissions).toContain('offscreen');
  });

  it('does not ask Firefox for offscreen', () => {
    expect(manifest('firefox').permissions).not.toContain('offscreen');
  });

  it('keeps the strict MV3 policy: no remote code, no eval', () => {
    const csp = (manifest('chrome').content_security_policy as { extension_pages: string }).extension_pages;
    expect(csp).toBe("script-src 'self'; object-src 'self'");
  });

  it('takes its name and description from the user’s language, English by default', () => {
    for (const browser of ['chrome', 'firefox']) {
      const m = manifest(browser);
      expect(m.name).toBe('__MSG_extName__');
      expect(m.description).toBe('__MSG_extDescription__');
      expect(m.default_locale).toBe('en');
    }
  });

  it('exposes nothing to web pages or other extensions but the engine, behind a per-session address', () => {
    const m = manifest('chrome');
    expect(m).not.toHaveProperty('externally_connectable');
    // The content script imports the detection engine on demand; with use_dynamic_url a page
    // cannot fetch it by the fixed address (e2e: lazy-engine), so it cannot fingerprint Offhook.
    expect(m.web_accessible_resources).toEqual([
      { resources: ['content-engine.js'], matches: ['<all_urls>'], use_dynamic_url: true },
    ]);
  });
});

describe('Firefox manifest', () => {
  it('names the add-on, its minimum Firefox, and that it collects no data', () => {
    expect(manifest('firefox').browser_specific_settings).toEqual({
      gecko: { id: 'offhook@offhook.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
      gecko_android: { strict_min_version: '142.0' },
    });
  });

  it('keeps Firefox’s upgrade of ws:// to wss:// in the store build only', () => {
    const csp = (browser: string, mode: string) =>
      (manifest(browser, mode).content_security_policy as { extension_pages: string }).extension_pages;
    expect(csp('firefox', 'production')).toBe("script-src 'self'; object-src 'self'; upgrade-insecure-requests");
    expect(csp('firefox', 'development')).toBe("script-src 'self'; object-src 'self'");
    expect(csp('firefox', 'e2e')).toBe("script-src 'self'; object-src 'self'");
    expect(csp('chrome', 'production')).toBe("script-src 'self'; object-src 'self'");
  });

  it('offers Offhook for tel: and sip: links, to prefill the dialer (a person still presses Call)', () => {
    expect(manifest('firefox').protocol_handlers).toEqual([
      { protocol: 'tel', name: 'Offhook', uriTemplate: '/popup.html?dial=%s' },
      { protocol: 'sip', name: 'Offhook', uriTemplate: '/popup.html?dial=%s' },
    ]);
    expect(manifest('chrome')).not.toHaveProperty('protocol_handlers');
  });
});
