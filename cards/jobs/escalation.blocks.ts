// The policy's follow-up for PMO admins in Block Kit.
import { TEXT_LIMITS } from '../text';
import type { EscalationView } from '../../core/job-views';
import { escalationNote, escalationTitle, missingHeading, moreLine, overdueHeading } from './escalation-format';
import { capBlocks, context, divider, escapeMrkdwn, header, mrkdwnText, sections, type Block } from './slack-kit';

export function escalationBlocks(view: EscalationView): Block[] {
  const blocks: Block[] = [header(escalationTitle(view))];
  if (view.missing && view.totalMissing > 0) {
    blocks.push(...sections(view.missing.map((p) =>
      `• *${mrkdwnText(p.key, TEXT_LIMITS.name)}* ${mrkdwnText(p.name, TEXT_LIMITS.rowTitle)} — ${p.pmName ? `PM ${mrkdwnText(p.pmName, TEXT_LIMITS.name)}` : 'no PM'}`), `*${escapeMrkdwn(missingHeading(view))}*`));
    const more = moreLine(view.missing.length, view.totalMissing, '`digest`');
    if (more) blocks.push(context(more));
  }
  if (view.overdue && view.totalOverdue > 0) {
    if (blocks.length > 1) blocks.push(divider());
    blocks.push(...sections(view.overdue.map((o) =>
      `• *${mrkdwnText(o.key, TEXT_LIMITS.name)}* ${mrkdwnText(o.title, TEXT_LIMITS.rowTitle)} (${mrkdwnText(o.projectKey, TEXT_LIMITS.name)}) — ${o.daysOverdue} days overdue, ${o.ownerName ? `owner ${mrkdwnText(o.ownerName, TEXT_LIMITS.name)}` : 'no owner'}`), `*${escapeMrkdwn(overdueHeading(view))}*`));
    const more = moreLine(view.overdue.length, view.totalOverdue, '`list risks overdue` (or issues, changes, actions)');
    if (more) blocks.push(context(more));
  }
  blocks.push(context(escalationNote(view)));
  return capBlocks(blocks, (left) => `${left} more blocks left out.`);
}
