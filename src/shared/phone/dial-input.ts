import { foldText } from '../../detection/fold-text';

const NUMBERISH = /^[0-9+*#()\-.\s/]*$/;

/**
 * What a person pasted, as the dialer's field should show it: a tel:/callto: URI becomes its
 * number (RFC 3966 parameters, an extension included, dropped), digits of any script
 * (full-width ０２２１, Arabic-Indic…) become ASCII digits, invisible marks go. A SIP address
 * or a name is kept as it was, only trimmed.
 */
export function cleanDialInput(text: string): string {
  // The detector's folding: digits of any script and full-width forms (＋４９－２２１) made
  // ASCII, the hyphens people paste made '-', invisible and bidi marks dropped.
  let s = foldText(text).text.trim();
  const tel = /^(?:tel:|callto:(?:\/\/)?)([^;?]*)/i.exec(s);
  if (tel) {
    try {
      s = decodeURIComponent(tel[1]!);
    } catch {
      s = tel[1]!;
    }
  }
  return s.replace(/\s+/g, ' ').slice(0, 256);
}

/** Whether the field holds a phone number being typed (so it may be formatted), rather than
 * a SIP user or address. */
export function looksLikeNumber(text: string): boolean {
  return /[0-9]/.test(text) && NUMBERISH.test(text);
}
