// The heat map PNG, decoded by hand (chunks, CRCs, zlib inflate, filter bytes) and checked by pixels:
// a known 5×5 input gives the expected colour in every cell, and the counts are drawn.
import { inflateSync } from 'node:zlib';
import { HEAT_COLORS, HEAT_SIZE, CELL, cellOrigin, heatMapPng } from '../../../cards/jobs/heat-map';
import { crc32, rgbOf } from '../../../cards/jobs/png';
import { riskRating } from '../../../core/domain';

interface Decoded { width: number; height: number; pixel: (x: number, y: number) => [number, number, number, number] }

function decode(png: Buffer): Decoded {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect([...ihdr.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
  const raw = inflateSync(chunks[1].data);
  const stride = width * 4 + 1;
  expect(raw.length).toBe(stride * height);
  for (let row = 0; row < height; row++) expect(raw[row * stride]).toBe(0); // filter: none
  return {
    width,
    height,
    pixel: (x, y) => [...raw.subarray(y * stride + 1 + x * 4, y * stride + 1 + x * 4 + 4)] as [number, number, number, number],
  };
}

/** p × i counts: a diagonal of ones, 12 risks at p=5 i=5, none elsewhere. */
const GRID = [
  [1, 0, 0, 0, 0],
  [0, 1, 0, 0, 0],
  [0, 0, 1, 0, 0],
  [0, 0, 0, 1, 0],
  [0, 0, 0, 0, 12],
];
const COUNTS = GRID.flat();

describe('heatMapPng', () => {
  const image = decode(heatMapPng(COUNTS));

  it('is the documented size, well under what Teams and Slack take', () => {
    expect({ width: image.width, height: image.height }).toEqual(HEAT_SIZE);
    expect(heatMapPng(COUNTS).length).toBeLessThan(4_000);
  });

  it.each(Array.from({ length: 25 }, (_, n) => [Math.floor(n / 5) + 1, (n % 5) + 1]))('cell p=%i i=%i has its rating’s colour, full if it holds risks, pale if not', (p, i) => {
    const { x, y } = cellOrigin(p, i);
    const colors = HEAT_COLORS[riskRating(p * i)];
    const want = GRID[p - 1][i - 1] > 0 ? colors.full : colors.pale;
    expect(image.pixel(x + 2, y + 2)).toEqual([...rgbOf(want), 255]); // a corner: never under a digit
  });

  it('draws the count in white at the centre of a cell with risks, and nothing in an empty one', () => {
    const whiteIn = (p: number, i: number) => {
      const { x, y } = cellOrigin(p, i);
      let white = 0;
      for (let dy = 0; dy < CELL; dy++) for (let dx = 0; dx < CELL; dx++) if (image.pixel(x + dx, y + dy).join() === '255,255,255,255') white += 1;
      return white;
    };
    expect(whiteIn(1, 1)).toBeGreaterThan(0); // "1"
    expect(whiteIn(5, 5)).toBeGreaterThan(whiteIn(1, 1)); // "12": more ink than "1"
    expect(whiteIn(1, 5)).toBe(0);
  });

  it('differs when the counts differ', () => {
    expect(heatMapPng(COUNTS).equals(heatMapPng([2, ...Array<number>(24).fill(0)]))).toBe(false);
  });
});
