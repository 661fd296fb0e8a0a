// The policy's follow-up for PMO admins: PMs still missing the week's update, and items overdue two weeks (directive).
import type { AdaptiveCard, CardElement } from '../adaptive';
import { adaptiveCard, textBlock } from '../adaptive';
import { TEXT_LIMITS, inlineText } from '../text';
import type { EscalationView } from '../../core/job-views';
import { escalationNote, escalationSummary, escalationTitle, missingHeading, moreLine, overdueHeading } from './escalation-format';
import { heading } from './card-parts';

export function escalationCard(view: EscalationView): AdaptiveCard {
  const body: CardElement[] = [textBlock(escalationTitle(view), { size: 'large', weight: 'bolder', style: 'heading' })];
  if (view.missing && view.totalMissing > 0) {
    body.push(heading(missingHeading(view)));
    body.push({
      type: 'FactSet',
      facts: view.missing.map((p) => ({ title: inlineText(p.key, TEXT_LIMITS.name), value: `${inlineText(p.name, TEXT_LIMITS.rowTitle)} — ${p.pmName ? `PM ${inlineText(p.pmName, TEXT_LIMITS.name)}` : 'no PM'}` })),
    });
    const more = moreLine(view.missing.length, view.totalMissing, '**digest**');
    if (more) body.push(textBlock(more, { isSubtle: true }));
  }
  if (view.overdue && view.totalOverdue > 0) {
    body.push(heading(overdueHeading(view)));
    body.push({
      type: 'FactSet',
      facts: view.overdue.map((o) => ({
        title: inlineText(o.key, TEXT_LIMITS.name),
        value: `${inlineText(o.title, TEXT_LIMITS.rowTitle)} (${inlineText(o.projectKey, TEXT_LIMITS.name)}) — ${o.daysOverdue} days overdue, ${o.ownerName ? `owner ${inlineText(o.ownerName, TEXT_LIMITS.name)}` : 'no owner'}`,
      })),
    });
    const more = moreLine(view.overdue.length, view.totalOverdue, '**list risks overdue** (or issues, changes, actions)');
    if (more) body.push(textBlock(more, { isSubtle: true }));
  }
  body.push(textBlock(escalationNote(view), { size: 'small', isSubtle: true, spacing: 'large' }));
  return adaptiveCard(body, [], escalationSummary(view));
}
