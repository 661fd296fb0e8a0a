// Project lines for the digest card (rich) and its continuation pages (compact), at a given detail.
import type { CardElement, ColumnSet } from '../adaptive';
import { column, textBlock } from '../adaptive';
import { RAG_COLOR } from '../style';
import { TEXT_LIMITS, inlineText, jsonBytes } from '../text';
import type { DigestProjectLine } from '../../core/job-views';
import { MISSING_LISTED, RAG_NAME, TREND_LABEL, ageLabel, flagsLabel } from './format';
import { slipLabel, whyLabel } from '../slip';

/** How much user text a card shows: the longest that fits Teams' size limit is used (0 = none). */
export interface Detail {
  /** Project names and item titles, in code points. */
  text: number;
  /** People's names. */
  name: number;
}

/** From the full text down to keys only, which always fit the line counts the planner sends. */
export const DETAIL_LEVELS: readonly Detail[] = [
  { text: TEXT_LIMITS.rowTitle, name: TEXT_LIMITS.name },
  { text: 40, name: 25 },
  { text: 20, name: 12 },
  { text: 0, name: 0 },
];

const dot = (line: DigestProjectLine): CardElement =>
  textBlock('●', { size: 'medium', color: line.rag ? RAG_COLOR[line.rag] : 'default', isSubtle: !line.rag });

function headline(line: DigestProjectLine, detail: Detail): string {
  return `**${inlineText(line.key, TEXT_LIMITS.name)}**${detail.text > 0 ? ` ${inlineText(line.name, detail.text)}` : ''}`;
}

function freshness(line: DigestProjectLine, detail: Detail): string[] {
  return [
    ...(line.pmName && detail.name > 0 ? [inlineText(line.pmName, detail.name)] : []),
    line.missingUpdate ? 'no update this week' : ageLabel(line.lastUpdateDays),
  ];
}

/** An amber or red line's reason and slip, under its freshness (issue 14: the digest explains). */
function explained(line: DigestProjectLine, detail: Detail): CardElement[] {
  const why = whyLabel(line, (reason) => (detail.text > 0 ? inlineText(reason, Math.max(detail.text, 40) * 2) : ''));
  return why ? [textBlock(`Why: ${why.replace(/^ · /, '')}`, { size: 'small', spacing: 'none', wrap: true, maxLines: 2 })] : [];
}

/** Name and PM on the left; trend and red flags on the right. */
export function projectLine(line: DigestProjectLine, detail: Detail): ColumnSet {
  const flags = flagsLabel(line.openHighRisks, line.overdueItems);
  // The RAG in words as well as colour, for colour-blind readers and screen readers.
  const status = line.rag ? `${RAG_NAME[line.rag]}${line.trend ? ` · ${TREND_LABEL[line.trend]}` : ''}` : RAG_NAME.none;
  const right: CardElement[] = [textBlock(status, { size: 'small', weight: 'bolder', color: line.rag ? RAG_COLOR[line.rag] : 'default', horizontalAlignment: 'right' })];
  if (flags) right.push(textBlock(flags, { size: 'small', color: 'attention', spacing: 'none', horizontalAlignment: 'right' }));
  return {
    type: 'ColumnSet',
    separator: true,
    columns: [
      column([dot(line)], 'auto'),
      column([
        textBlock(headline(line, detail), { maxLines: 1 }),
        textBlock(freshness(line, detail).join(' · '), { size: 'small', isSubtle: !line.missingUpdate, spacing: 'none', color: line.missingUpdate ? 'warning' : 'default' }),
        ...explained(line, detail),
        ...(line.missingUpdateListed ? [textBlock(MISSING_LISTED, { size: 'small', weight: 'bolder', color: 'attention', spacing: 'none' })] : []),
      ], 'stretch'),
      column(right, 'auto'),
    ],
  };
}

/** One dense row for the continuation pages: the RAG dot and everything else on one line. */
function compactLine(line: DigestProjectLine, detail: Detail): ColumnSet {
  const flags = flagsLabel(line.openHighRisks, line.overdueItems);
  const status = line.rag ? `${RAG_NAME[line.rag]}${line.trend ? ` ${TREND_LABEL[line.trend]}` : ''}` : RAG_NAME.none;
  const why = line.slipDays ? slipLabel(line.slipDays) : '';
  const parts = [headline(line, detail), status, ...freshness(line, detail), ...(flags ? [flags] : []), ...(why ? [why] : [])];
  return {
    type: 'ColumnSet',
    spacing: 'small',
    columns: [column([dot(line)], 'auto'), column([textBlock(parts.join(' · '), { size: 'small' })], 'stretch')],
  };
}

/** A continuation page's lines at the most detail that fits `bytes`; never fewer lines. */
export function compactLines(lines: readonly DigestProjectLine[], bytes: number): ColumnSet[] {
  let rendered: ColumnSet[] = [];
  for (const detail of DETAIL_LEVELS) {
    rendered = lines.map((line) => compactLine(line, detail));
    if (jsonBytes(rendered) <= bytes) return rendered;
  }
  return rendered;
}
