// The modals the Slack door adds around the shared forms: "working on it", the outcome, and a form's confirmation.
import { BLOCK_LIMITS, confirmationMessage, type Block, type SlackModalView } from '../../cards/blocks';
import type { ConfirmationView } from '../../core/view-models';

export const PENDING_CALLBACK_ID = 'pmo.modal.pending';
export const DONE_CALLBACK_ID = 'pmo.modal.done';
export const CONFIRM_CALLBACK_ID = 'pmo.modal.confirm';

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** A modal title fits 24 characters; cut between characters, never inside a surrogate pair. */
export function modalTitle(text: string | undefined): string {
  const chars = Array.from((text ?? '').trim());
  if (chars.length === 0) return 'PMO Assistant';
  return chars.length <= BLOCK_LIMITS.modalTitle ? chars.join('') : `${chars.slice(0, BLOCK_LIMITS.modalTitle - 1).join('').trimEnd()}…`;
}

/** A modal of ours: the title cut to fit, one close button and at most the blocks a modal takes. */
function modal(callbackId: string, title: string | undefined, close: string, blocks: Block[], privateMetadata: string): SlackModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: privateMetadata,
    title: plain(modalTitle(title)),
    close: plain(close),
    blocks: blocks.slice(0, BLOCK_LIMITS.modalBlocks),
  };
}

/** What a submitted modal shows at once (the ack), while the answer is worked out after it. */
export function pendingModal(title: string | undefined, privateMetadata: string): SlackModalView {
  const working: Block = { type: 'context', elements: [{ type: 'mrkdwn', text: ':hourglass_flowing_sand: Working on it…' }] };
  return modal(PENDING_CALLBACK_ID, title, 'Close', [working], privateMetadata);
}

/** The outcome, shown in the modal it came from: what was saved, or why nothing was. */
export function doneModal(title: string | undefined, blocks: Block[], privateMetadata: string): SlackModalView {
  const shown = blocks.length > 0 ? blocks : [{ type: 'section', text: { type: 'mrkdwn', text: 'Done.' } }];
  return modal(DONE_CALLBACK_ID, title, 'Done', shown, privateMetadata);
}

/** "Save this risk?" inside the modal: the confirmation message's blocks, with its Edit, Save and Cancel buttons. */
export function confirmationModal(view: ConfirmationView, privateMetadata: string): SlackModalView {
  return modal(CONFIRM_CALLBACK_ID, view.title, 'Close', confirmationMessage(view).blocks, privateMetadata);
}
