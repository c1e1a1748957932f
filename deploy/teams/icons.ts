import { deflateSync } from 'node:zlib';

/**
 * The Teams app icons, drawn in code so the package needs no binary files or image tools:
 * - color.png: 192×192, full colour (a speech bubble with three answer lines on a deep blue square);
 * - outline.png: 32×32, white on transparent (Teams requires exactly that for the outline icon).
 * Replace these with your agency's artwork by editing the drawing below (keep the sizes).
 */
type Rgba = [number, number, number, number];

const BLUE: Rgba = [0x1f, 0x4e, 0x79, 0xff];
const WHITE: Rgba = [0xff, 0xff, 0xff, 0xff];
const GOLD: Rgba = [0xf2, 0xb7, 0x05, 0xff];
const TRANSPARENT: Rgba = [0, 0, 0, 0];

export function colorIcon(): Buffer {
  const size = 192;
  return encodePng(size, size, (x, y) => {
    if (inBubble(x, y, size)) {
      // Three "answer lines" inside the bubble; the last one shorter, in gold.
      const lineY = [70, 92, 114];
      for (const [index, top] of lineY.entries()) {
        const right = index === 2 ? 110 : 142;
        if (y >= top && y < top + 10 && x >= 50 && x < right) return index === 2 ? GOLD : BLUE;
      }
      return WHITE;
    }
    return BLUE;
  });
}

export function outlineIcon(): Buffer {
  const size = 32;
  return encodePng(size, size, (x, y) => {
    const inside = inBubble(x, y, size);
    if (!inside) return TRANSPARENT;
    // 2-pixel outline: a pixel is drawn when a neighbour two steps away is outside the bubble.
    const edge = [[-2, 0], [2, 0], [0, -2], [0, 2]].some(([dx, dy]) => !inBubble(x + (dx ?? 0), y + (dy ?? 0), size));
    return edge ? WHITE : TRANSPARENT;
  });
}

/** A rounded rectangle with a tail at the bottom left, scaled to `size`. */
function inBubble(x: number, y: number, size: number): boolean {
  const s = size / 192;
  const left = 28 * s;
  const right = 164 * s;
  const top = 40 * s;
  const bottom = 140 * s;
  const radius = 20 * s;
  const inRect = x >= left && x < right && y >= top && y < bottom;
  if (inRect) {
    const cx = Math.min(Math.max(x, left + radius), right - radius);
    const cy = Math.min(Math.max(y, top + radius), bottom - radius);
    if ((x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2) return true;
  }
  // The tail: a triangle under the bubble.
  const tx = x - 50 * s;
  const ty = y - 140 * s;
  return ty >= 0 && ty < 24 * s && tx >= 0 && tx < 30 * s - ty * 1.25;
}

/** Minimal PNG encoder: 8-bit RGBA, no interlace, one IDAT chunk. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter
  header[12] = 0; // interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
