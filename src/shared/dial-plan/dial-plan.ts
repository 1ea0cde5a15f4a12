import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/core';
import { metadata } from '../../detection/metadata';
import { t } from '../i18n/t';

/**
 * How a number becomes the string this account's PBX expects in the INVITE. Pure: the
 * coordinator applies it to every call it places, the options page previews it.
 *
 * - `international`: how a number is written: `plus` (+4922122 10, E.164 as is), `digits`
 *   (E.164 without the plus) or `prefix` (the international prefix, then country code and
 *   number: 004922122 10).
 * - `homeCountry`: numbers with this country's calling code are dialled in national format
 *   (0221 2210). Empty: every number is dialled internationally.
 * - `outsideLine`: digits put before every number dialled out (e.g. 9 or 0). Never before a
 *   `+`: a PBX that takes E.164 needs no outside line.
 */
export interface DialPlan {
  international: InternationalStyle;
  internationalPrefix: string;
  homeCountry: string;
  outsideLine: string;
}

export type InternationalStyle = 'plus' | 'digits' | 'prefix';

/** Dials E.164 as it is: what Offhook did before dial plans existed. */
export const defaultDialPlan: DialPlan = Object.freeze({
  international: 'plus',
  internationalPrefix: '00',
  homeCountry: '',
  outsideLine: '',
});

export type DialPlanField = keyof DialPlan;
export type DialPlanErrors = Partial<Record<DialPlanField, string>>;

/** The plan's fields as typed in the options page. */
export type DialPlanInput = Record<DialPlanField, string>;

/** Checks a plan as typed; on success the plan is normalised (upper-case country, no spaces). */
export function validateDialPlan(input: DialPlanInput): { ok: true; plan: DialPlan } | { ok: false; errors: DialPlanErrors } {
  const errors: DialPlanErrors = {};
  const international = input.international || 'plus';
  if (international !== 'plus' && international !== 'digits' && international !== 'prefix')
    errors.international = t('dialPlanErrorStyle');
  const internationalPrefix = input.internationalPrefix.replace(/\s/g, '');
  if (international === 'prefix' && !/^[0-9]{1,4}$/.test(internationalPrefix))
    errors.internationalPrefix = t('dialPlanErrorPrefixNeeded');
  else if (internationalPrefix && !/^[0-9]{1,4}$/.test(internationalPrefix))
    errors.internationalPrefix = t('dialPlanErrorPrefix');
  const homeCountry = input.homeCountry.trim().toUpperCase();
  if (homeCountry && !(/^[A-Z]{2}$/.test(homeCountry) && isSupportedCountry(homeCountry as CountryCode, metadata)))
    errors.homeCountry = t('dialPlanErrorCountry');
  const outsideLine = input.outsideLine.replace(/\s/g, '');
  if (!/^[0-9]{0,4}$/.test(outsideLine)) errors.outsideLine = t('dialPlanErrorOutsideLine');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      international: international as InternationalStyle,
      internationalPrefix: internationalPrefix || (international === 'prefix' ? '' : '00'),
      homeCountry,
      outsideLine,
    },
  };
}

/** The plan as the stored account keeps it; throws saying what is wrong. */
export function readStoredDialPlan(value: unknown): DialPlan {
  if (typeof value !== 'object' || value === null) throw new Error('dialPlan is not an object');
  const v = value as Record<string, unknown>;
  for (const key of ['international', 'internationalPrefix', 'homeCountry', 'outsideLine'] as const)
    if (typeof v[key] !== 'string') throw new Error(`dialPlan.${key} is not text`);
  const result = validateDialPlan(v as unknown as DialPlanInput);
  if (!result.ok) throw new Error(`dialPlan: ${Object.values(result.errors).join(' ')}`);
  return result.plan;
}

export function dialPlanInput(plan: DialPlan): DialPlanInput {
  return { ...plan };
}

/**
 * The dial string for an E.164 number (`+492212210`) under `plan`: only digits, or `+` and
 * digits. Returns undefined for anything that is not E.164.
 */
export function applyDialPlan(e164: string, plan: DialPlan): string | undefined {
  if (!/^\+[1-9][0-9]{3,14}$/.test(e164)) return undefined;
  const home = plan.homeCountry && isSupportedCountry(plan.homeCountry as CountryCode, metadata) ? (plan.homeCountry as CountryCode) : undefined;
  if (home && e164.startsWith(`+${getCountryCallingCode(home, metadata)}`)) {
    const parsed = parsePhoneNumberFromString(e164, metadata);
    if (parsed && parsed.countryCallingCode === getCountryCallingCode(home, metadata)) {
      // National format as the country writes it, separators dropped: 0221 2210 → 02212210.
      const national = parsed.format('NATIONAL').replace(/[^0-9]/g, '');
      if (national) return plan.outsideLine + national;
    }
  }
  switch (plan.international) {
    case 'plus':
      return e164;
    case 'digits':
      return plan.outsideLine + e164.slice(1);
    case 'prefix':
      return plan.outsideLine + plan.internationalPrefix + e164.slice(1);
  }
}

const VISUAL = /[\s\u00a0\u202f\u2009.\-()/\u2010-\u2015]/g;

/**
 * What the coordinator dials for `target` (a tel: URI, a typed number, a SIP user or URI)
 * under `plan`. A tel: URI and a typed number starting with + are rewritten; a typed number
 * without + is read in the plan's home country and rewritten if it is a valid number there
 * (without a home country it is dialled as typed). Everything else (extensions, SIP users and
 * addresses) is dialled as given, for the softphone to check.
 */
export function dialTargetFor(target: string, plan: DialPlan): string {
  const text = target.trim();
  const tel = /^tel:(\+[0-9]{4,15})(;ext=[0-9]{1,10})?$/i.exec(text);
  if (tel) return applyDialPlan(tel[1]!, plan) ?? text;
  if (/^(sips?|tel):/i.test(text) || text.includes('@')) return text;
  const compact = text.replace(VISUAL, '');
  if (!/^\+?[0-9]{3,17}$/.test(compact)) return text;
  if (compact.startsWith('+')) return applyDialPlan(compact, plan) ?? text;
  if (!plan.homeCountry || !isSupportedCountry(plan.homeCountry as CountryCode, metadata)) return text;
  const parsed = parsePhoneNumberFromString(compact, { defaultCountry: plan.homeCountry as CountryCode }, metadata);
  if (!parsed?.isValid()) return text;
  return applyDialPlan(parsed.number, plan) ?? text;
}

/** "+49 221 2210" for the preview's left side. */
export function formatInternational(e164: string): string {
  return parsePhoneNumberFromString(e164, metadata)?.formatInternational() ?? e164;
}

/** The extension of a tel: target (`tel:+1…;ext=42`): dialled as tones once the call is
 * answered, since a PBX reaches the number and the number's own system the extension. */
export function extensionOf(target: string): string | undefined {
  return /^tel:\+[0-9]{4,15};ext=([0-9]{1,10})$/i.exec(target.trim())?.[1];
}
