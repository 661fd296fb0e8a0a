// A minimal PNG encoder (8-bit RGBA, no interlace) on node's zlib: signature, IHDR, IDAT, IEND,
// each chunk with its CRC-32. Enough for the small flat-colour charts the job messages carry.
import { deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Buffer): number {
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

/** An RGBA canvas, transparent to start with. */
export class Canvas {
  readonly pixels: Buffer;

  constructor(readonly width: number, readonly height: number) {
    this.pixels = Buffer.alloc(width * height * 4);
  }

  /** Fills the rectangle (clipped to the canvas) with `#RRGGBB`, opaque. */
  fill(x: number, y: number, w: number, h: number, color: string): void {
    const rgba = [...rgbOf(color), 255];
    for (let row = Math.max(0, y); row < Math.min(this.height, y + h); row++) {
      for (let col = Math.max(0, x); col < Math.min(this.width, x + w); col++) this.pixels.set(rgba, (row * this.width + col) * 4);
    }
  }

  png(): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method variants, no interlace
    const stride = this.width * 4;
    const raw = Buffer.alloc((stride + 1) * this.height); // each row: filter byte 0, then its pixels
    for (let row = 0; row < this.height; row++) this.pixels.copy(raw, row * (stride + 1) + 1, row * stride, (row + 1) * stride);
    return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
  }
}

export function rgbOf(color: string): [number, number, number] {
  return [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16)) as [number, number, number];
}
