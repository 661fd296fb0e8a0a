// The App Home tab as Block Kit: the person's open items and their projects' latest RAG. Pure.
import type { HomeProject, HomeView } from '../../core/home-view';
import { nounsOf } from '../../core/registers';
import { KIND_PLURAL, OVERDUE_MARK, RAG_LABEL, humanize } from '../style';
import { CARD_VERBS } from '../verbs';
import { buttonMaker } from './buttons';
import { mineTitle } from '../mine-format';
import { mineBlocks } from './mine.blocks';
import { capBlocks, context, header, section } from './layout';
import { levelText, RAG_EMOJI } from './style';
import { mrkdwnLine } from './text';
import { BLOCK_LIMITS, type KnownBlock } from './types';

export const HOME_CALLBACK_ID = 'pmo.home';

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
    ...(view.mine ? [{ type: 'divider' } as const, header(mineTitle(view.mine)), ...mineBlocks(view.mine, button)] : []),
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
    if (group.total > group.items.length) blocks.push(context(`_…and ${group.total - group.items.length} more: \`/pmo list ${nounsOf(group.kind).listWord} mine\`_`));
  }
  return { type: 'home', callback_id: HOME_CALLBACK_ID, blocks: capBlocks(blocks, BLOCK_LIMITS.modalBlocks) };
}
