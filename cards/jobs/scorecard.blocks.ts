// The PMO scorecard in Block Kit: the compliance share, the gaps' totals, a line per project, overdue per owner.
import { TEXT_LIMITS } from '../text';
import type { ScorecardProjectLine, ScorecardView } from '../../core/job-views';
import { plural } from './format';
import { complianceLine, gapsLabel, policyNote, scorecardTitle } from './scorecard-format';
import { capBlocks, context, divider, fields, header, mrkdwnText, section, sections, type Block } from './slack-kit';

function projectLine(line: ScorecardProjectLine, view: ScorecardView): string {
  const mark = line.onTime < line.weeksDue ? '🔴' : '🟢';
  const gaps = gapsLabel(line, view.changeOverdueDays) || 'no gaps';
  const pm = line.pmName ? ` · PM ${mrkdwnText(line.pmName, TEXT_LIMITS.name)}` : ' · no PM';
  return `${mark} *${mrkdwnText(line.key, TEXT_LIMITS.name)}* ${mrkdwnText(line.name, TEXT_LIMITS.rowTitle)} — ${line.onTime}/${line.weeksDue} on time · ${gaps}${pm}`;
}

export function scorecardBlocks(view: ScorecardView): Block[] {
  const t = view.totals;
  const blocks: Block[] = [
    header(scorecardTitle(view)),
    section(`*${view.compliance.share === null ? '—' : `${view.compliance.share}%`}* compliance. ${complianceLine(view)}`),
    fields([
      `*Overdue items*\n${t.overdueItems}`,
      `*Risks past review*\n${t.risksPastReview}`,
      `*No owner / no due date*\n${t.noOwner} / ${t.noDueDate}`,
      `*Changes pending over ${view.changeOverdueDays} days*\n${t.changesPendingTooLong}`,
    ]),
    divider(),
    section(`*Projects (${view.totalProjects}), least compliant first*`),
  ];
  if (view.projects.length === 0) blocks.push(context('No active projects yet.'));
  blocks.push(...sections(view.projects.map((line) => projectLine(line, view))));
  const more = view.totalProjects - view.projects.length;
  if (more > 0) blocks.push(context(`…and ${plural(more, 'more project')}, counted in the totals above.`));
  if (view.overdueByOwner) {
    blocks.push(divider(), section('*Overdue items per owner*'));
    blocks.push(view.overdueByOwner.length === 0
      ? context('Nobody has an overdue item.')
      : section(view.overdueByOwner.map((o) => `• ${mrkdwnText(o.name, TEXT_LIMITS.name)}: ${o.count}`).join('\n')));
  }
  blocks.push(context(policyNote(view)));
  return capBlocks(blocks, (left) => `${left} more blocks left out.`);
}
