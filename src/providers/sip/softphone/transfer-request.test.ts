import { NameAddrHeader, URI } from 'sip.js';
import { Grammar } from 'sip.js/lib/grammar/grammar.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { referTarget, TransferPrompts, type ReferralLike } from './transfer-request';

/** A Refer-To header as sip.js parses it from the wire. */
function referTo(value: string) {
  const parsed = Grammar.nameAddrHeaderParse(value);
  if (!(parsed instanceof NameAddrHeader) || !(parsed.uri instanceof URI)) throw new Error(`unparsable: ${value}`);
  return { referTo: { uri: parsed.uri } } as unknown as Pick<ReferralLike, 'referTo'>;
}

describe('referTarget', () => {
  it('takes a sip: address, and an attended transfer with Replaces', () => {
    expect(referTarget(referTo('<sip:carol@offhook.test>'))).toEqual({ ok: true, uri: 'sip:carol@offhook.test', user: 'carol', host: 'offhook.test' });
    const attended = referTarget(referTo('<sip:carol@offhook.test?Replaces=abc%40x%3Bto-tag%3D1%3Bfrom-tag%3D2>'));
    expect(attended).toMatchObject({ ok: true, uri: 'sip:carol@offhook.test' });
  });

  it.each([
    ['<sip:carol@offhook.test;method=BYE>', 'method BYE'],
    ['<sip:carol@offhook.test?Call-Info=%3Csip:x%3E%3Banswer-after%3D0>', 'URI headers Call-Info'],
    ['<sip:carol@offhook.test?Subject=hi&Replaces=x>', 'URI headers Subject'],
  ])('refuses %s (%s)', (header, reason) => {
    expect(referTarget(referTo(header))).toEqual({ ok: false, reason });
  });

  it('refuses a Refer-To that cannot be read', () => {
    const broken = { referTo: { get uri(): never { throw new Error('Failed to parse Refer-To header.'); } } };
    expect(referTarget(broken as unknown as Pick<ReferralLike, 'referTo'>)).toEqual({ ok: false, reason: 'unreadable Refer-To' });
  });
});

describe('TransferPrompts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const referral = () => ({ referTo: {} as never, accept: vi.fn(async () => undefined), reject: vi.fn(async () => undefined) });

  it('holds a request until the user accepts it, exactly once', async () => {
    const expired = vi.fn();
    const prompts = new TransferPrompts(expired, 20_000);
    const r = referral();
    prompts.ask('c1', r);
    expect(prompts.has('c1')).toBe(true);
    expect(await prompts.answer('c1', true)).toBe(r);
    expect(r.accept).toHaveBeenCalledOnce();
    expect(await prompts.answer('c1', false)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(r.reject).not.toHaveBeenCalled();
    expect(expired).not.toHaveBeenCalled();
  });

  it('declines with 603 when the user does not answer in time', async () => {
    const expired = vi.fn();
    const prompts = new TransferPrompts(expired, 20_000);
    const r = referral();
    prompts.ask('c1', r);
    await vi.advanceTimersByTimeAsync(19_999);
    expect(r.reject).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(r.reject).toHaveBeenCalledWith({ statusCode: 603 });
    expect(expired).toHaveBeenCalledWith('c1');
    expect(prompts.has('c1')).toBe(false);
  });

  it('declines the request of a call that ended before the user answered', async () => {
    const prompts = new TransferPrompts(vi.fn());
    const r = referral();
    prompts.ask('c1', r);
    prompts.drop('c1');
    expect(r.reject).toHaveBeenCalledWith({ statusCode: 603 });
    expect(await prompts.answer('c1', true)).toBeUndefined();
    expect(r.accept).not.toHaveBeenCalled();
  });
});
