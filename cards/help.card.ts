// What the bot can do: each command's usage, what it does and examples to copy.
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from './adaptive';
import { TEXT_LIMITS, blockText, inlineText, plainText } from './text';
import type { HelpCommandView, HelpView } from '../core/view-models';

/** Commands are short; a help card listing every command still has to stay small. */
const EXAMPLES_SHOWN = 3;

function command(entry: HelpCommandView): CardElement[] {
  const examples = entry.examples.slice(0, EXAMPLES_SHOWN).map((example) =>
    textBlock(inlineText(example, TEXT_LIMITS.value), { fontType: 'monospace', size: 'small', spacing: 'none', color: 'accent' }),
  );
  return [
    textBlock(inlineText(entry.usage, TEXT_LIMITS.value), { fontType: 'monospace', weight: 'bolder', spacing: 'medium', separator: true }),
    textBlock(inlineText(entry.description), { spacing: 'small' }),
    ...examples,
  ];
}

export function helpCard(help: HelpView): AdaptiveCard {
  const body: CardElement[] = [textBlock(inlineText(help.title, TEXT_LIMITS.headline), { size: 'medium', weight: 'bolder', style: 'heading' })];
  const intro = blockText(help.intro);
  if (intro) body.push(textBlock(intro, { spacing: 'small' }));
  body.push(...help.commands.flatMap(command));
  const footer = blockText(help.footer);
  if (footer) body.push(textBlock(footer, { isSubtle: true, spacing: 'medium' }));
  return adaptiveCard(body, [], plainText(help.title, TEXT_LIMITS.headline));
}
