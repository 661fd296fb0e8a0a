import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

export const COLOR_ICON = { file: 'color.png', size: 192 } as const;
export const OUTLINE_ICON = { file: 'outline.png', size: 32 } as const;

function readPng(file: string, problems: string[]): PNG | undefined {
  try {
    return PNG.sync.read(readFileSync(file));
  } catch (err) {
    problems.push(`${path.basename(file)} is not a readable PNG: ${(err as Error).message}`);
    return undefined;
  }
}

function sizeProblem(name: string, png: PNG, size: number): string | undefined {
  return png.width === size && png.height === size
    ? undefined
    : `${name} must be ${size}×${size} pixels, is ${png.width}×${png.height}`;
}

/**
 * Teams' outline rule: every pixel white (any opacity) or fully transparent, on a transparent
 * background (all four corners transparent) with a visible mark.
 */
export function outlineProblems(png: PNG): string[] {
  const problems: string[] = [];
  let offending = 0;
  let visible = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3];
    if (alpha === 0) continue;
    visible++;
    if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) offending++;
  }
  if (offending > 0) problems.push(`${OUTLINE_ICON.file} has ${offending} pixels that are neither white nor fully transparent`);
  if (visible === 0) problems.push(`${OUTLINE_ICON.file} is fully transparent`);
  const corners = [
    [0, 0],
    [png.width - 1, 0],
    [0, png.height - 1],
    [png.width - 1, png.height - 1],
  ];
  if (corners.some(([x, y]) => png.data[(y * png.width + x) * 4 + 3] !== 0)) {
    problems.push(`${OUTLINE_ICON.file} must have a transparent background (its corners are not transparent)`);
  }
  return problems;
}

/** Problems with color.png and outline.png in `dir`; empty when Teams will accept both. */
export function checkIcons(dir: string): string[] {
  const problems: string[] = [];
  const color = readPng(path.join(dir, COLOR_ICON.file), problems);
  if (color) {
    const wrongSize = sizeProblem(COLOR_ICON.file, color, COLOR_ICON.size);
    if (wrongSize) problems.push(wrongSize);
  }
  const outline = readPng(path.join(dir, OUTLINE_ICON.file), problems);
  if (outline) {
    const wrongSize = sizeProblem(OUTLINE_ICON.file, outline, OUTLINE_ICON.size);
    problems.push(...(wrongSize ? [wrongSize] : outlineProblems(outline)));
  }
  return problems;
}
