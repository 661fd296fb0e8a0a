// The weekly status nudge: a PM's projects without this week's update, each with a button to start one.
import type { AdaptiveCard, CardElement, ColumnSet } from '../adaptive';
import { adaptiveCard, column, textBlock } from '../adaptive';
import { TEXT_LIMITS, inlineText, plainText } from '../text';
import type { NudgeView } from '../../core/job-views';
import { dateLabel, plural, weekLabel } from './format';
import { actionSet, jobSubmit } from './teams-actions';
import { JOB_VERBS } from './verbs';

export function nudgeSummary(view: NudgeView): string {
  return plainText(`Status update due for ${weekLabel(view.period).toLowerCase()}: ${view.projects.map((p) => p.key).join(', ')}`, TEXT_LIMITS.headline);
}

export function nudgeCard(view: NudgeView): AdaptiveCard {
  const rows = view.projects.map((project): ColumnSet => ({
    type: 'ColumnSet',
    separator: true,
    spacing: 'small',
    columns: [
      column([textBlock(`**${inlineText(project.key, TEXT_LIMITS.name)}** ${inlineText(project.name, TEXT_LIMITS.rowTitle)}`, { maxLines: 2 })], 'stretch'),
      column([actionSet([jobSubmit(`Update ${plainText(project.key, TEXT_LIMITS.name)}`, { verb: JOB_VERBS.start, command: 'status', project: project.key })])], 'auto'),
    ],
  }));
  const body: CardElement[] = [
    textBlock(`Status update due: ${weekLabel(view.period).toLowerCase()}`, { size: 'large', weight: 'bolder', style: 'heading' }),
    textBlock(`Hi ${inlineText(view.pmName, TEXT_LIMITS.name)}, ${plural(view.totalProjects, 'project has', 'projects have')} no status update for ${weekLabel(view.period).toLowerCase()} yet; the week ends ${dateLabel(view.periodEnd)}.`, { spacing: 'small' }),
    ...rows,
  ];
  const more = view.totalProjects - view.projects.length;
  if (more > 0) body.push(textBlock(`…and ${more} more — type **status PROJECT** for each.`, { isSubtle: true, spacing: 'medium' }));
  return adaptiveCard(body, [], nudgeSummary(view));
}
