import type { SlackViewMiddlewareArgs, ViewClosedAction, ViewSubmitAction } from '@slack/bolt';
import type { types } from '@slack/bolt';
import { fromViewClosed, fromViewSubmission } from '../inbound';
import { pendingModal } from '../modals';
import type { SlackTurns } from '../turns';

/**
 * A form modal submitted: the ack swaps in "Working on it…" (no database work fits in Slack's 3
 * seconds), then the dialog's answer replaces it: the form again with the bad field marked, the
 * confirmation, or the outcome.
 */
export function modalSubmitted(turns: SlackTurns) {
  return async function onModalSubmitted({ ack, body }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> {
    const inbound = fromViewSubmission(body);
    if (!inbound) {
      await ack();
      return;
    }
    const start = await turns.accept({ type: 'conversation', inbound });
    const pending = pendingModal(body.view.title?.text, body.view.private_metadata);
    await ack({ response_action: 'update', view: pending as unknown as types.View });
    start();
  };
}

/** A form or confirmation modal closed unsaved: its dialog is cancelled so the next command starts afresh. */
export function modalClosed(turns: SlackTurns) {
  return async function onModalClosed({ ack, body }: SlackViewMiddlewareArgs<ViewClosedAction>): Promise<void> {
    const inbound = fromViewClosed(body);
    const start = inbound ? await turns.accept({ type: 'conversation', inbound }) : undefined;
    await ack();
    start?.();
  };
}
