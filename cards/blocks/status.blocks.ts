// A project's highlight report for one week: RAG per dimension, summary, done, next, blockers.
import type { Rag } from '../../core/domain';
import { RAG_LABEL } from '../style';
import { TEXT_LIMITS } from '../text';
import type { StatusUpdateView } from '../../core/view-models';
import { dateLabel } from '../jobs/format';
import { finishLine } from '../slip';
import { capBlocks, context, fallbackText, header, headed } from './layout';
import { RAG_EMOJI } from './style';
import { labelled, mrkdwn, mrkdwnLine } from './text';
import { BLOCK_LIMITS, type KnownBlock, type SlackMessage } from './types';

const LONG_TEXT = 2000;

const rag = (label: string, value: Rag) => mrkdwn(labelled(label, `${RAG_EMOJI[value] ?? '⚪'} ${RAG_LABEL[value] ?? mrkdwnLine(value, 20)}`));

export function statusMessage(view: StatusUpdateView, opts: { replaced?: boolean; shown?: boolean } = {}): SlackMessage {
  const blocks: KnownBlock[] = [
    header(`${view.project}${view.projectName ? ` — ${view.projectName}` : ''}`),
    context(`Status ${mrkdwnLine(view.period, 20)} · by ${mrkdwnLine(view.authorName, TEXT_LIMITS.name)}`),
    {
      type: 'section',
      fields: [rag('Overall', view.overall), rag('Schedule', view.schedule), rag('Scope', view.scope), rag('Cost', view.cost)],
    },
    ...(view.reason ? headed(`${RAG_EMOJI[view.overall] ?? ''} Why ${RAG_LABEL[view.overall]?.toLowerCase() ?? view.overall}`, `${view.reason}${view.recoveryDate ? `\nBack on track by ${dateLabel(view.recoveryDate)}` : ''}`, LONG_TEXT) : []),
    ...(finishLine(view, dateLabel) ? [context(finishLine(view, dateLabel))] : []),
    ...headed('Summary', view.summary, LONG_TEXT),
    ...headed('Done this period', view.done, LONG_TEXT),
    ...headed('Next period', view.next, LONG_TEXT),
    ...headed('⚠ Blockers / help needed', view.blockers, LONG_TEXT),
  ];
  // The line the Teams reply carries (bot/teams/presenter.ts).
  const text = `${opts.shown ? 'Latest' : opts.replaced ? 'Updated' : 'Saved'} status for ${view.project} (${view.period})`;
  return { text: fallbackText(text), blocks: capBlocks(blocks, BLOCK_LIMITS.messageBlocks) };
}
