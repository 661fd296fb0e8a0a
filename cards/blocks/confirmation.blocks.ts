// "Save this risk?": what will be stored, an Edit button per editable field, then Save or Cancel.
import { NONE, TEXT_LIMITS } from '../text';
import { CARD_VERBS } from '../verbs';
import type { ConfirmationField, ConfirmationView } from '../../core/view-models';
import { buttonMaker, type MakeButton } from './buttons';
import { actions, capBlocks, context, fallbackText, section } from './layout';
import { escapeMrkdwn, mrkdwnBlock, mrkdwnLine, plainLine } from './text';
import { BLOCK_LIMITS, type KnownBlock, type SlackMessage } from './types';

/** A value gets most of its section; long ones (descriptions) are clipped, never the message. */
const VALUE_TEXT = 2000;

function row(command: string, field: ConfirmationField, button: MakeButton, instance: { form?: string }): KnownBlock {
  const label = plainLine(field.label, TEXT_LIMITS.name) || field.id;
  const value = mrkdwnBlock(field.value, VALUE_TEXT) || NONE;
  const edit = field.editable === false ? undefined : button('Edit', { verb: CARD_VERBS.editField, command, field: field.id, ...instance });
  return section(`*${escapeMrkdwn(label)}*\n${value}`, edit);
}

export function confirmationMessage(view: ConfirmationView): SlackMessage {
  const { command } = view;
  const instance = view.formId ? { form: view.formId } : {};
  const button = buttonMaker();
  const blocks: KnownBlock[] = [section(`*${mrkdwnLine(view.title, TEXT_LIMITS.headline) || 'Save?'}*`)];
  const note = mrkdwnLine(view.note, TEXT_LIMITS.value);
  if (note) blocks.push(context(note));
  blocks.push(...view.fields.map((field) => row(command, field, button, instance)));
  blocks.push(...actions([
    button('Save', { verb: CARD_VERBS.confirmSave, command, ...instance }, 'primary'),
    button('Cancel', { verb: CARD_VERBS.cancel, command, ...instance }),
  ]));
  // The line the Teams reply carries (bot/teams/presenter.ts).
  return { text: fallbackText(`Save this ${command}?`), blocks: capBlocks(blocks, BLOCK_LIMITS.messageBlocks) };
}
