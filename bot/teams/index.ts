import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { JobCommands } from '../../core/runner/types';
import { createDialogs } from '../../dialogs/root.dialog';
import type { Config } from '../config';
import { Inbox, newHolderId } from '../inbox/inbox';
import { MongoStorage, WorkspaceConversationState } from '../state';
import { exportLinksFor } from '../files';
import { createTeamsAdapter } from './adapter';
import { TeamsExportDelivery } from './export-delivery';
import { doorLogic } from './door';
import { PmoBot } from './pmo-bot';
import { TeamsPresenter } from './presenter';
import { mountTeams } from './routes';
import { TeamOwners } from './team-owners';
import { setTeamOwners } from './turn';

export interface TeamsDoor {
  bot: PmoBot;
  /** Also what the local chat and the jobs' proactive messages go through. */
  adapter: CloudAdapter;
}

/** Wires the Teams door: adapter, state in MongoDB, the shared dialogs, and POST /api/messages. */
export function mountTeamsBot(
  app: Express,
  deps: { config: Config; logger: Logger; inbox?: Inbox; now?: () => Date; jobs?: JobCommands },
): TeamsDoor {
  const logger = deps.logger.child({ transport: 'teams' });
  const storage = new MongoStorage({ logger });
  const conversationState = new WorkspaceConversationState(storage);
  const presenter = new TeamsPresenter();
  const bot = new PmoBot({
    conversationState,
    dialogs: createDialogs({ presenter, jobs: deps.jobs }),
    presenter,
    defaultTimeZone: deps.config.defaultTimeZone,
    logger,
    files: new TeamsExportDelivery({ appId: deps.config.teams.appId ?? '', links: exportLinksFor(deps.config), logger }),
    now: deps.now,
  });
  const adapter = createTeamsAdapter(deps.config.teams, logger);
  // With MicrosoftAppId only authenticated Teams activities; without it (local mode) this machine's
  // emulator and tests, replying to a serviceUrl on this machine (bot/mount.ts keeps others out).
  const mode = deps.config.teams.appId ? 'msteams' : 'local';
  const inbox = deps.inbox ?? new Inbox({ holder: newHolderId(), logger });
  const { appId, appPassword, graphApiUrl, graphTokenUrl } = deps.config.teams;
  // Team owners count as PMO admins (SPEC §2); local mode and managed identities make no Graph calls.
  const owners = appId && appPassword ? new TeamOwners({ appId, appPassword, graphApiUrl, graphTokenUrl, logger }) : undefined;
  const run = (context: TurnContext): Promise<void> => {
    setTeamOwners(context, owners);
    return bot.run(context);
  };
  mountTeams(app, adapter, doorLogic(run, { mode, inbox, logger, preload: (context) => conversationState.load(context) }));
  if (mode === 'local') logger.info('Teams: local mode (MicrosoftAppId unset): no Bot Framework authentication, loopback callers only');
  return { bot, adapter };
}
