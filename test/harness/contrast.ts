/** WCAG 2 contrast between two colours written as `#rgb`, `#rrggbb`, `#rrggbbaa` or a
 * computed `rgb()` / `rgba()` value. Opaque colours only: a translucent one is refused,
 * since its contrast depends on what lies under it. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [luminance(parseColour(a)), luminance(parseColour(b))];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export function parseColour(text: string): [number, number, number] {
  const value = text.trim();
  let rgba: number[] | undefined;
  const hex = /^#([0-9a-f]{3,8})$/i.exec(value)?.[1];
  if (hex && [3, 6, 8].includes(hex.length)) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    rgba = [0, 2, 4, 6].filter((i) => i < full.length).map((i) => parseInt(full.slice(i, i + 2), 16));
    if (rgba.length === 4) rgba[3] = rgba[3]! / 255;
  }
  const fn = /^rgba?\(([^)]+)\)$/.exec(value)?.[1];
  if (fn) rgba = fn.split(/[\s,/]+/).filter(Boolean).map(Number);
  if (!rgba || rgba.length < 3 || rgba.some(Number.isNaN)) throw new Error(`Not a colour: ${text}`);
  if (rgba.length > 3 && rgba[3]! < 1) throw new Error(`Translucent colour: ${text}`);
  return [rgba[0]!, rgba[1]!, rgba[2]!];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
