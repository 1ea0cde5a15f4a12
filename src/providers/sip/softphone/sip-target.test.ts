import { describe, expect, it } from 'vitest';
import { toSipTarget, type SipTarget } from './sip-target';

const domain = 'pbx.example.com';

function uriOf(input: string): string {
  const target = toSipTarget(input, domain);
  if (!target.ok) throw new Error(`expected "${input}" to be callable, got: ${target.error}`);
  return target.uri;
}

function errorOf(input: string): string {
  const target: SipTarget = toSipTarget(input, domain);
  if (target.ok) throw new Error(`expected "${input}" to be refused, got ${target.uri}`);
  return target.error;
}

describe('numbers as dialled', () => {
  it.each([
    ['+1 (415) 555-2671', 'sip:+14155552671@pbx.example.com'],
    ['0221 2210', 'sip:02212210@pbx.example.com'],
    ['030.1234.5678', 'sip:03012345678@pbx.example.com'],
    ['030/123 456', 'sip:030123456@pbx.example.com'],
    ['+49\u00a030\u202f1234\u20135678', 'sip:+493012345678@pbx.example.com'],
    ['  1001  ', 'sip:1001@pbx.example.com'],
    ['*72', 'sip:*72@pbx.example.com'],
  ])('%j → %s', (input, uri) => {
    expect(uriOf(input)).toBe(uri);
  });

  it('shows the number without its visual separators', () => {
    expect(toSipTarget('+1 (415) 555-2671', domain)).toMatchObject({ ok: true, display: '+14155552671' });
  });

  // '#' starts a fragment in a URI; sent raw, the PBX would see the number cut short.
  it('escapes # so feature codes reach the PBX whole', () => {
    expect(uriOf('*21#')).toBe('sip:*21%23@pbx.example.com');
    expect(uriOf('#31#030 1234')).toBe('sip:%2331%230301234@pbx.example.com');
  });
});

describe('tel: URIs', () => {
  it('dials the global number', () => {
    expect(uriOf('tel:+1-415-555-2671')).toBe('sip:+14155552671@pbx.example.com');
  });

  it('drops ;ext and other parameters from the URI rather than dialling them as digits', () => {
    expect(uriOf('tel:+1-415-555-2671;ext=1234')).toBe('sip:+14155552671@pbx.example.com');
    expect(uriOf('tel:7042;phone-context=example.com')).toBe('sip:7042@pbx.example.com');
  });

  it('accepts the scheme in any case', () => {
    expect(uriOf('TEL:+14155552671')).toBe('sip:+14155552671@pbx.example.com');
  });

  it.each(['tel:', 'tel:call-me', 'tel:+1 415 CALL'])('refuses %j as not a phone number', (input) => {
    expect(errorOf(input)).toMatch(/is not a phone number/);
  });
});

describe('sip: and sips: URIs', () => {
  it.each([
    ['sip:bob@example.org', 'sip:bob@example.org'],
    ['sips:bob@example.org', 'sips:bob@example.org'],
    ['SIP:bob@example.org', 'sip:bob@example.org'],
    ['sip:bob@example.org:5061', 'sip:bob@example.org:5061'],
    ['sip:bob@[2001:db8::1]:5060', 'sip:bob@[2001:db8::1]:5060'],
    ['sip:example.org', 'sip:example.org'],
    ['sip:+14155552671@example.org;user=phone', 'sip:+14155552671@example.org'],
  ])('%s → %s', (input, uri) => {
    expect(uriOf(input)).toBe(uri);
  });

  // Parameters and headers could redirect the call (maddr, transport) or smuggle headers
  // into the INVITE; only user and host are dialled.
  it('strips URI parameters and headers', () => {
    expect(uriOf('sip:bob@example.org;transport=tcp;maddr=10.6.6.6')).toBe('sip:bob@example.org');
    expect(uriOf('sip:bob@example.org?Subject=hi&Call-Info=x')).toBe('sip:bob@example.org');
    expect(uriOf('sips:bob@example.org;lr?X-Evil=1')).toBe('sips:bob@example.org');
  });

  it('shows the user part', () => {
    expect(toSipTarget('sip:bob@example.org;transport=tcp', domain)).toMatchObject({ ok: true, display: 'bob' });
  });

  it.each(['sip:', 'sip:bob@', 'sip:bob smith@example.org', 'sip:bob@exa mple.org', 'sip:bob@example.org:99999x', 'sip:<bob>@x'])(
    'refuses %j as not a valid SIP address',
    (input) => {
      expect(errorOf(input)).toMatch(/is not a valid SIP address/);
    },
  );
});

describe('users and user@host', () => {
  it('dials a bare user at the account domain', () => {
    expect(uriOf('bob')).toBe('sip:bob@pbx.example.com');
    expect(uriOf('alice.smith')).toBe('sip:alice.smith@pbx.example.com');
  });

  it('dials user@host as a sip: URI', () => {
    expect(uriOf('bob@example.org')).toBe('sip:bob@example.org');
    expect(toSipTarget('bob@example.org', domain)).toMatchObject({ ok: true, display: 'bob' });
  });

  it('refuses user@host with a bad host', () => {
    expect(errorOf('bob@exa mple')).toMatch(/not a valid SIP address/);
  });
});

describe('what cannot be called', () => {
  it.each(['', '   ', '\n\t'])('an empty field (%j) asks for a number', (input) => {
    expect(errorOf(input)).toBe('Enter a number or SIP address to call.');
  });

  it.each(['call bob', '<script>', 'bob"', '"', 'é'])('refuses %j and names it', (input) => {
    const error = errorOf(input);
    expect(error).toContain(input);
    expect(error).toMatch(/phone number|SIP/);
  });

  it('refuses something far too long to be a number', () => {
    expect(errorOf('1'.repeat(300))).toMatch(/too long/);
  });
});
