/**
 * North American toll-free vanity numbers: 1-800-FLOWERS, 1 (888) GOT-JUNK, 800-555-HELP.
 * Letters map to keypad digits; only the first seven characters after the area code are
 * dialled, so 1-800-MATTRESS is 1-800-628-8737. Other countries' vanity numbers are rare
 * enough in page text that we leave them alone.
 */
export interface VanityNumber {
  /** Folded offsets of the whole written form. */
  start: number;
  end: number;
  /** '+1' and ten digits. */
  e164: string;
  /** Written with a leading 1 or +1, so it is North American whatever the page's region. */
  explicitCountry: boolean;
}

// A bracket around the area code must be closed; `findVanityNumbers` checks that.
const PATTERN =
  /(?<![\p{L}\p{N}+])(\+ ?1[ .-]?|1[ .-]?)?(\(?)(8(?:00|33|44|55|66|77|88))(\)?)[ .-]?([A-Za-z0-9](?:[A-Za-z0-9]|[.-](?=[A-Za-z0-9])){5,13})(?![\p{L}\p{N}]|\.\p{L})/gu;

const KEYPAD = '22233344455566677778889999';

function keypadDigit(c: string): string {
  const code = c.charCodeAt(0) | 0x20;
  return code >= 0x61 && code <= 0x7a ? KEYPAD[code - 0x61]! : c;
}

/** Letters all capitals (FLOWERS) or each word capitalised (Flowers): a name, not prose. */
function looksLikeBrand(letters: string): boolean {
  return letters.split(/[^A-Za-z]+/).every((w) => w === '' || w === w.toUpperCase() || /^[A-Z][a-z]+$/.test(w));
}

export function findVanityNumbers(text: string): VanityNumber[] {
  const found: VanityNumber[] = [];
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m; m = PATTERN.exec(text)) {
    const [whole, country, open, code, close, rest] = m as unknown as [string, string | undefined, string, string, string, string];
    if (open.length !== close.length) continue;
    const chars = rest.replace(/[.-]/g, '');
    const letters = chars.replace(/[0-9]/g, '');
    if (letters.length < 3 || chars.length < 7 || chars.length > 11 || !looksLikeBrand(rest)) continue;
    let digits = '';
    for (let k = 0; k < 7; k++) digits += keypadDigit(chars[k]!);
    found.push({ start: m.index, end: m.index + whole.length, e164: `+1${code}${digits}`, explicitCountry: country !== undefined });
  }
  return found;
}
