// The digest's RAG roll-up at a glance: a tile per rating with the change since last week, and a
// stacked bar for this week and the week before (a PNG: Adaptive Cards 1.5 has no chart element).
import type { CardElement, Column, ColumnSet, TextColor } from '../adaptive';
import { column, textBlock } from '../adaptive';
import type { RagCounts } from '../../core/job-views';
import { barImage } from './bar-image';
import { RAG_KEYS, RAG_NAME, deltaLabel } from './format';

const COLOR: Record<keyof RagCounts, TextColor> = { red: 'attention', amber: 'warning', green: 'good', none: 'default' };
/** Teams' own status colours, readable on the light, dark and high-contrast themes alike. */
const FILL: Record<keyof RagCounts, string> = { red: '#C4314B', amber: '#F8A31D', green: '#6BB700', none: '#B3B0AD' };

/** Adaptive Cards 1.2 Image with a data URI; cards/adaptive.ts has no Image type yet. */
interface BarImage {
  type: 'Image';
  url: string;
  altText: string;
  size: 'stretch';
}

function tile(rag: keyof RagCounts, now: number, before: number): Column {
  return column([
    textBlock(RAG_NAME[rag], { size: 'small', weight: 'bolder', color: COLOR[rag], horizontalAlignment: 'center' }),
    textBlock(String(now), { size: 'extraLarge', weight: 'bolder', color: COLOR[rag], spacing: 'none', horizontalAlignment: 'center' }),
    textBlock(`${deltaLabel(now, before)} vs last week`, { size: 'small', isSubtle: true, spacing: 'none', horizontalAlignment: 'center' }),
  ], 'stretch');
}

export function ragTiles(now: RagCounts, lastWeek: RagCounts): ColumnSet {
  return { type: 'ColumnSet', spacing: 'medium', columns: RAG_KEYS.map((rag) => tile(rag, now[rag], lastWeek[rag])) };
}

function bar(label: string, counts: RagCounts): ColumnSet {
  const image: BarImage = {
    type: 'Image',
    url: barImage(RAG_KEYS.map((rag) => ({ value: counts[rag], color: FILL[rag] }))),
    altText: `${label}: ${RAG_KEYS.map((rag) => `${counts[rag]} ${RAG_NAME[rag].toLowerCase()}`).join(', ')}`,
    size: 'stretch',
  };
  const labelColumn: Column = { ...column([textBlock(label, { size: 'small', isSubtle: true })], 2), verticalContentAlignment: 'center' };
  // TODO(#5): drop the cast once cards/adaptive.ts lists the Image element.
  const barColumn: Column = { ...column([image as unknown as CardElement], 9), verticalContentAlignment: 'center' };
  return { type: 'ColumnSet', spacing: 'small', columns: [labelColumn, barColumn] };
}

/** Tiles with the numbers, then this week's and the week before's mix as bars. */
export function ragRollUp(now: RagCounts, lastWeek: RagCounts, labels: { now: string; before: string }): CardElement[] {
  return [ragTiles(now, lastWeek), bar(labels.now, now), bar(labels.before, lastWeek)];
}
