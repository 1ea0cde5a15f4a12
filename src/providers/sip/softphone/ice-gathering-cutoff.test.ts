import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatheringCutoff, neededCandidates, SERVER_SIBLING_GRACE_MS, SIBLING_GRACE_MS } from './ice-gathering-cutoff';

const host = { type: 'host', protocol: 'udp' };
const hostTcp = { type: 'host', protocol: 'tcp' };
const srflx = { type: 'srflx', protocol: 'udp' };
const relay = { type: 'relay', protocol: 'udp' };

describe('neededCandidates', () => {
  it('needs a host candidate always, a reflexive one with STUN, a relayed one with TURN', () => {
    expect([...neededCandidates([])]).toEqual(['host']);
    expect([...neededCandidates([{ urls: 'stun:stun.example.org:3478' }])].sort()).toEqual(['host', 'srflx']);
    expect([...neededCandidates([{ urls: ['turns:turn.example.org', 'STUN:turn.example.org'], username: 'u', credential: 'c' }])].sort()).toEqual([
      'host',
      'relay',
      'srflx',
    ]);
  });
});

describe('GatheringCutoff', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('with no ICE server: enough a short grace after the first UDP host candidate, once', () => {
    const enough = vi.fn();
    const cutoff = new GatheringCutoff(neededCandidates([]), enough);
    cutoff.candidate(host);
    vi.advanceTimersByTime(SIBLING_GRACE_MS - 1);
    expect(enough).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(enough).toHaveBeenCalledTimes(1);
    cutoff.candidate(host);
    cutoff.candidate(null);
    vi.advanceTimersByTime(1000);
    expect(enough).toHaveBeenCalledTimes(1);
  });

  it('with host candidates only, the grace is a few milliseconds: Chromium gives every interface’s at once', () => {
    expect(SIBLING_GRACE_MS).toBeLessThanOrEqual(5);
    expect(SERVER_SIBLING_GRACE_MS).toBeGreaterThan(SIBLING_GRACE_MS);
    const enough = vi.fn();
    const cutoff = new GatheringCutoff(neededCandidates([]), enough);
    // Seven siblings 0.5 ms apart, as bench/ice-siblings.ts measured on four interfaces (the largest gap 1.2 ms).
    for (let i = 0; i < 7; i++) {
      cutoff.candidate(host);
      vi.advanceTimersByTime(0.5);
    }
    expect(enough).not.toHaveBeenCalled();
    vi.advanceTimersByTime(SIBLING_GRACE_MS);
    expect(enough).toHaveBeenCalledTimes(1);
  });

  it('never counts TCP candidates: those are what the browser’s "complete" waits for', () => {
    const enough = vi.fn();
    const cutoff = new GatheringCutoff(neededCandidates([]), enough);
    cutoff.candidate(hostTcp);
    cutoff.candidate({ type: 'prflx', protocol: 'udp' });
    vi.advanceTimersByTime(1000);
    expect(enough).not.toHaveBeenCalled();
  });

  it('with STUN and TURN: waits for a reflexive and a relayed candidate, and never without them', () => {
    const enough = vi.fn();
    const cutoff = new GatheringCutoff(neededCandidates([{ urls: 'stun:s.example.org' }, { urls: 'turn:t.example.org', username: 'u', credential: 'c' }]), enough);
    cutoff.candidate(host);
    cutoff.candidate(srflx);
    vi.advanceTimersByTime(500);
    expect(enough).not.toHaveBeenCalled();
    cutoff.candidate({ type: 'relay', protocol: 'tcp' });
    // A server answers each interface on its own time: the longer grace.
    vi.advanceTimersByTime(SERVER_SIBLING_GRACE_MS - 1);
    expect(enough).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(enough).toHaveBeenCalledTimes(1);

    const stunOnly = vi.fn();
    const silent = new GatheringCutoff(neededCandidates([{ urls: 'stun:s.example.org' }]), stunOnly);
    silent.candidate(host);
    silent.candidate(relay);
    vi.advanceTimersByTime(5000);
    expect(stunOnly).not.toHaveBeenCalled();
  });

  it('a sibling arriving in the grace moves the cut after it', () => {
    const enough = vi.fn();
    const cutoff = new GatheringCutoff(neededCandidates([]), enough);
    cutoff.candidate(host);
    vi.advanceTimersByTime(SIBLING_GRACE_MS - 5);
    cutoff.candidate(host);
    vi.advanceTimersByTime(SIBLING_GRACE_MS - 1);
    expect(enough).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(enough).toHaveBeenCalledTimes(1);
  });

  it('cuts each round again after an ICE restart, and nothing after it is disposed', () => {
    const enough = vi.fn();
    const cutoff = new GatheringCutoff(neededCandidates([]), enough);
    cutoff.candidate(host);
    vi.advanceTimersByTime(SIBLING_GRACE_MS);
    cutoff.restart();
    cutoff.candidate(host);
    vi.advanceTimersByTime(SIBLING_GRACE_MS);
    expect(enough).toHaveBeenCalledTimes(2);
    cutoff.restart();
    cutoff.candidate(host);
    cutoff.dispose();
    vi.advanceTimersByTime(1000);
    expect(enough).toHaveBeenCalledTimes(2);
  });
});
