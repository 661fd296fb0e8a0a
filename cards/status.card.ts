// A project's highlight report for one week: RAG per dimension, summary, done, next, blockers.
import type { Rag } from '../core/domain';
import { adaptiveCard, column, textBlock, type AdaptiveCard, type CardElement, type ColumnSet } from './adaptive';
import { RAG_COLOR, RAG_LABEL } from './style';
import { TEXT_LIMITS, blockText, inlineText, plainText } from './text';
import type { StatusUpdateView } from '../core/view-models';
import { dateLabel } from './jobs/format';
import { finishLine } from './slip';

function ragCell(label: string, rag: Rag): CardElement[] {
  return [
    textBlock(label, { size: 'small', isSubtle: true }),
    textBlock(`● ${RAG_LABEL[rag]}`, { color: RAG_COLOR[rag], weight: 'bolder', spacing: 'none' }),
  ];
}

function ragRow(status: StatusUpdateView): ColumnSet {
  const cells: [string, Rag][] = [['Overall', status.overall], ['Schedule', status.schedule], ['Scope', status.scope], ['Cost', status.cost]];
  return { type: 'ColumnSet', spacing: 'medium', columns: cells.map(([label, rag]) => column(ragCell(label, rag), 'stretch')) };
}

function section(heading: string, text: string | undefined, color?: 'attention' | 'warning'): CardElement[] {
  const body = blockText(text);
  if (!body) return [];
  return [textBlock(heading, { weight: 'bolder', spacing: 'medium', ...(color ? { color } : {}) }), textBlock(body, { spacing: 'small' })];
}

/** Why it is amber or red (and when it recovers), then the forecast finish against the baseline. */
function explanation(status: StatusUpdateView): CardElement[] {
  const out: CardElement[] = [];
  if (status.reason) {
    const recovery = status.recoveryDate ? `\n\nBack on track by ${dateLabel(status.recoveryDate)}` : '';
    out.push(...section(`Why ${RAG_LABEL[status.overall].toLowerCase()}`, `${status.reason}${recovery}`, status.overall === 'red' ? 'attention' : 'warning'));
  }
  const finish = finishLine(status, dateLabel);
  const late = (status.slipDays ?? 0) > 0;
  if (finish) out.push(textBlock(finish, { spacing: 'medium', weight: 'bolder', ...(late ? { color: 'warning' as const } : {}) }));
  return out;
}

export function statusCard(status: StatusUpdateView): AdaptiveCard {
  const project = inlineText(status.project, TEXT_LIMITS.name);
  const name = status.projectName ? ` — ${inlineText(status.projectName, TEXT_LIMITS.headline)}` : '';
  const body: CardElement[] = [
    textBlock(`${project}${name}`, { size: 'large', weight: 'bolder', style: 'heading' }),
    textBlock(`Status ${inlineText(status.period, 20)} · by ${inlineText(status.authorName, TEXT_LIMITS.name)}`, { isSubtle: true, spacing: 'none' }),
    ragRow(status),
    ...explanation(status),
    ...section('Summary', status.summary),
    ...section('Done this period', status.done),
    ...section('Next period', status.next),
    ...section('Blockers / help needed', status.blockers, 'attention'),
  ];
  return adaptiveCard(body, [], plainText(`${status.project} ${status.period}: ${RAG_LABEL[status.overall]}`, TEXT_LIMITS.headline));
}
