// Every bolt listener by kind; each acknowledges first and hands the rest to SlackTurns.
import type { App } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { Logger } from 'pino';
import type { SlackDirectory } from '../directory';
import type { SlackTurns } from '../turns';
import { buttonClicked } from './actions';
import { PMO_COMMAND, pmoCommand } from './commands';
import { appHomeOpened, appMention, appRemoved, directMessage } from './events';
import { modalClosed, modalSubmitted } from './views';

export interface ListenerDeps {
  turns: SlackTurns;
  directory: SlackDirectory;
  store?: InstallationStore;
  logger: Logger;
  now?: () => Date;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { turns } = deps;
  app.command(PMO_COMMAND, pmoCommand(turns));
  app.event('app_mention', appMention(turns));
  app.event('message', directMessage(turns));
  app.event('app_home_opened', appHomeOpened(turns, deps));
  app.event('app_uninstalled', appRemoved(turns, deps.store, deps.logger));
  app.event('tokens_revoked', appRemoved(turns, deps.store, deps.logger));
  app.action({ type: 'block_actions' }, buttonClicked(turns));
  app.view({ type: 'view_submission' }, modalSubmitted(turns));
  app.view({ type: 'view_closed' }, modalClosed(turns));
}

export { PMO_COMMAND };
