import { describe, expect, it } from 'vitest';
import { parseNameAddr, remoteIdentity } from './remote-identity';

describe('which header names the caller', () => {
  const from = '"Front Desk" <sip:100@pbx.example.com>;tag=abc';
  const rpid = '"Reception" <sip:200@pbx.example.com>;party=calling;screen=yes';
  const pai = '"Alice Smith" <sip:+14155552671@pbx.example.com;user=phone>';

  // The PBX sets P-Asserted-Identity after authenticating the caller; From is whatever the
  // caller's phone chose to write.
  it('prefers P-Asserted-Identity', () => {
    expect(remoteIdentity({ pAssertedIdentity: pai, remotePartyId: rpid, from })).toEqual({
      uri: 'sip:+14155552671@pbx.example.com;user=phone',
      number: '+14155552671',
      displayName: 'Alice Smith',
    });
  });

  it('falls back to Remote-Party-ID without PAI', () => {
    expect(remoteIdentity({ remotePartyId: rpid, from })).toMatchObject({ number: '200', displayName: 'Reception' });
  });

  it('falls back to From without either', () => {
    expect(remoteIdentity({ from })).toEqual({ uri: 'sip:100@pbx.example.com', number: '100', displayName: 'Front Desk' });
  });

  it('skips a PAI it cannot parse instead of showing garbage', () => {
    expect(remoteIdentity({ pAssertedIdentity: 'garbage', from })).toMatchObject({ number: '100' });
  });

  it('says Unknown when nothing parses', () => {
    expect(remoteIdentity({ pAssertedIdentity: '<>', remotePartyId: 'x', from: 'nonsense' })).toEqual({
      uri: '',
      number: 'Unknown',
    });
    expect(remoteIdentity({ from: '' })).toEqual({ uri: '', number: 'Unknown' });
  });
});

describe('parseNameAddr', () => {
  it('reads a bare URI with parameters', () => {
    expect(parseNameAddr('sip:bob@example.org;tag=1234')).toEqual({ uri: 'sip:bob@example.org', number: 'bob' });
  });

  it('reads an unquoted display name', () => {
    expect(parseNameAddr('Bob Jones <sip:bob@example.org>')).toEqual({
      uri: 'sip:bob@example.org',
      number: 'bob',
      displayName: 'Bob Jones',
    });
  });

  it('leaves out an empty display name', () => {
    expect(parseNameAddr('"" <sip:bob@example.org>')).not.toHaveProperty('displayName');
    expect(parseNameAddr('<sip:bob@example.org>')).not.toHaveProperty('displayName');
  });

  it('unescapes a quoted display name', () => {
    expect(parseNameAddr('"Bob \\"The Builder\\" O\\\\Neil" <sip:bob@example.org>')?.displayName).toBe(
      'Bob "The Builder" O\\Neil',
    );
  });

  it('reads a tel: URI as the number', () => {
    expect(parseNameAddr('<tel:+14155552671;cpc=ordinary>')).toEqual({
      uri: 'tel:+14155552671;cpc=ordinary',
      number: '+14155552671',
    });
  });

  it('decodes an escaped user part', () => {
    expect(parseNameAddr('<sip:%2A72%23@pbx.example.com>')?.number).toBe('*72#');
  });

  it('keeps a malformed escape as written', () => {
    expect(parseNameAddr('<sip:100%zz@pbx.example.com>')?.number).toBe('100%zz');
  });

  it('shows the host when the URI has no user', () => {
    expect(parseNameAddr('<sip:gateway.example.org>')?.number).toBe('gateway.example.org');
  });

  it('takes the first of comma-separated identities (PAI may carry sip and tel)', () => {
    expect(parseNameAddr('"Alice" <sip:alice@pbx.example.com>, <tel:+14155552671>')).toEqual({
      uri: 'sip:alice@pbx.example.com',
      number: 'alice',
      displayName: 'Alice',
    });
  });

  it('does not split on a comma inside a quoted name', () => {
    expect(parseNameAddr('"Smith, John" <sip:john@example.org>, <tel:+1555>')).toMatchObject({
      number: 'john',
      displayName: 'Smith, John',
    });
  });

  it('returns nothing for what is not a SIP or tel identity', () => {
    expect(parseNameAddr('Bob <mailto:bob@example.org>')).toBeUndefined();
    expect(parseNameAddr('hello')).toBeUndefined();
  });
});

// A caller chooses their display name. It is shown as text (the faces render it inert); the
// parser must neither drop the caller nor turn the name into something else.
describe('hostile display names', () => {
  it('keeps HTML in a quoted display name as text', () => {
    expect(parseNameAddr('"<img src=x onerror=alert(1)>" <sip:666@evil.example>;tag=1')).toEqual({
      uri: 'sip:666@evil.example',
      number: '666',
      displayName: '<img src=x onerror=alert(1)>',
    });
  });

  it('keeps a display name that looks like another URI as text, and calls back the real one', () => {
    expect(parseNameAddr('"<sip:bank@trusted.example>" <sip:666@evil.example>')).toEqual({
      uri: 'sip:666@evil.example',
      number: '666',
      displayName: '<sip:bank@trusted.example>',
    });
  });

  it('keeps a display name with a line break as text', () => {
    expect(parseNameAddr('"Line one\nLine two" <sip:666@evil.example>')).toEqual({
      uri: 'sip:666@evil.example',
      number: '666',
      displayName: 'Line one\nLine two',
    });
  });

  it('an HTML display name in PAI still wins over From', () => {
    expect(
      remoteIdentity({ pAssertedIdentity: '"<b>Boss</b>" <sip:1@pbx.example.com>', from: '<sip:2@pbx.example.com>' }),
    ).toMatchObject({ number: '1', displayName: '<b>Boss</b>' });
  });

  it('does not guess an address out of an unterminated quoted name', () => {
    expect(parseNameAddr('"<sip:bank@trusted.example> <sip:666@evil.example>')).toBeUndefined();
    expect(remoteIdentity({ pAssertedIdentity: '"<sip:bank@trusted.example>', from: '<sip:666@evil.example>' })).toMatchObject({
      number: '666',
    });
  });

  it('does not let an escaped quote end the quoted name early', () => {
    expect(parseNameAddr('"a\\", <sip:x@y>" <sip:666@evil.example>')).toMatchObject({
      number: '666',
      displayName: 'a", <sip:x@y>',
    });
  });
});
