import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { fromCommand } from '../inbound';
import type { SlackTurns } from '../turns';

export const PMO_COMMAND = '/pmo';

/** `/pmo …`: acknowledged at once (Slack shows nothing), answered after through the dialogs. */
export function pmoCommand(turns: SlackTurns) {
  return async function onPmoCommand({ ack, command }: SlackCommandMiddlewareArgs): Promise<void> {
    await ack();
    turns.conversation(fromCommand(command));
  };
}
