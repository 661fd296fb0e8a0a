import type { MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { fromMessageShortcut } from '../inbound';
import type { SlackTurns } from '../turns';

/** "Log in PMO register" on a message: recorded, acknowledged, then its modal opened with the trigger. */
export function messageShortcut(turns: SlackTurns) {
  return async function onMessageShortcut({ ack, body }: SlackShortcutMiddlewareArgs<MessageShortcut>): Promise<void> {
    const inbound = fromMessageShortcut(body);
    const start = inbound ? await turns.accept({ type: 'conversation', inbound }) : undefined;
    await ack();
    start?.();
  };
}
