// A notice to one person in Block Kit: a header, its lines, and Approve/Reject when theirs to decide.
import type { NoticeView } from '../../core/job-views';
import { TEXT_LIMITS } from '../text';
import { NOTICE_LINES_SHOWN } from './notice.card';
import { ActionIds, context, header, mrkdwnText, sections, type Block } from './slack-kit';
import { JOB_VERBS } from './verbs';

export function noticeBlocks(view: NoticeView): Block[] {
  const ids = new ActionIds();
  const shown = view.lines.slice(0, NOTICE_LINES_SHOWN);
  const blocks: Block[] = [header(view.title), ...sections(shown.map((line) => mrkdwnText(line, TEXT_LIMITS.longText)))];
  const more = view.lines.length - shown.length;
  if (more > 0) blocks.push(context(`…and ${more} more.`));
  if (view.decide) {
    const { key } = view.decide;
    blocks.push({
      type: 'actions',
      elements: [
        ids.button('Approve', { verb: JOB_VERBS.itemApprove, key }, 'primary'),
        ids.button('Reject', { verb: JOB_VERBS.itemReject, key }, 'danger'),
      ],
    });
  }
  return blocks;
}
