// The status nudge in Block Kit: one line per project with a button that starts its status update.
import { TEXT_LIMITS } from '../text';
import type { NudgeView } from '../../core/job-views';
import { dateLabel, plural, weekLabel } from './format';
import { ActionIds, capBlocks, context, header, mrkdwnText, section, type Block } from './slack-kit';
import { JOB_VERBS } from './verbs';

export function nudgeBlocks(view: NudgeView): Block[] {
  const ids = new ActionIds();
  const week = weekLabel(view.period).toLowerCase();
  const blocks: Block[] = [
    header(`Status update due: ${week}`),
    section(`Hi ${mrkdwnText(view.pmName, TEXT_LIMITS.name)}, ${plural(view.totalProjects, 'project has', 'projects have')} no status update for ${week} yet; the week ends ${dateLabel(view.periodEnd)}.`),
    ...view.projects.map((p) => section(
      `*${mrkdwnText(p.key, TEXT_LIMITS.name)}* ${mrkdwnText(p.name, TEXT_LIMITS.rowTitle)}`,
      ids.button(`Update ${p.key}`, { verb: JOB_VERBS.start, command: 'status', project: p.key }, 'primary'),
    )),
  ];
  const more = view.totalProjects - view.projects.length;
  if (more > 0) blocks.push(context(`…and ${more} more — type \`status PROJECT\` for each.`));
  return capBlocks(blocks, (left) => `${left} more projects left out — type \`status PROJECT\` for each.`);
}
