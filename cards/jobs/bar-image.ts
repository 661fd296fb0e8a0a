// A stacked bar as a small PNG data URI: Teams has no chart element in Adaptive Cards 1.5, and a
// picture of the proportions reads faster than a table. Pure computation (deflate and CRC only).
import { deflateSync } from 'node:zlib';

export interface BarSegment {
  /** Any non-negative amount; the segments share the width in proportion. */
  value: number;
  /** `#RRGGBB`. */
  color: string;
}

const WIDTH = 480;
const HEIGHT = 14;
/** Transparent pixels between segments. */
const GAP = 2;
/** A non-zero segment never gets less than this share, so one red project among 300 still shows. */
const MIN_SHARE = 0.03;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Pixel widths in proportion (largest remainder), after the minimum share and the gaps. */
function widths(segments: readonly BarSegment[]): number[] {
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  const shares = segments.map((s) => (s.value > 0 ? Math.max(s.value / total, MIN_SHARE) : 0));
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const drawn = shares.filter((s) => s > 0).length;
  const room = WIDTH - GAP * Math.max(0, drawn - 1);
  const exact = shares.map((s) => (s / shareSum) * room);
  const out = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest);
  for (let k = 0; k < room - out.reduce((a, b) => a + b, 0); k++) out[order[k].i] += 1;
  return out;
}

/** `data:image/png;base64,...` of the bar; an empty bar (all zero) is a transparent strip. */
export function barImage(segments: readonly BarSegment[]): string {
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  const row = Buffer.alloc(1 + WIDTH * 4); // filter byte 0, then RGBA; zero = transparent
  if (total > 0) {
    let x = 0;
    widths(segments).forEach((w, i) => {
      if (w === 0) return;
      const rgb = [1, 3, 5].map((at) => parseInt(segments[i].color.slice(at, at + 2), 16));
      for (let p = x; p < x + w; p++) row.set([...rgb, 255], 1 + p * 4);
      x += w + GAP;
    });
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: HEIGHT }, () => row)), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${png.toString('base64')}`;
}
