// What the bot can do: each command's usage, what it does and examples to copy.
import { TEXT_LIMITS } from '../text';
import type { HelpCommandView, HelpView } from '../../core/view-models';
import { capBlocks, context, fallbackText, header, section } from './layout';
import { mrkdwnBlock, mrkdwnLine } from './text';
import { BLOCK_LIMITS, type KnownBlock, type SlackMessage } from './types';

/** The same number of examples per command as the Teams card shows. */
const EXAMPLES_SHOWN = 3;

/** Inline code; a backquote inside would end it early, so it is swapped for a look-alike. */
const code = (text: string): string => `\`${mrkdwnLine(text.replace(/`/g, 'ˋ'), TEXT_LIMITS.value)}\``;

function command(entry: HelpCommandView): KnownBlock {
  const examples = entry.examples.slice(0, EXAMPLES_SHOWN).map((example) => `• ${code(example)}`);
  return section([`*${code(entry.usage)}*`, mrkdwnLine(entry.description, TEXT_LIMITS.value), ...examples].filter(Boolean).join('\n'));
}

export function helpMessage(view: HelpView): SlackMessage {
  const intro = mrkdwnBlock(view.intro, TEXT_LIMITS.longText);
  const footer = mrkdwnBlock(view.footer, TEXT_LIMITS.longText);
  const blocks: KnownBlock[] = [
    header(view.title),
    ...(intro ? [section(intro)] : []),
    ...view.commands.map(command),
  ];
  // The footer ("Type help COMMAND for more") matters more than the last commands, so it stays.
  const capped = capBlocks(blocks, BLOCK_LIMITS.messageBlocks - (footer ? 1 : 0));
  return { text: fallbackText(view.title), blocks: footer ? [...capped, context(footer)] : capped };
}
