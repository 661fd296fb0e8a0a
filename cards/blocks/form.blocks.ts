// A guided form as a modal (when Slack gave a trigger_id) or as inputs inside a message (when not).
import { TEXT_LIMITS } from '../text';
import { CARD_VERBS, RESERVED_DATA_KEYS, type CardActionData } from '../verbs';
import type { FormView } from '../../core/view-models';
import { buttonMaker } from './buttons';
import { fieldBlocks, prefillFits, type InputSurface } from './inputs';
import { actions, capBlocks, context, fallbackText, header, section } from './layout';
import { mrkdwnBlock, plain, plainLine } from './text';
import { BLOCK_LIMITS, MORE_LIMITS, type KnownBlock, type SlackMessage, type SlackModalView } from './types';

/** The modal's callback_id: a submitted modal is the form's Save, as on the Teams card. */
export const FORM_CALLBACK_ID = CARD_VERBS.submitForm;

function checkIds(view: FormView): void {
  // The transport merges the values into the action data, as Teams does, so an id must not overwrite it.
  const clash = view.fields.find((f) => RESERVED_DATA_KEYS.includes(f.id));
  if (clash) throw new Error(`form field id "${clash.id}" would overwrite the action data; rename it`);
}

/**
 * What the form's Save carries (a modal keeps it in private_metadata): the command, the form
 * instance, and the inputs left empty only because their value is longer than Slack lets an input hold.
 */
export function formSubmitData(view: FormView): Extract<CardActionData, { verb: typeof CARD_VERBS.submitForm }> {
  const keep = view.fields.filter((f) => !prefillFits(f)).map((f) => f.id);
  return { verb: CARD_VERBS.submitForm, command: view.command, ...(view.formId ? { form: view.formId } : {}), ...(keep.length > 0 ? { keep } : {}) };
}

/** Intro, "please correct…" when a field is asked again, then the inputs. */
function formBody(view: FormView, surface: InputSurface): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const intro = mrkdwnBlock(view.intro, TEXT_LIMITS.longText);
  if (intro) blocks.push(section(intro));
  if (view.fields.some((f) => f.error)) blocks.push(context('⚠️ *Please correct the field marked below.*'));
  blocks.push(...view.fields.flatMap((field) => fieldBlocks(field, surface, field.id === view.asking)));
  return blocks;
}

export function formModal(view: FormView, privateMetadata: string): SlackModalView {
  checkIds(view);
  const fullTitle = plainLine(view.title, BLOCK_LIMITS.headerText);
  const title = plainLine(view.title, BLOCK_LIMITS.modalTitle) || 'Form';
  // A title clipped to fit the modal's bar is shown whole above the inputs.
  const heading = fullTitle && fullTitle !== title ? [header(view.title)] : [];
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: privateMetadata,
    title: plain(title),
    submit: plain(plainLine(view.submitLabel ?? 'Save', MORE_LIMITS.modalButton) || 'Save'),
    close: plain('Cancel'),
    blocks: capBlocks([...heading, ...formBody(view, 'modal')], BLOCK_LIMITS.modalBlocks),
  };
}

export function formMessage(view: FormView, prompt: string): SlackMessage {
  checkIds(view);
  const { command } = view;
  const button = buttonMaker();
  const question = mrkdwnBlock(prompt, TEXT_LIMITS.longText);
  const blocks: KnownBlock[] = [
    header(view.title),
    ...(question ? [section(question)] : []),
    ...formBody(view, 'message'),
    ...actions([
      button(view.submitLabel ?? 'Save', formSubmitData(view), 'primary'),
      button('Cancel', { verb: CARD_VERBS.cancel, command, ...(view.formId ? { form: view.formId } : {}) }),
    ]),
  ];
  return { text: fallbackText(prompt || view.title), blocks: capBlocks(blocks, BLOCK_LIMITS.messageBlocks) };
}
