import type { BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { fromBlockActions } from '../inbound';
import type { SlackTurns } from '../turns';

/** A button of ours (Save, Edit, Show, More…): recorded, acknowledged, then run as the card submit it stands for. */
export function buttonClicked(turns: SlackTurns) {
  return async function onButtonClicked({ ack, body }: SlackActionMiddlewareArgs<BlockAction>): Promise<void> {
    const inbound = fromBlockActions(body);
    // A select changed (but the "Log in PMO register" modal's kind), or someone else's button: nothing to record.
    const start = inbound ? await turns.accept({ type: 'conversation', inbound }) : undefined;
    await ack();
    start?.();
  };
}
