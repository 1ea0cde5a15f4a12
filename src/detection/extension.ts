/**
 * An extension written after a number: "ext. 12", "x12", "#12", and the words other languages
 * use (Durchwahl, DW, poste, interno, int., доб., anexo, ramal, toestel, wewn., 内線, 分机...).
 * German "-0"/"-12" suffixes are not extensions here: they are dialled as part of the number.
 */
const LABELS = [
  'e?xt(?:ension|ensión|ensão|n)?\\.?', 'x', '#', 'durchwahl', 'dw\\.?', 'nebenstelle', 'nst\\.?', 'poste',
  'interno', 'int\\.?', 'dahili', 'доб\\.?', 'добавочный', 'вн\\.?', 'anexo', 'ramal', 'toestel', 'tst\\.?',
  'wewn\\.?', 'wewnętrzny', 'lokal', 'anknytning', 'ankn\\.?', 'klappe', 'klapka', 'kl\\.?', 'mellék', '内線',
  '内线', '分机', '轉', '转',
].join('|');

// Sticky: read at the end of a number. Up to seven digits, as PBX extensions run.
const EXTENSION = new RegExp(
  `[ \\t]*([,;])?[ \\t]*(\\()?[ \\t]*(${LABELS})[ \\t]*[:.]?[ \\t]*(\\d{1,7})(?![\\p{L}\\p{N}])(\\))?`,
  'iuy',
);

export interface Extension {
  ext: string;
  /** Folded offset just after the extension (and its closing bracket, if it had one). */
  end: number;
}

/** The extension written right after folded offset `end`, if any. */
export function readExtension(folded: string, end: number): Extension | undefined {
  EXTENSION.lastIndex = end;
  const m = EXTENSION.exec(folded);
  if (!m) return undefined;
  // After a semicolon a bare "x" or "#" marks nothing: ";x12" is a list or a code, where a
  // word ("; ext. 12") still says extension.
  if (m[1] === ';' && /^[x#]$/i.test(m[3]!)) return undefined;
  const bracketed = m[2] !== undefined;
  const closed = m[5] !== undefined;
  const matchEnd = m.index + m[0].length;
  return { ext: m[4]!, end: bracketed || !closed ? matchEnd : matchEnd - 1 };
}

/** For warm-up.ts. */
export const EXTENSION_PATTERNS: readonly RegExp[] = [EXTENSION];
