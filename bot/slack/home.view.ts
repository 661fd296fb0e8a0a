// The App Home tab as Block Kit: the person's open items and their projects' latest RAG. Pure.
import { buttonMaker } from '../../cards/blocks/buttons';
import { capBlocks, context, header, section } from '../../cards/blocks/layout';
import { levelText, RAG_EMOJI } from '../../cards/blocks/style';
import { mrkdwnLine } from '../../cards/blocks/text';
import { BLOCK_LIMITS, type KnownBlock } from '../../cards/blocks/types';
import { KIND_PLURAL, OVERDUE_MARK, RAG_LABEL, humanize } from '../../cards/style';
import { CARD_VERBS } from '../../cards/verbs';
import type { ItemView } from '../../core/view-models';
import type { ItemKind, Rag } from '../../core/domain';

export const HOME_CALLBACK_ID = 'pmo.home';

export interface HomeProject {
  key: string;
  name: string;
  /** The latest status update's overall RAG and week, if the project has one. */
  rag?: Rag;
  period?: string;
  /** The person is its PM. */
  managed: boolean;
}

export interface HomeView {
  displayName: string;
  items: { kind: ItemKind; items: ItemView[]; total: number }[];
  projects: HomeProject[];
}

export interface HomeTab {
  type: 'home';
  callback_id: string;
  blocks: KnownBlock[];
}

function projectLine(p: HomeProject): string {
  const rag = p.rag ? `${RAG_EMOJI[p.rag]} ${RAG_LABEL[p.rag]}` : '⚪ No status yet';
  const when = p.period ? ` · ${mrkdwnLine(p.period, 20)}` : '';
  const pm = p.managed ? ' · you are PM' : '';
  return `*${mrkdwnLine(p.key, 40)}* ${mrkdwnLine(p.name, 80)} — ${rag}${when}${pm}`;
}

export function homeTab(view: HomeView): HomeTab {
  const button = buttonMaker();
  const blocks: KnownBlock[] = [
    header(`Hi${view.displayName ? ` ${view.displayName}` : ''}, here is your PMO view`),
    context('Type `/pmo help` anywhere, or message me here. `/pmo risk` logs a risk; `/pmo status` posts your weekly update.'),
    { type: 'divider' },
    header('Your projects'),
  ];
  if (view.projects.length === 0) blocks.push(context('No projects yet: you are not PM of one and own no open item.'));
  for (let i = 0; i < view.projects.length; i += 10) {
    blocks.push(section(view.projects.slice(i, i + 10).map(projectLine).join('\n')));
  }
  blocks.push({ type: 'divider' }, header('Your open items'));
  const all = view.items.reduce((n, group) => n + group.total, 0);
  if (all === 0) blocks.push(context('Nothing open is yours. Well done.'));
  for (const group of view.items.filter((g) => g.total > 0)) {
    blocks.push(context(`*${humanize(KIND_PLURAL[group.kind])}* · ${group.total}`));
    for (const item of group.items) {
      const due = item.due ? ` · due ${mrkdwnLine(item.due, 20)}` : '';
      const overdue = item.overdue ? ` · *${OVERDUE_MARK}*` : '';
      const line = `*${mrkdwnLine(item.key, 20)}* ${mrkdwnLine(item.title, 150)}\n${levelText(item)}${due}${overdue} · ${mrkdwnLine(item.project, 40)}`;
      blocks.push(section(line, button('Show', { verb: CARD_VERBS.showItem, key: item.key })));
    }
    if (group.total > group.items.length) blocks.push(context(`_…and ${group.total - group.items.length} more: \`/pmo list ${group.kind === 'change' ? 'changes' : `${group.kind}s`} mine\`_`));
  }
  return { type: 'home', callback_id: HOME_CALLBACK_ID, blocks: capBlocks(blocks, BLOCK_LIMITS.modalBlocks) };
}
