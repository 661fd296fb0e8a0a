import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { checkIcons, outlineProblems } from '../../manifest/icon-check';
import { ACCENT_COLOR, drawColorIcon, drawOutlineIcon } from '../../manifest/make-icons';
import { MANIFEST_DIR } from './fixtures';

const read = (name: string): PNG => PNG.sync.read(readFileSync(path.join(MANIFEST_DIR, name)));
const rgbaAt = (png: PNG, x: number, y: number): number[] => {
  const i = (y * png.width + x) * 4;
  return [...png.data.subarray(i, i + 4)];
};

function solid(size: number, rgba: [number, number, number, number]): PNG {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return png;
}

describe('the committed icons', () => {
  it('are 192×192 (color) and 32×32 (outline)', () => {
    expect([read('color.png').width, read('color.png').height]).toEqual([192, 192]);
    expect([read('outline.png').width, read('outline.png').height]).toEqual([32, 32]);
  });

  it('outline: only white or fully transparent pixels, on a transparent background', () => {
    const outline = read('outline.png');
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(rgbaAt(outline, 0, 0)[3]).toBe(0);
    expect(rgbaAt(outline, 31, 31)[3]).toBe(0);
    // A mark, not a filled square: most of the canvas stays transparent.
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(transparent).toBeLessThan(32 * 32 * 0.9);
  });

  it('color: an opaque accent-coloured tile with a white mark', () => {
    const color = read('color.png');
    const accent = [1, 3, 5].map((i) => Number.parseInt(ACCENT_COLOR.slice(i, i + 2), 16));
    expect(rgbaAt(color, 96, 20)).toEqual([...accent, 255]); // background, above the mark
    expect(rgbaAt(color, 96, 100)).toEqual([255, 255, 255, 255]); // middle bar
  });

  it('pass the packager check', () => {
    expect(checkIcons(MANIFEST_DIR)).toEqual([]);
  });

  it('are what make-icons draws (regenerate them after changing it)', () => {
    expect(read('color.png').data.equals(drawColorIcon().data)).toBe(true);
    expect(read('outline.png').data.equals(drawOutlineIcon().data)).toBe(true);
  });
});

describe('checkIcons', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pmo-icons-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects wrong sizes and missing files', () => {
    writeFileSync(path.join(dir, 'color.png'), PNG.sync.write(solid(96, [30, 90, 168, 255])));
    expect(checkIcons(dir)).toEqual([
      'color.png must be 192×192 pixels, is 96×96',
      expect.stringMatching(/^outline.png is not a readable PNG/),
    ]);
  });

  it('rejects an outline with coloured pixels or an opaque background', () => {
    expect(outlineProblems(solid(32, [255, 255, 255, 255]))).toEqual([
      'outline.png must have a transparent background (its corners are not transparent)',
    ]);
    const grey = drawOutlineIcon();
    grey.data.set([128, 128, 128, 255], (16 * 32 + 16) * 4);
    expect(outlineProblems(grey)).toEqual(['outline.png has 1 pixels that are neither white nor fully transparent']);
    expect(outlineProblems(solid(32, [0, 0, 0, 0]))).toEqual(['outline.png is fully transparent']);
  });
});
