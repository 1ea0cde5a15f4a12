import { describe, expect, it } from 'vitest';
import { matchesSite, parseSitePattern } from './site-patterns';

const matches = (pattern: string, url: string) => matchesSite(parseSitePattern(pattern)!, url);

describe('site patterns', () => {
  it('reads the browsers’ match patterns', () => {
    expect(matches('https://*.example.com/*', 'https://crm.example.com/a?b=1')).toBe(true);
    expect(matches('https://*.example.com/*', 'https://example.com/')).toBe(true);
    expect(matches('https://*.example.com/*', 'http://crm.example.com/')).toBe(false);
    expect(matches('https://*.example.com/*', 'https://badexample.com/')).toBe(false);
    expect(matches('*://crm.example.com/accounts/*', 'http://crm.example.com/accounts/42')).toBe(true);
    expect(matches('*://crm.example.com/accounts/*', 'https://crm.example.com/leads/42')).toBe(false);
    expect(matches('*://*/*', 'https://anything.test/x')).toBe(true);
  });

  it('reads a bare host as that host, and *.host as it and its subdomains, any scheme and path', () => {
    expect(matches('example.com', 'http://example.com/x')).toBe(true);
    expect(matches('example.com', 'https://www.example.com/')).toBe(false);
    expect(matches('*.example.com', 'https://a.b.example.com/deep/path')).toBe(true);
    expect(matches('*.Example.COM', 'https://EXAMPLE.com/')).toBe(true);
    expect(matches('127.0.0.1', 'http://127.0.0.1:8080/page')).toBe(true);
  });

  it('never matches a page that is not http or https', () => {
    expect(matches('*://*/*', 'file:///etc/passwd')).toBe(false);
    expect(matches('example.com', 'not a url')).toBe(false);
  });

  it('refuses what is not a pattern', () => {
    for (const bad of ['', 'ftp://example.com/*', 'https://exa*mple.com/*', 'https://example.com', 'exa mple.com', '*.', 'https://*.example.com', '//x/']) {
      expect(parseSitePattern(bad), bad).toBeUndefined();
    }
  });
});
