import { describe, expect, it } from 'vitest';
import { readAccountInput } from './account-input';

const form = {
  server: 'wss://pbx.example.com/ws',
  username: 'alice',
  authUsername: '',
  domain: 'pbx.example.com',
  displayName: 'Alice',
  password: '',
  ha1: '',
  iceServers: '',
};

describe('readAccountInput', () => {
  it('passes the whole form through as typed', () => {
    expect(readAccountInput({ ...form })).toEqual(form);
  });

  it('needs only server, username and domain', () => {
    const minimal = { server: 'wss://x/ws', username: 'a', domain: 'x' };
    expect(readAccountInput(minimal)).toEqual(minimal);
  });

  it('does not validate the values themselves; that is validateAccount’s job', () => {
    expect(readAccountInput({ server: '', username: '', domain: '' })).toEqual({ server: '', username: '', domain: '' });
  });

  // Only the options page sends this, but the coordinator stores what it is given: nothing
  // it does not know may slip into the saved account.
  it.each(['iceServer', 'secret', '__proto__', 'constructor'])('refuses the unknown field %s', (key) => {
    // Parsed from JSON, as a message payload would be, so "__proto__" is an own field.
    const payload = JSON.parse(JSON.stringify({ ...form, [key]: 'x' })) as unknown;
    expect(() => readAccountInput(payload)).toThrow(`Unknown account field "${key}".`);
  });

  it.each([
    ['a number', { password: 1234 }],
    ['null', { ha1: null }],
    ['a list', { iceServers: ['stun:x'] }],
    ['an object', { displayName: { toString: () => 'x' } }],
    ['a boolean', { username: true }],
  ])('refuses a field holding %s', (_, change) => {
    expect(() => readAccountInput({ ...form, ...change })).toThrow(/must be text/);
  });

  it.each(['server', 'username', 'domain'])('refuses a form without %s', (key) => {
    const { [key as keyof typeof form]: _, ...rest } = form;
    expect(() => readAccountInput(rest)).toThrow(`The account field "${key}" must be text.`);
  });

  it('refuses an over-long field, naming it', () => {
    expect(() => readAccountInput({ ...form, displayName: 'x'.repeat(2049) })).toThrow('The account field "displayName" is too long.');
    expect(readAccountInput({ ...form, iceServers: 'x'.repeat(2048) }).iceServers).toHaveLength(2048);
  });

  it.each([null, undefined, 'form', 3])('refuses %j as an empty form', (value) => {
    expect(() => readAccountInput(value)).toThrow('The account form is empty.');
  });
});
