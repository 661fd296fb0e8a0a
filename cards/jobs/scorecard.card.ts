// The weekly PMO scorecard for PMO admins: the compliance share, the register's gaps, and one row per project.
import type { AdaptiveCard, CardElement, ColumnSet } from '../adaptive';
import { adaptiveCard, column, textBlock } from '../adaptive';
import { TEXT_LIMITS, inlineText } from '../text';
import type { ScorecardProjectLine, ScorecardView } from '../../core/job-views';
import { plural } from './format';
import { complianceLine, gapsLabel, policyNote, scorecardSummary, scorecardTitle } from './scorecard-format';
import { heading, keyNumber } from './card-parts';

function keyNumbers(view: ScorecardView): ColumnSet {
  const t = view.totals;
  return {
    type: 'ColumnSet',
    spacing: 'medium',
    columns: [
      keyNumber('overdue items', t.overdueItems, true),
      keyNumber('risks past review', t.risksPastReview, true),
      keyNumber('no owner / no due date', `${t.noOwner} / ${t.noDueDate}`, false),
      keyNumber(`changes pending over ${view.changeOverdueDays} days`, t.changesPendingTooLong, true),
    ],
  };
}

function projectRow(line: ScorecardProjectLine, view: ScorecardView): ColumnSet {
  const gaps = gapsLabel(line, view.changeOverdueDays);
  const late = line.onTime < line.weeksDue;
  const pm = line.pmName ? ` · PM ${inlineText(line.pmName, TEXT_LIMITS.name)}` : ' · no PM';
  return {
    type: 'ColumnSet',
    separator: true,
    spacing: 'small',
    columns: [
      column([
        textBlock(`**${inlineText(line.key, TEXT_LIMITS.name)}** ${inlineText(line.name, TEXT_LIMITS.rowTitle)}`, { maxLines: 2 }),
        textBlock(`${gaps || 'No gaps'}${pm}`, { size: 'small', isSubtle: !gaps, color: gaps ? 'attention' : 'default', spacing: 'none' }),
      ], 'stretch'),
      column([
        textBlock(`${line.onTime}/${line.weeksDue}`, { weight: 'bolder', color: late ? 'attention' : 'good', horizontalAlignment: 'right' }),
        textBlock('on time', { size: 'small', isSubtle: true, spacing: 'none', horizontalAlignment: 'right' }),
      ], 'auto'),
    ],
  };
}

export function scorecardCard(view: ScorecardView): AdaptiveCard {
  const share = view.compliance.share;
  const body: CardElement[] = [
    textBlock(scorecardTitle(view), { size: 'large', weight: 'bolder', style: 'heading' }),
    textBlock(share === null ? '—' : `${share}%`, { size: 'extraLarge', weight: 'bolder', color: share === null ? 'default' : share >= 80 ? 'good' : share >= 50 ? 'warning' : 'attention', spacing: 'small' }),
    textBlock(complianceLine(view), { spacing: 'none' }),
    keyNumbers(view),
    heading(`Projects (${view.totalProjects}), least compliant first`),
  ];
  if (view.projects.length === 0) body.push(textBlock('No active projects yet.', { isSubtle: true }));
  body.push(...view.projects.map((line) => projectRow(line, view)));
  const more = view.totalProjects - view.projects.length;
  if (more > 0) body.push(textBlock(`…and ${plural(more, 'more project')}, counted in the totals above.`, { isSubtle: true, spacing: 'medium' }));
  if (view.overdueByOwner) {
    body.push(heading('Overdue items per owner'));
    if (view.overdueByOwner.length === 0) body.push(textBlock('Nobody has an overdue item.', { isSubtle: true }));
    else body.push({ type: 'FactSet', facts: view.overdueByOwner.map((o) => ({ title: inlineText(o.name, TEXT_LIMITS.name), value: String(o.count) })) });
  }
  body.push(textBlock(policyNote(view), { size: 'small', isSubtle: true, spacing: 'large' }));
  return adaptiveCard(body, [], scorecardSummary(view));
}
