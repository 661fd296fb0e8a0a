// The digest's RAG roll-up at a glance: a tile per rating with the change since last week, and
// proportional bars for this week and last (ColumnSet weights; Teams has no chart element in 1.5).
import type { CardElement, Column, ColumnSet, ContainerStyle, TextColor } from '../adaptive';
import { column, textBlock } from '../adaptive';
import type { RagCounts } from '../../jobs/views';
import { RAG_KEYS, RAG_NAME, deltaLabel } from './format';

const STYLE: Record<keyof RagCounts, ContainerStyle> = { red: 'attention', amber: 'warning', green: 'good', none: 'emphasis' };
const COLOR: Record<keyof RagCounts, TextColor> = { red: 'attention', amber: 'warning', green: 'good', none: 'default' };
/** A segment is never narrower than this share of the bar, so its number stays readable. */
const MIN_SHARE = 0.08;

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
  const total = RAG_KEYS.reduce((sum, rag) => sum + counts[rag], 0);
  const floor = Math.max(1, Math.ceil(total * MIN_SHARE));
  const segments = RAG_KEYS.filter((rag) => counts[rag] > 0).map((rag): Column => ({
    type: 'Column',
    width: Math.max(counts[rag], floor),
    spacing: 'none',
    items: [{ type: 'Container', style: STYLE[rag], items: [textBlock(String(counts[rag]), { size: 'small', weight: 'bolder', color: COLOR[rag], horizontalAlignment: 'center' })] }],
  }));
  const track: CardElement = segments.length
    ? { type: 'ColumnSet', columns: segments }
    : textBlock('no projects', { size: 'small', isSubtle: true });
  return {
    type: 'ColumnSet',
    spacing: 'small',
    columns: [column([textBlock(label, { size: 'small', isSubtle: true })], 2), column([track], 9)],
  };
}

/** Tiles with the numbers, then this week's and last week's mix as bars. */
export function ragRollUp(now: RagCounts, lastWeek: RagCounts, labels: { now: string; before: string }): CardElement[] {
  return [ragTiles(now, lastWeek), bar(labels.now, now), bar(labels.before, lastWeek)];
}
