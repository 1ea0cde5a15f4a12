import { describe, expect, it } from 'vitest';
import { classifySender, type SelfIdentity, type SenderLike } from './sender';

const self: SelfIdentity = { id: 'offhookid', origin: 'chrome-extension://offhookid/' };
const page = (path: string): SenderLike => ({ id: self.id, url: `chrome-extension://offhookid${path}` });

describe('classifySender', () => {
  it.each([
    ['/popup.html', 'popup'],
    ['/options.html', 'options'],
    ['/offscreen.html', 'offscreen'],
    ['/background.js', 'background'],
    ['/_generated_background_page.html', 'background'],
  ] as const)('our page %s is the %s', (path, kind) => {
    expect(classifySender(page(path), self)).toBe(kind);
  });

  it('ignores a query or fragment on our page', () => {
    expect(classifySender(page('/options.html?from=install#account'), self)).toBe('options');
  });

  it('an options page opened in a tab is still the options page', () => {
    expect(classifySender({ ...page('/options.html'), tab: { id: 3 }, frameId: 0 }, self)).toBe('options');
  });

  it('an extension page we do not know is nobody', () => {
    expect(classifySender(page('/sandbox.html'), self)).toBeNull();
    expect(classifySender(page('/'), self)).toBeNull();
    expect(classifySender(page('/popup.html/evil'), self)).toBeNull();
  });

  it('a content script is a web URL in a tab and frame', () => {
    expect(classifySender({ id: self.id, url: 'https://example.com/contact', tab: { id: 7 }, frameId: 0 }, self)).toBe('content');
    expect(classifySender({ id: self.id, url: 'https://example.com/frame', tab: { id: 7 }, frameId: 12 }, self)).toBe('content');
  });

  it('a web URL without a tab or frame is nobody', () => {
    expect(classifySender({ id: self.id, url: 'https://example.com/' }, self)).toBeNull();
    expect(classifySender({ id: self.id, url: 'https://example.com/', tab: {} , frameId: 0 }, self)).toBeNull();
    expect(classifySender({ id: self.id, url: 'https://example.com/', tab: { id: 7 } }, self)).toBeNull();
  });

  // Another extension (or a web page via externally_connectable) must never pass as ours,
  // whatever URL it claims.
  it('anything from another extension is nobody, even with our page paths', () => {
    expect(classifySender({ id: 'otherid', url: 'chrome-extension://offhookid/popup.html' }, self)).toBeNull();
    expect(classifySender({ id: 'otherid', url: 'chrome-extension://otherid/popup.html' }, self)).toBeNull();
    expect(classifySender({ id: 'otherid', url: 'https://example.com/', tab: { id: 1 }, frameId: 0 }, self)).toBeNull();
    expect(classifySender({ url: 'chrome-extension://offhookid/popup.html' }, self)).toBeNull();
  });

  it('another extension whose id starts like ours is not ours', () => {
    const lookalike = { id: self.id, url: 'chrome-extension://offhookidx/popup.html' };
    expect(classifySender(lookalike, self)).toBeNull();
  });

  it('a sender without a URL is nobody', () => {
    expect(classifySender({ id: self.id }, self)).toBeNull();
    expect(classifySender({ id: self.id, tab: { id: 1 }, frameId: 0 }, self)).toBeNull();
  });

  it('works with Firefox moz-extension origins', () => {
    const fx: SelfIdentity = { id: 'offhook@example.org', origin: 'moz-extension://5b1c-uuid/' };
    expect(classifySender({ id: fx.id, url: 'moz-extension://5b1c-uuid/popup.html' }, fx)).toBe('popup');
  });
});
