import { describe, expect, it } from 'vitest';
import { confirmationFor, PageCalls, PAGE_CALL_INTERVAL_MS } from './page-calls';

const tab = (discarded = false) => ({ get: async (id: number) => (id === 7 ? { discarded } : Promise.reject(new Error('No tab'))) });
const from = (extra: object = {}) => ({ id: 'x', url: 'https://shop.example/', tab: { id: 7 }, frameId: 0, ...extra }) as never;

describe('calls from pages', () => {
  it('lets a live frame call once every few seconds per tab', async () => {
    let now = 1000;
    const calls = new PageCalls(tab(), () => now);
    expect(await calls.refuse(from())).toBeUndefined();
    now += PAGE_CALL_INTERVAL_MS - 1;
    expect(await calls.refuse(from({ frameId: 3 }))).toBe('too-soon');
    now += 1;
    expect(await calls.refuse(from())).toBeUndefined();
  });

  it.each([
    ['no tab', { tab: undefined }],
    ['a tab that is gone', { tab: { id: 8 } }],
    ['no frame', { frameId: undefined }],
    ['a page in the back/forward cache', { documentLifecycle: 'cached' }],
    ['a prerendered page', { documentLifecycle: 'prerender' }],
  ])('refuses %s', async (_, extra) => {
    expect(await new PageCalls(tab()).refuse(from(extra))).toBe('no-frame');
  });

  it('refuses a discarded tab', async () => {
    expect(await new PageCalls(tab(true)).refuse(from())).toBe('no-frame');
  });
});

describe('what a page call must confirm', () => {
  const own = ['offhook.test', '127.0.0.1'];
  it.each([
    ['tel:+19005550100', 'premium-rate', 'premium'],
    ['tel:+448449990000', 'shared-cost', 'premium'],
    ['tel:+999123', 'unknown', 'unusual'],
    ['tel:+14155550142', 'fixed-line-or-mobile', undefined],
    ['sip:bob@offhook.test', 'unknown', undefined],
    ['sip:bob@OFFHOOK.test', 'unknown', undefined],
  ] as const)('%s (%s): %s', (target, kind, reason) => {
    expect(confirmationFor(target, kind, own)).toBe(reason);
  });

  it('names the foreign host of a SIP address', () => {
    expect(confirmationFor('sip:boss@evil.example', 'unknown', own)).toEqual({ host: 'evil.example' });
  });
});
