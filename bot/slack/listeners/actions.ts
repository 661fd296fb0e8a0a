import type { BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { fromBlockActions } from '../inbound';
import type { SlackTurns } from '../turns';

/** A button of ours (Save, Edit, Show, More…): acknowledged, then run as the card submit it stands for. */
export function buttonClicked(turns: SlackTurns) {
  return async function onButtonClicked({ ack, body }: SlackActionMiddlewareArgs<BlockAction>): Promise<void> {
    await ack();
    const inbound = fromBlockActions(body);
    if (inbound) turns.conversation(inbound); // a select changed, or someone else's button: nothing to do
  };
}
