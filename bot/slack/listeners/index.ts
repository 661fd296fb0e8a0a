// Every bolt listener by kind; each has SlackTurns record its request, acknowledges, then lets it run.
import type { App, MessageShortcut } from '@slack/bolt';
import { LOG_MESSAGE_CALLBACK_ID } from '../inbound';
import type { SlackTurns } from '../turns';
import { buttonClicked } from './actions';
import { PMO_COMMAND, pmoCommand } from './commands';
import { appHomeOpened, appMention, appRemoved, directMessage } from './events';
import { messageShortcut } from './shortcuts';
import { modalClosed, modalSubmitted } from './views';

export function registerListeners(app: App, turns: SlackTurns): void {
  app.command(PMO_COMMAND, pmoCommand(turns));
  app.event('app_mention', appMention(turns));
  app.event('message', directMessage(turns));
  app.event('app_home_opened', appHomeOpened(turns));
  app.event('app_uninstalled', appRemoved(turns));
  app.event('tokens_revoked', appRemoved(turns));
  app.action({ type: 'block_actions' }, buttonClicked(turns));
  app.view({ type: 'view_submission' }, modalSubmitted(turns));
  app.view({ type: 'view_closed' }, modalClosed(turns));
  app.shortcut<MessageShortcut>({ type: 'message_action', callback_id: LOG_MESSAGE_CALLBACK_ID }, messageShortcut(turns));
}

export { PMO_COMMAND };
