import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { findProjectRoot } from './paths';

/**
 * Draws the Teams app icons pixel by pixel: a small bar chart (status at a glance), white on
 * the accent colour for color.png (192×192) and white on transparent for outline.png (32×32).
 * Deterministic: same code, same pixels. Regenerate with
 *   npx tsc manifest/make-icons.ts --outDir dist --rootDir . --strict --module commonjs \
 *     --target ES2022 --esModuleInterop --skipLibCheck && node dist/manifest/make-icons.js
 */

/** Also the manifest's accentColor (a test keeps the two equal). */
export const ACCENT_COLOR = '#1E5AA8';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  r: number;
}

type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];
/** Subsamples per pixel side: 4×4 = 16 coverage levels, enough for smooth corners. */
const SUPERSAMPLE = 4;

function insideRoundedRect(px: number, py: number, { x, y, w, h, r }: Rect): boolean {
  if (px < x || px > x + w || py < y || py > y + h) return false;
  // Distance from the nearest corner-circle centre, only in the corner squares.
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

/** Fraction (0..1) of the pixel at (col, row) covered by any of the shapes. */
function coverage(col: number, row: number, shapes: readonly Rect[]): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const px = col + (sx + 0.5) / SUPERSAMPLE;
      const py = row + (sy + 0.5) / SUPERSAMPLE;
      if (shapes.some((s) => insideRoundedRect(px, py, s))) hits++;
    }
  }
  return hits / (SUPERSAMPLE * SUPERSAMPLE);
}

/**
 * A bar chart in a size×size box at (left, top): three bars of uneven height standing on a
 * baseline (uneven, so it reads as a chart rather than a signal-strength meter).
 */
function barChart(left: number, top: number, size: number, barWidth: number, radius: number): Rect[] {
  const base = Math.round(size / 10);
  const barsHeight = size - 2 * base; // one base of space between bars and baseline
  const gap = (size - 3 * barWidth) / 2;
  const bars = [0.6, 1, 0.4].map((fraction, i) => {
    const h = Math.round(barsHeight * fraction);
    return { x: left + i * (barWidth + gap), y: top + barsHeight - h, w: barWidth, h, r: radius };
  });
  return [...bars, { x: left, y: top + size - base, w: size, h: base, r: radius / 2 }];
}

function hexToRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** Colour t of the way from a to b. */
function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const channel = (k: 0 | 1 | 2): number => Math.round(a[k] + (b[k] - a[k]) * t);
  return [channel(0), channel(1), channel(2)];
}

function setPixel(png: PNG, col: number, row: number, [r, g, b]: Rgb, alpha: number): void {
  const i = (row * png.width + col) * 4;
  png.data[i] = r;
  png.data[i + 1] = g;
  png.data[i + 2] = b;
  png.data[i + 3] = Math.round(alpha * 255);
}

/** 192×192: accent rounded square, white bars in the central 96×96 (Teams' 48 px safe margin). */
export function drawColorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const background: Rect = { x: 0, y: 0, w: size, h: size, r: 40 };
  const bars = barChart(48, 48, 96, 24, 5);
  const accent = hexToRgb(ACCENT_COLOR);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const bg = coverage(col, row, [background]);
      const fg = coverage(col, row, bars);
      setPixel(png, col, row, bg === 0 ? [0, 0, 0] : mix(accent, WHITE, fg), bg);
    }
  }
  return png;
}

/** 32×32: the same bars in pure white; everything else fully transparent. */
export function drawOutlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  const bars = barChart(3, 3, 26, 6, 1);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      setPixel(png, col, row, WHITE, coverage(col, row, bars));
    }
  }
  return png;
}

export function writeIcons(dir: string): string[] {
  const files = [
    { name: 'color.png', png: drawColorIcon() },
    { name: 'outline.png', png: drawOutlineIcon() },
  ];
  return files.map(({ name, png }) => {
    const file = path.join(dir, name);
    writeFileSync(file, PNG.sync.write(png, { colorType: 6 }));
    return file;
  });
}

if (require.main === module) {
  const written = writeIcons(path.join(findProjectRoot(__dirname), 'manifest'));
  process.stdout.write(`Wrote ${written.join(', ')}\n`);
}
