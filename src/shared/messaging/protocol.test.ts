import { describe, expect, it } from 'vitest';
import { isEnvelope } from './protocol';

const envelope = { offhook: 1, channel: 'coordinator', kind: 'request', type: 'call:dial', payload: { target: '1001' } };

describe('isEnvelope', () => {
  it('accepts a request and a notice', () => {
    expect(isEnvelope(envelope)).toBe(true);
    expect(isEnvelope({ ...envelope, kind: 'notice', payload: {} })).toBe(true);
  });

  it('refuses extra keys, which no sender of ours writes', () => {
    expect(isEnvelope({ ...envelope, from: 'popup' })).toBe(false);
  });

  it.each([
    ['another version', { offhook: 2 }],
    ['a missing marker', { offhook: undefined }],
    ['the marker as text', { offhook: '1' }],
    ['an unknown kind', { kind: 'reply' }],
    ['a numeric channel', { channel: 1 }],
    ['a missing type', { type: undefined }],
    ['a null payload', { payload: null }],
    ['a text payload', { payload: 'x' }],
  ])('refuses %s', (_, change) => {
    expect(isEnvelope({ ...envelope, ...change })).toBe(false);
  });

  it('refuses a message without a field even when another takes its place', () => {
    const { type: _type, ...rest } = envelope;
    expect(isEnvelope({ ...rest, kind2: 'x' })).toBe(false);
  });

  it.each([null, undefined, 'x', 1, [], ['offhook']])('refuses %j', (message) => {
    expect(isEnvelope(message)).toBe(false);
  });

  it('refuses fields inherited rather than own', () => {
    expect(isEnvelope(Object.create(envelope))).toBe(false);
  });

  it('refuses messages from other extensions or libraries', () => {
    expect(isEnvelope({ type: 'call:dial', payload: {} })).toBe(false);
    expect(isEnvelope({ action: 'ping' })).toBe(false);
  });
});
