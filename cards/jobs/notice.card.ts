// A notice to one person (a change to decide, a change decided, an escalation): a heading, a few lines, and Approve/Reject when theirs to decide.
import type { AdaptiveCard, CardElement } from '../adaptive';
import { adaptiveCard, textBlock } from '../adaptive';
import { TEXT_LIMITS, inlineText, plainText } from '../text';
import type { NoticeView } from '../../core/job-views';
import { actionSet, jobSubmit } from './teams-actions';
import { JOB_VERBS } from './verbs';

/** Lines shown; an escalation's longer list ends with how many were left out. */
export const NOTICE_LINES_SHOWN = 25;

export function noticeSummary(view: NoticeView): string {
  return plainText(view.title, TEXT_LIMITS.headline);
}

export function noticeCard(view: NoticeView): AdaptiveCard {
  const shown = view.lines.slice(0, NOTICE_LINES_SHOWN);
  const body: CardElement[] = [
    textBlock(inlineText(view.title, TEXT_LIMITS.headline), { size: 'large', weight: 'bolder', style: 'heading' }),
    ...shown.map((line) => textBlock(inlineText(line, TEXT_LIMITS.longText), { spacing: 'small' })),
  ];
  const more = view.lines.length - shown.length;
  if (more > 0) body.push(textBlock(`…and ${more} more.`, { isSubtle: true, spacing: 'small' }));
  if (view.decide) {
    const { key } = view.decide;
    body.push(actionSet([
      jobSubmit('Approve', { verb: JOB_VERBS.itemApprove, key }, { style: 'positive' }),
      jobSubmit('Reject', { verb: JOB_VERBS.itemReject, key }, { style: 'destructive' }),
    ]));
  }
  return adaptiveCard(body, [], noticeSummary(view));
}
