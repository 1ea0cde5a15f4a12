// Draws Offhook's toolbar icons (a handset on a green disc) as PNGs into public/icon/.
// Run once after changing the drawing: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const GREEN = [26, 127, 55];

function inHandset(x, y) {
  // A handset as a thick arc with two ear/mouth pads, in a unit square.
  const cx = 0.62, cy = 0.38, r = 0.34, t = 0.09;
  const d = Math.hypot(x - cx, y - cy);
  const angle = Math.atan2(y - cy, x - cx);
  const onArc = Math.abs(d - r) < t && angle > Math.PI * 0.45 && angle < Math.PI * 1.05;
  const pad = (px, py) => Math.hypot(x - px, y - py) < 0.12;
  return onArc || pad(cx + r * Math.cos(Math.PI * 0.5), cy + r * Math.sin(Math.PI * 0.5)) || pad(cx + r * Math.cos(Math.PI), cy + r * Math.sin(Math.PI));
}

function pixel(size, x, y) {
  // 4×4 supersampling for smooth edges.
  let disc = 0, white = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) {
      const u = (x + (i + 0.5) / 4) / size, v = (y + (j + 0.5) / 4) / size;
      if (Math.hypot(u - 0.5, v - 0.5) <= 0.5) {
        disc++;
        if (inHandset(u, v)) white++;
      }
    }
  const a = disc / 16, w = disc ? white / disc : 0;
  return [...GREEN.map((c) => Math.round(c + (255 - c) * w)), Math.round(a * 255)];
}

function png(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) Buffer.from(pixel(size, x, y)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) { c ^= b; for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1)); }
  return ~c;
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icon/${size}.png`, png(size));
