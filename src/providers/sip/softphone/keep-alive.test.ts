import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('sip.js', () => ({ UserAgent: { makeURI: (s: string) => ({ toString: () => s }) } }));
const { KeepAlive } = await import('./keep-alive');

type Delegate = { onAccept?: () => void; onReject?: () => void };

function fakeUa(answer: 'accept' | 'reject' | 'silence', connected = true) {
  const sent: string[] = [];
  const ua = {
    isConnected: () => connected,
    configuration: { uri: 'sip:alice@pbx.example' },
    userAgentCore: {
      makeOutgoingRequestMessage: (method: string) => ({ method }),
      request: (message: { method: string }, delegate: Delegate) => {
        sent.push(message.method);
        if (answer === 'accept') setTimeout(() => delegate.onAccept?.(), 10);
        if (answer === 'reject') setTimeout(() => delegate.onReject?.(), 10);
      },
    },
  };
  return { ua: ua as never, sent };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('keep-alive', () => {
  it('sends an OPTIONS every interval and is content with any answer, even an error', async () => {
    for (const answer of ['accept', 'reject'] as const) {
      const { ua, sent } = fakeUa(answer);
      const dead = vi.fn();
      const keepAlive = new KeepAlive(ua, 'pbx.example', dead, 10_000, 4_000);
      keepAlive.start();
      await vi.advanceTimersByTimeAsync(30_500);
      expect(sent).toEqual(['OPTIONS', 'OPTIONS', 'OPTIONS']);
      expect(dead).not.toHaveBeenCalled();
      keepAlive.stop();
    }
  });

  it('calls a silent server dead after the deadline', async () => {
    const { ua } = fakeUa('silence');
    const dead = vi.fn();
    const keepAlive = new KeepAlive(ua, 'pbx.example', dead, 10_000, 4_000);
    keepAlive.start();
    await vi.advanceTimersByTimeAsync(13_900);
    expect(dead).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(dead).toHaveBeenCalledOnce();
    keepAlive.stop();
  });

  it('does not probe while disconnected (reconnecting is already under way)', async () => {
    const { ua, sent } = fakeUa('silence', false);
    const dead = vi.fn();
    const keepAlive = new KeepAlive(ua, 'pbx.example', dead, 10_000, 4_000);
    keepAlive.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toEqual([]);
    expect(dead).not.toHaveBeenCalled();
    keepAlive.stop();
  });

  it('stops cleanly: no probe and no verdict after stop()', async () => {
    const { ua, sent } = fakeUa('silence');
    const dead = vi.fn();
    const keepAlive = new KeepAlive(ua, 'pbx.example', dead, 10_000, 4_000);
    keepAlive.start();
    await vi.advanceTimersByTimeAsync(11_000);
    keepAlive.stop();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(sent).toEqual(['OPTIONS']);
    expect(dead).not.toHaveBeenCalled();
  });
});
