import { getCountryCallingCode, getExampleNumber, isSupportedCountry, type CountryCode } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json';
import { metadata } from '../../detection/metadata';
import { applyDialPlan, formatInternational, type DialPlan } from './dial-plan';

export interface DialPreviewLine {
  /** The number as a person reads it: "+49 221 2210". */
  number: string;
  /** What Offhook sends the PBX for it: "0004922122 10" without spaces. */
  dials: string;
}

/** Numbers abroad for the preview; the one from the home country is skipped. */
const ABROAD = ['+492212210', '+442079460958', '+14155550142'];

/**
 * A few numbers and what the plan dials for each, for the options page's live preview: a
 * number in the home country (if one is set) and numbers abroad; `extra` (a number the
 * person typed, in E.164) comes first.
 */
export function previewDialPlan(plan: DialPlan, extra?: string): DialPreviewLine[] {
  const numbers: string[] = [];
  if (extra) numbers.push(extra);
  const home = plan.homeCountry as CountryCode;
  const homeCode = home && isSupportedCountry(home, metadata) ? `+${getCountryCallingCode(home, metadata)}` : undefined;
  if (homeCode) {
    const example = getExampleNumber(home, examples, metadata);
    if (example) numbers.push(example.number);
  }
  let abroad = 0;
  for (const n of ABROAD) {
    if (abroad === 2) break;
    if (homeCode && n.startsWith(homeCode)) continue;
    numbers.push(n);
    abroad++;
  }
  return [...new Set(numbers)].flatMap((n) => {
    const dials = applyDialPlan(n, plan);
    return dials ? [{ number: formatInternational(n), dials }] : [];
  });
}
