import { Metadata, type MetadataJson, type PhoneNumber } from 'libphonenumber-js/core';

/**
 * libphonenumber's `Metadata` at run time has more than its type declares; these are the parts
 * Google's `isNationalPrefixPresentIfRequired` uses. `national-prefix.test.ts` fails if a
 * library upgrade takes them away.
 */
interface RuntimeFormat {
  pattern(): string;
  leadingDigitsPatterns(): string[];
  usesNationalPrefix(): boolean;
  nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean;
}
interface RuntimeMetadata {
  selectNumberingPlan(countryOrCallingCode: string): void;
  numberingPlan: {
    formats(): RuntimeFormat[];
    nationalPrefix(): string | undefined;
    nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean;
  };
}

interface CompiledFormat {
  leading: RegExp | null;
  pattern: RegExp;
  prefixRequired: boolean;
}

interface CompiledPlan {
  formats: CompiledFormat[];
  /** For a number no format covers (odd lengths that `min` metadata lets through). */
  otherwise: boolean;
}

/**
 * Google's VALID leniency also asks that a number written in national format carries the
 * national prefix when its country always writes one: "030 901820" is a Berlin number,
 * "30 901820" is not (it is more likely a date, an amount or an ID). libphonenumber-js left
 * this check out of its VALID; we put it back. Compiled formats are cached per numbering plan.
 */
export function createNationalPrefixRule(metadataJson: MetadataJson): (phone: PhoneNumber) => boolean {
  const metadata = new Metadata(metadataJson) as unknown as RuntimeMetadata;
  const plans = new Map<string, CompiledPlan>();

  function compile(plan: string): CompiledPlan {
    let compiled = plans.get(plan);
    if (!compiled) {
      metadata.selectNumberingPlan(plan);
      const numberingPlan = metadata.numberingPlan;
      const formats = numberingPlan.formats().map((f) => {
        const leading = f.leadingDigitsPatterns();
        return {
          leading: leading.length ? new RegExp(`^(?:${leading[leading.length - 1]})`) : null,
          pattern: new RegExp(`^(?:${f.pattern()})$`),
          prefixRequired: f.usesNationalPrefix() && !f.nationalPrefixIsOptionalWhenFormattingInNationalFormat(),
        };
      });
      const otherwise = Boolean(numberingPlan.nationalPrefix()) && !numberingPlan.nationalPrefixIsOptionalWhenFormattingInNationalFormat();
      compiled = { formats, otherwise };
      plans.set(plan, compiled);
    }
    return compiled;
  }

  /** Whether `phone`, written nationally, must be written with its national prefix. */
  return function requiresNationalPrefix(phone: PhoneNumber): boolean {
    const national = phone.nationalNumber;
    const plan = compile(phone.country ?? phone.countryCallingCode);
    for (const f of plan.formats) {
      if ((!f.leading || f.leading.test(national)) && f.pattern.test(national)) return f.prefixRequired;
    }
    // Google says "not required" here; a number no national format fits, written without the
    // prefix its country uses, is far more often a quantity or an ID.
    return plan.otherwise;
  };
}
