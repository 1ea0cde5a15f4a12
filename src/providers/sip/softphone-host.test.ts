import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../shared/account/account';
import type { OffscreenPlatform } from '../../platform/offscreen';

const asked: string[] = [];
let configured = false;

vi.mock('../../shared/messaging/endpoint', async (importActual) => ({
  ...(await importActual<typeof import('../../shared/messaging/endpoint')>()),
  request: vi.fn(async (_channel: string, type: string, payload: { account?: Account | null }) => {
    asked.push(type);
    if (type === 'softphone:snapshot') return { registration: { state: configured ? 'registered' : 'unconfigured' }, calls: [], configured };
    if (type === 'softphone:configure') {
      configured = Boolean(payload.account);
      return { registration: { state: configured ? 'registering' : 'unconfigured' }, calls: [] };
    }
    return { ok: true };
  }),
}));

const { SoftphoneHost } = await import('./softphone-host');
const { request } = await import('../../shared/messaging/endpoint');

/** A browser with at most one offscreen document; a new one gets a new id. */
function fakeBrowser() {
  let id: string | null = null;
  let made = 0;
  const platform: OffscreenPlatform = {
    documentId: vi.fn(async () => id),
    createDocument: vi.fn(async () => {
      id = `doc-${++made}`;
      configured = false;
    }),
  };
  return { platform, close: () => ((id = null), (configured = false)) };
}

const account = { kind: 'sip', username: 'alice' } as unknown as Account;
const dial = () => request('softphone', 'softphone:dial', { target: '+15550100' });

describe('SoftphoneHost', () => {
  beforeEach(() => {
    asked.length = 0;
    configured = false;
  });

  it('creates and configures the document once, then sends requests without reading its state again', async () => {
    const browser = fakeBrowser();
    const host = new SoftphoneHost(browser.platform, async () => account);
    await host.send(dial);
    expect(asked).toEqual(['softphone:snapshot', 'softphone:configure', 'softphone:dial']);
    asked.length = 0;
    await host.send(dial);
    await host.send(dial);
    expect(asked).toEqual(['softphone:dial', 'softphone:dial']);
    expect(browser.platform.createDocument).toHaveBeenCalledTimes(1);
  });

  it('a document gone since (closed, crashed) is made and configured anew before the request', async () => {
    const browser = fakeBrowser();
    const host = new SoftphoneHost(browser.platform, async () => account);
    await host.send(dial);
    browser.close();
    asked.length = 0;
    await host.send(dial);
    expect(asked).toEqual(['softphone:snapshot', 'softphone:configure', 'softphone:dial']);
    expect(browser.platform.createDocument).toHaveBeenCalledTimes(2);
  });

  it('without an account, every request checks the state again (an account may come)', async () => {
    const browser = fakeBrowser();
    let stored: Account | null = null;
    const host = new SoftphoneHost(browser.platform, async () => stored);
    await host.send(dial);
    await host.send(dial);
    expect(asked).toEqual(['softphone:snapshot', 'softphone:dial', 'softphone:snapshot', 'softphone:dial']);
    stored = account;
    asked.length = 0;
    await host.send(dial);
    expect(asked).toEqual(['softphone:snapshot', 'softphone:configure', 'softphone:dial']);
  });

  it('after the account is taken off, the next request reads the state again', async () => {
    const browser = fakeBrowser();
    let stored: Account | null = account;
    const host = new SoftphoneHost(browser.platform, async () => stored);
    await host.send(dial);
    stored = null;
    await host.configure(null);
    asked.length = 0;
    await host.send(dial);
    expect(asked).toEqual(['softphone:snapshot', 'softphone:dial']);
  });
});
