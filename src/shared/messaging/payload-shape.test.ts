import { describe, expect, it } from 'vitest';
import { checkShape, type Shape } from './payload-shape';

const decline: Shape = { callId: 'string', status: 'number' };

describe('checkShape', () => {
  it('accepts a payload of exactly the shape', () => {
    expect(checkShape({ callId: 'c1', status: 486 }, decline)).toBeUndefined();
    expect(checkShape({}, {})).toBeUndefined();
  });

  it.each([null, undefined, 'text', 42, [], [{ callId: 'c1', status: 486 }]])('refuses %j as not an object', (payload) => {
    expect(checkShape(payload, decline)).toBe('payload is not an object');
  });

  it('refuses a missing field', () => {
    expect(checkShape({ callId: 'c1' }, decline)).toBe('missing field "status"');
  });

  it('refuses a field of the wrong type', () => {
    expect(checkShape({ callId: 1, status: 486 }, decline)).toBe('field "callId" must be a string');
    expect(checkShape({ callId: 'c1', status: '486' }, decline)).toBe('field "status" must be a number');
  });

  // A receiver passes the payload on; a field it did not expect could ride along into the
  // softphone unchecked.
  it('refuses a field the shape does not name', () => {
    expect(checkShape({ callId: 'c1', status: 486, sdp: 'v=0' }, decline)).toBe('unexpected field "sdp"');
    expect(checkShape({ x: 1 }, {})).toBe('unexpected field "x"');
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__'])(
    'refuses an unexpected field named like an Object method (%s)',
    (key) => {
      const payload = JSON.parse(`{"callId":"c1","status":486,"${key}":"x"}`) as unknown;
      expect(checkShape(payload, decline)).toBe(`unexpected field "${key}"`);
    },
  );

  it('lets optional fields be absent, but checks them when present', () => {
    const shape: Shape = { withMedia: 'boolean?', note: 'string?', count: 'number?', extra: 'object?' };
    expect(checkShape({}, shape)).toBeUndefined();
    expect(checkShape({ withMedia: true, note: 'n', count: 1, extra: {} }, shape)).toBeUndefined();
    expect(checkShape({ withMedia: 'yes' }, shape)).toBe('field "withMedia" must be a boolean');
    expect(checkShape({ note: 3 }, shape)).toBe('field "note" must be a string');
    expect(checkShape({ extra: null }, shape)).toBe('field "extra" must be an object');
  });

  it('an object field takes a plain object only', () => {
    const shape: Shape = { input: 'object' };
    expect(checkShape({ input: { server: 'x' } }, shape)).toBeUndefined();
    expect(checkShape({ input: null }, shape)).toBe('field "input" must be an object');
    expect(checkShape({ input: [] }, shape)).toBe('field "input" must be an object');
    expect(checkShape({ input: 'x' }, shape)).toBe('field "input" must be an object');
    expect(checkShape({}, shape)).toBe('missing field "input"');
  });

  it('a null|object field takes null or a plain object', () => {
    const shape: Shape = { account: 'null|object' };
    expect(checkShape({ account: null }, shape)).toBeUndefined();
    expect(checkShape({ account: { server: 'x' } }, shape)).toBeUndefined();
    expect(checkShape({ account: [] }, shape)).toBe('field "account" must be an object or null');
    expect(checkShape({ account: 'x' }, shape)).toBe('field "account" must be an object or null');
    expect(checkShape({}, shape)).toBe('missing field "account"');
  });
});
