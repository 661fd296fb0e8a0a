import type { SlackCommandMiddlewareArgs } from '@slack/bolt';
import { fromCommand } from '../inbound';
import type { SlackTurns } from '../turns';

export const PMO_COMMAND = '/pmo';

/** `/pmo …`: recorded, acknowledged (Slack shows nothing), then answered through the dialogs. */
export function pmoCommand(turns: SlackTurns) {
  return async function onPmoCommand({ ack, command }: SlackCommandMiddlewareArgs): Promise<void> {
    const start = await turns.accept({ type: 'conversation', inbound: fromCommand(command) });
    await ack();
    start();
  };
}
