// The 5×5 risk heat map (issue 14): open risks counted per probability × impact cell, each cell
// coloured by the rating its score gives, the count drawn in it with a tiny bitmap font. A PNG
// of a few hundred bytes: Slack shows it by URL (an image block), Teams inside the card.
import { riskRating, type RiskRating } from '../../core/domain';
import { heatIndex, type HeatCounts } from '../../core/job-views';
import { Canvas } from './png';


export const CELL = 40;
const GAP = 2;
/** Room left of the grid for the probability labels, and below it for the impact labels. */
const AXIS = 18;
const SCALE = 3;

/** Cell colours by rating: full when the cell holds risks, a pale tint when it is empty. */
export const HEAT_COLORS: Record<RiskRating, { full: string; pale: string }> = {
  low: { full: '#2E7D32', pale: '#DCEFDD' },
  medium: { full: '#F9A825', pale: '#FDF1D2' },
  high: { full: '#EF6C00', pale: '#FCE3CF' },
  critical: { full: '#C62828', pale: '#F6D5D5' },
};
const INK = '#FFFFFF';
const AXIS_INK = '#555555';

/** 3×5 digits, rows top to bottom, bit 2 the left column. */
const DIGITS: readonly number[][] = [
  [7, 5, 5, 5, 7], [2, 6, 2, 2, 7], [7, 1, 7, 4, 7], [7, 1, 7, 1, 7], [5, 5, 7, 1, 1],
  [7, 4, 7, 1, 7], [7, 4, 7, 5, 7], [7, 1, 1, 1, 1], [7, 5, 7, 5, 7], [7, 5, 7, 1, 7],
];

function drawNumber(canvas: Canvas, text: string, centerX: number, centerY: number, scale: number, color: string): void {
  const width = text.length * 4 * scale - scale;
  const left = Math.round(centerX - width / 2);
  const top = Math.round(centerY - (5 * scale) / 2);
  [...text].forEach((ch, n) => {
    const glyph = DIGITS[Number(ch)];
    glyph.forEach((bits, row) => {
      for (let col = 0; col < 3; col++) {
        if (bits & (4 >> col)) canvas.fill(left + n * 4 * scale + col * scale, top + row * scale, scale, scale, color);
      }
    });
  });
}

/** Where cell (p, i) is drawn: probability 5 at the top, impact 5 at the right. */
export function cellOrigin(probability: number, impact: number): { x: number; y: number } {
  return { x: AXIS + (impact - 1) * (CELL + GAP), y: (5 - probability) * (CELL + GAP) };
}

export const HEAT_SIZE = { width: AXIS + 5 * CELL + 4 * GAP, height: 5 * CELL + 4 * GAP + AXIS };

/** The PNG of the heat map; counts over 99 read 99. */
export function heatMapPng(counts: HeatCounts): Buffer {
  const canvas = new Canvas(HEAT_SIZE.width, HEAT_SIZE.height);
  for (let p = 1; p <= 5; p++) {
    for (let i = 1; i <= 5; i++) {
      const n = counts[heatIndex(p, i)] ?? 0;
      const colors = HEAT_COLORS[riskRating(p * i)];
      const { x, y } = cellOrigin(p, i);
      canvas.fill(x, y, CELL, CELL, n > 0 ? colors.full : colors.pale);
      if (n > 0) drawNumber(canvas, String(Math.min(n, 99)), x + CELL / 2, y + CELL / 2, SCALE, INK);
    }
  }
  for (let k = 1; k <= 5; k++) {
    drawNumber(canvas, String(k), AXIS / 2, cellOrigin(k, 1).y + CELL / 2, 2, AXIS_INK); // probability, left
    drawNumber(canvas, String(k), cellOrigin(1, k).x + CELL / 2, HEAT_SIZE.height - AXIS / 2, 2, AXIS_INK); // impact, below
  }
  return canvas.png();
}

/** Open risks on the map. */
export const heatTotal = (counts: HeatCounts): number => counts.reduce((a, b) => a + b, 0);

/** The image's alt text: where the risks are, for screen readers and for clients that show no image. */
export function heatAltText(counts: HeatCounts): string {
  const cells: string[] = [];
  for (let p = 5; p >= 1; p--) for (let i = 5; i >= 1; i--) if ((counts[heatIndex(p, i)] ?? 0) > 0) cells.push(`${counts[heatIndex(p, i)]} at P${p}×I${i}`);
  return `Heat map of ${heatTotal(counts)} open risks by probability (up) and impact (right): ${cells.join(', ') || 'none'}.`.slice(0, 1900);
}

/** The PNG as a data URI, for the Teams card when there is no public URL (Adaptive Cards 1.2+ take data URIs). */
export const heatMapDataUri = (counts: HeatCounts): string => `data:image/png;base64,${heatMapPng(counts).toString('base64')}`;
