// A stacked bar as a small PNG data URI: Teams has no chart element in Adaptive Cards 1.5, and a
// picture of the proportions reads faster than a table. Drawn with the PNG encoder in ./png.
import { Canvas } from './png';

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
  const canvas = new Canvas(WIDTH, HEIGHT); // transparent to start with
  const total = segments.reduce((sum, s) => sum + s.value, 0);
  if (total > 0) {
    let x = 0;
    widths(segments).forEach((w, i) => {
      if (w === 0) return;
      canvas.fill(x, 0, w, HEIGHT, segments[i].color);
      x += w + GAP;
    });
  }
  return `data:image/png;base64,${canvas.png().toString('base64')}`;
}
