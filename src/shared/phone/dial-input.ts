import { digitValue } from '../detection/unicode-digits';

/** Bidi marks, zero-width characters and the like that copied numbers carry invisibly. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const NUMBERISH = /^[0-9+*#()\-.\s/]*$/;

/**
 * What a person pasted, as the dialer's field should show it: a tel:/callto: URI becomes its
 * number (RFC 3966 parameters dropped, an extension kept as ",ext"), digits of any script
 * (full-width ０２２１, Arabic-Indic…) become ASCII digits, invisible marks go. A SIP address
 * or a name is kept as it was, only trimmed.
 */
export function cleanDialInput(text: string): string {
  // NFKC turns full-width forms (＋４９－２２１) into ASCII; other scripts' digits follow.
  let s = text.normalize('NFKC').replace(INVISIBLE, '').replace(/[\u2010-\u2015\u2212]/g, '-').trim();
  s = [...s].map((ch) => {
    const code = ch.codePointAt(0)!;
    const d = code >= 0x80 ? digitValue(code) : -1;
    return d >= 0 ? String(d) : ch;
  }).join('');
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
