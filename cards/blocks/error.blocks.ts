// Something went wrong or the input was not understood: what, and what to do next.
import { TEXT_LIMITS } from '../text';
import type { ErrorView } from '../../core/view-models';
import { context, fallbackText, section } from './layout';
import { mrkdwnBlock, mrkdwnLine } from './text';
import type { KnownBlock, SlackMessage } from './types';

export function errorMessage(view: ErrorView): SlackMessage {
  const blocks: KnownBlock[] = [section(`⚠ *${mrkdwnLine(view.message, TEXT_LIMITS.headline) || 'Something went wrong'}*`)];
  const detail = mrkdwnBlock(view.detail, TEXT_LIMITS.longText);
  if (detail) blocks.push(section(detail));
  const hint = mrkdwnLine(view.hint, TEXT_LIMITS.value);
  if (hint) blocks.push(context(hint));
  return { text: fallbackText(view.message), blocks };
}
