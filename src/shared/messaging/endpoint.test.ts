import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { listenNotices, request, serveRequests } from './endpoint';

// Firefox: the softphone and the coordinator share the background page, and runtime
// messaging never reaches the sender's own listeners. Such messages go in-process, still
// through the envelope, the sender policy and the shape checks.
describe('in-process delivery', () => {
  let abort: AbortController;
  const url = (path: string) => (browser.runtime.getURL as (p: string) => string)(path);
  const here = (path: string) => vi.stubGlobal('location', { href: url(path) });

  beforeEach(() => {
    fakeBrowser.reset();
    abort = new AbortController();
  });
  afterEach(() => {
    abort.abort();
    vi.unstubAllGlobals();
  });

  it('answers a request from the same page without runtime.sendMessage', async () => {
    here('/_generated_background_page.html');
    const send = vi.spyOn(browser.runtime, 'sendMessage');
    serveRequests(
      'softphone',
      { 'softphone:dnd': { shape: { on: 'boolean' }, run: ({ on }: { on: boolean }, from: { url?: string }) => ({ ok: true as const, on, from: from.url }) } } as never,
      abort.signal,
    );
    const reply = (await request('softphone', 'softphone:dnd', { on: true })) as unknown as { on: boolean; from: string };
    expect(reply).toEqual({ ok: true, on: true, from: url('/_generated_background_page.html') });
    expect(send).not.toHaveBeenCalled();
  });

  it('still checks the sender: a page that may not use the channel is refused', async () => {
    here('/popup.html');
    const run = vi.fn(() => ({ ok: true as const }));
    serveRequests('softphone', { 'softphone:dnd': { shape: { on: 'boolean' }, run } } as never, abort.signal);
    await expect(request('softphone', 'softphone:dnd', { on: true })).rejects.toThrow(/popup may not use softphone/);
    expect(run).not.toHaveBeenCalled();
  });

  it('still checks the shape', async () => {
    here('/_generated_background_page.html');
    const run = vi.fn(() => ({ ok: true as const }));
    serveRequests('softphone', { 'softphone:dnd': { shape: { on: 'boolean' }, run } } as never, abort.signal);
    await expect(request('softphone', 'softphone:dnd', { on: 'yes' } as never)).rejects.toThrow();
    expect(run).not.toHaveBeenCalled();
  });

  it('hands the receiver a copy, not the sender’s object', async () => {
    here('/_generated_background_page.html');
    const seen: unknown[] = [];
    listenNotices('softphone-events', { 'softphone:changed': (snapshot) => seen.push(snapshot) }, abort.signal);
    const snapshot = { registration: { state: 'unconfigured' }, calls: [], tone: null, dnd: false, revision: 1 } as never;
    const { notify } = await import('./endpoint');
    await notify('softphone-events', 'softphone:changed', snapshot);
    expect(seen).toEqual([snapshot]);
    expect(seen[0]).not.toBe(snapshot);
  });

  it('stops delivering once the receiver’s signal aborts', async () => {
    here('/_generated_background_page.html');
    serveRequests('softphone', { 'softphone:dnd': { shape: { on: 'boolean' }, run: () => ({ ok: true as const }) } } as never, abort.signal);
    abort.abort();
    await expect(request('softphone', 'softphone:dnd', { on: true })).rejects.toThrow();
  });
});
