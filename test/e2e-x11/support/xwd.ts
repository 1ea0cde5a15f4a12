// Reads the screen dump `xwd` writes (X Window Dump, version 7): enough to find a colour on a
// window Chromium draws natively, such as its context menu, which no page API can see.

export interface XwdImage {
  width: number;
  height: number;
  /** The pixel at (x, y) as [red, green, blue], 0–255 each. */
  rgb(x: number, y: number): [number, number, number];
}

export function readXwd(file: Buffer): XwdImage {
  const field = (i: number) => file.readUInt32BE(i * 4);
  const headerSize = field(0);
  const [version, format, width, height, byteOrder, bitsPerPixel, bytesPerLine] = [field(1), field(2), field(4), field(5), field(7), field(11), field(12)];
  const [redMask, greenMask, blueMask, colours] = [field(14), field(15), field(16), field(19)];
  // TrueColor ZPixmap at 32 bits a pixel is what Xvfb's 24-bit screen gives; nothing else is needed.
  if (version !== 7 || format !== 2 || bitsPerPixel !== 32) {
    throw new Error(`xwd: unexpected dump (version ${version}, format ${format}, ${bitsPerPixel} bits a pixel)`);
  }
  const pixels = headerSize + colours * 12;
  const channel = (p: number, mask: number) => Math.round(((p & mask) >>> ctz(mask)) * (255 / (mask >>> ctz(mask))));
  return {
    width,
    height,
    rgb(x, y) {
      const at = pixels + y * bytesPerLine + x * 4;
      const p = byteOrder === 0 ? file.readUInt32LE(at) : file.readUInt32BE(at);
      return [channel(p, redMask), channel(p, greenMask), channel(p, blueMask)];
    },
  };
}

function ctz(mask: number): number {
  let shift = 0;
  while (shift < 32 && ((mask >>> shift) & 1) === 0) shift++;
  return shift;
}

/** The rows of `image` where at least `minPixels` pixels match `colour`, as the bounding box of
 * the first band of such rows (top to bottom), or undefined if none. */
export function firstBand(
  image: XwdImage,
  colour: (rgb: [number, number, number]) => boolean,
  minPixels = 3,
): { top: number; bottom: number; left: number; right: number } | undefined {
  let band: { top: number; bottom: number; left: number; right: number } | undefined;
  for (let y = 0; y < image.height; y++) {
    const xs: number[] = [];
    for (let x = 0; x < image.width; x++) if (colour(image.rgb(x, y))) xs.push(x);
    if (xs.length >= minPixels) {
      band ??= { top: y, bottom: y, left: xs[0]!, right: xs.at(-1)! };
      band.bottom = y;
      band.left = Math.min(band.left, xs[0]!);
      band.right = Math.max(band.right, xs.at(-1)!);
    } else if (band) return band;
  }
  return band;
}
