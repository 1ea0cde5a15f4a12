import { describe, expect, it } from 'vitest';
import { isSafeCallTarget } from '../phone/call-target';
import { applyDialPlan, defaultDialPlan, dialTargetFor, extensionOf, readStoredDialPlan, validateDialPlan, type DialPlan } from './dial-plan';

const plan = (p: Partial<DialPlan>): DialPlan => ({ ...defaultDialPlan, ...p });

describe('applyDialPlan', () => {
  it('keeps E.164 as it is by default (what Offhook dialled before dial plans)', () => {
    expect(applyDialPlan('+492212210', defaultDialPlan)).toBe('+492212210');
  });
  it('drops the plus', () => {
    expect(applyDialPlan('+492212210', plan({ international: 'digits' }))).toBe('492212210');
  });
  it('writes an international prefix, with the outside line before it', () => {
    expect(applyDialPlan('+492212210', plan({ international: 'prefix', internationalPrefix: '00' }))).toBe('00492212210');
    expect(applyDialPlan('+442079460958', plan({ international: 'prefix', internationalPrefix: '011', outsideLine: '9' }))).toBe(
      '9011442079460958',
    );
  });
  it('dials numbers in the home country in national format, with the outside line', () => {
    const p = plan({ homeCountry: 'DE', outsideLine: '0', international: 'prefix', internationalPrefix: '00' });
    expect(applyDialPlan('+492212210', p)).toBe('002212210');
    expect(applyDialPlan('+14155550142', p)).toBe('000014155550142'.slice(1));
    expect(applyDialPlan('+14155550142', plan({ homeCountry: 'US', outsideLine: '9' }))).toBe('94155550142');
  });
  it('treats every country sharing the home calling code as home (North America)', () => {
    expect(applyDialPlan('+16135550123', plan({ homeCountry: 'US' }))).toBe('6135550123');
  });
  it('never puts the outside line before a plus', () => {
    expect(applyDialPlan('+442079460958', plan({ outsideLine: '9' }))).toBe('+442079460958');
  });
  it('refuses anything that is not E.164', () => {
    expect(applyDialPlan('492212210', defaultDialPlan)).toBeUndefined();
    expect(applyDialPlan('+49;x=1', defaultDialPlan)).toBeUndefined();
  });
});

describe('dialTargetFor', () => {
  const office = plan({ homeCountry: 'US', outsideLine: '9', international: 'prefix', internationalPrefix: '011' });
  it('rewrites tel: URIs (links, detected numbers, the context menu)', () => {
    expect(dialTargetFor('tel:+14155550142', office)).toBe('94155550142');
    expect(dialTargetFor('tel:+492212210;ext=12', office)).toBe('9011492212210');
  });
  it('rewrites typed numbers with + and those valid in the home country', () => {
    expect(dialTargetFor('+49 221 2210', office)).toBe('9011492212210');
    expect(dialTargetFor('(415) 555-0142', office)).toBe('94155550142');
  });
  it('leaves extensions, SIP users and SIP addresses alone', () => {
    expect(dialTargetFor('1001', office)).toBe('1001');
    expect(dialTargetFor('bob', office)).toBe('bob');
    expect(dialTargetFor('sip:bob@pbx.example.com', office)).toBe('sip:bob@pbx.example.com');
  });
  it('dials typed national numbers as typed without a home country', () => {
    expect(dialTargetFor('0221 2210', defaultDialPlan)).toBe('0221 2210');
  });
  it('never produces anything but digits (and a leading plus) from a tel: URI', () => {
    for (const p of [defaultDialPlan, office, plan({ international: 'digits', homeCountry: 'DE' })]) {
      const out = dialTargetFor('tel:+492212210', p);
      expect(out).toMatch(/^\+?[0-9]+$/);
    }
  });
  it('passes a hostile target through unchanged, for the softphone to refuse', () => {
    expect(dialTargetFor('tel:+4922;foo=<script>', office)).toBe('tel:+4922;foo=<script>');
    expect(isSafeCallTarget('tel:+4922;foo=<script>')).toBe(false);
  });
});

describe('validateDialPlan', () => {
  it('accepts a plan as typed and normalises it', () => {
    expect(validateDialPlan({ international: 'prefix', internationalPrefix: ' 011 ', homeCountry: 'us', outsideLine: '9' })).toEqual({
      ok: true,
      plan: { international: 'prefix', internationalPrefix: '011', homeCountry: 'US', outsideLine: '9' },
    });
  });
  it('explains every bad field', () => {
    const r = validateDialPlan({ international: 'prefix', internationalPrefix: '', homeCountry: 'Germany', outsideLine: '9#' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['homeCountry', 'internationalPrefix', 'outsideLine']);
    expect(validateDialPlan({ international: 'x', internationalPrefix: '', homeCountry: '', outsideLine: '' }).ok).toBe(false);
    expect(validateDialPlan({ international: 'plus', internationalPrefix: '', homeCountry: 'ZZ', outsideLine: '' }).ok).toBe(false);
  });
  it('reads a stored plan, and refuses a damaged one', () => {
    expect(readStoredDialPlan(defaultDialPlan)).toEqual(defaultDialPlan);
    expect(() => readStoredDialPlan({ ...defaultDialPlan, outsideLine: 'x' })).toThrow(/outside-line/);
    expect(() => readStoredDialPlan(null)).toThrow(/not an object/);
  });
});

describe('previewDialPlan', () => {
  it('shows a home-country number and numbers abroad with what each dials', async () => {
    const { previewDialPlan } = await import('./preview');
    const lines = previewDialPlan(plan({ homeCountry: 'DE', outsideLine: '0', international: 'prefix', internationalPrefix: '00' }));
    expect(lines[0]!.number).toMatch(/^\+49 /);
    expect(lines[0]!.dials).toMatch(/^00[1-9]/);
    expect(lines.slice(1).map((l) => l.number)).toEqual(['+44 20 7946 0958', '+1 415 555 0142']);
    expect(lines.slice(1).map((l) => l.dials)).toEqual(['000442079460958', '00014155550142']);
  });
  it('puts a number the person typed first', async () => {
    const { previewDialPlan } = await import('./preview');
    expect(previewDialPlan(defaultDialPlan, '+33142685300')[0]).toEqual({ number: '+33 1 42 68 53 00', dials: '+33142685300' });
  });
});

describe('extensionOf', () => {
  it('reads the extension of a tel: target, to dial after answer', () => {
    expect(extensionOf('tel:+14155550142;ext=42')).toBe('42');
    expect(extensionOf('tel:+14155550142')).toBeUndefined();
    expect(extensionOf('sip:bob@x;ext=42')).toBeUndefined();
    expect(extensionOf('tel:+14155550142;ext=4a')).toBeUndefined();
  });
});
