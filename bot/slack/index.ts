import { App, type AuthorizeSourceData } from '@slack/bolt';
import { imageLinksFor } from '../files';
import type { AuthTestResponse } from '@slack/web-api';
import type { Express } from 'express';
import type { Logger } from 'pino';
import type { JobCommands } from '../../core/runner/types';
import { createDialogs } from '../../dialogs/root.dialog';
import type { Stoppable } from '../app';
import type { Config } from '../config';
import { exportLinksFor } from '../files';
import { MongoStorage, WorkspaceConversationState } from '../state';
import { SlackAdapter } from './adapter';
import { webClientOptions } from './api';
import { SlackDirectory } from './directory';
import { publishHome } from './home';
import { openInstallationStore } from './installation-store';
import { SlackJobSender } from './job-sender';
import { registerListeners } from './listeners';
import { slackLogger } from './logger';
import { createInstaller, mountOAuth } from './oauth';
import { SlackPresenter } from './presenter';
import { httpReceiver, socketReceiver } from './receiver';
import { SlackBot } from './slack-bot';
import { InstalledTokens, SingleWorkspaceTokens, type TokenSource } from './tokens';
import { SlackTurns, type SlackWork } from './turns';
import { Inbox, newHolderId } from '../inbox/inbox';

export interface SlackDeps {
  config: Config;
  logger: Logger;
  /** The clock of the business rules (due dates, weeks); tests pin it. Signatures use the real one. */
  now?: () => Date;
  /** startApp's onStop: the socket closes and in-flight turns finish before the database does. */
  onStop?: (component: Stoppable) => void;
  /** `digest` and `reminders` on demand: the job runtime's commands (scheduler.commands), when this process runs it. */
  jobs?: JobCommands;
  /** Where acknowledged requests are recorded until carried out (one per process, shared with Teams, started by its owner); without it, one of its own. */
  inbox?: Inbox;
}

export interface SlackMount {
  bolt: App;
  adapter: SlackAdapter;
  turns: SlackTurns;
  inbox: Inbox;
  mode: 'http' | 'socket';
  /** Posts digests, reminders and nudges to Slack workspaces: give it to the scheduler (addSender). */
  jobSender: SlackJobSender;
  /** Resolves when every acknowledged request has been worked through. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function isSlackConfigured(slack: Config['slack']): boolean {
  return Boolean(slack.botToken || slack.clientId);
}

/** bolt's authorize runs before the ack, so it does no database work: tokens are looked up after it. */
async function teamOnly(source: AuthorizeSourceData<boolean>): Promise<{ teamId?: string; enterpriseId?: string }> {
  return { teamId: source.teamId, enterpriseId: source.enterpriseId };
}

/**
 * Wires the Slack door: bolt on POST /slack/events (or Socket Mode), OAuth install routes, and
 * the same dialogs as Teams behind a SlackAdapter. Mount only when isSlackConfigured().
 */
export function mountSlackApp(app: Express, deps: SlackDeps): SlackMount {
  const { slack } = deps.config;
  const logger = deps.logger.child({ transport: 'slack' });
  const defaults = { timeZone: deps.config.defaultTimeZone };
  const oauth = slack.clientId && slack.clientSecret && slack.stateSecret
    ? { clientId: slack.clientId, clientSecret: slack.clientSecret, stateSecret: slack.stateSecret, apiUrl: slack.apiUrl }
    : undefined;
  if (!slack.botToken && !oauth) throw new Error('Slack needs SLACK_BOT_TOKEN, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET');
  if (!slack.appToken && !slack.signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET');

  const store = oauth ? openInstallationStore({ ...defaults, security: deps.config.security, logger }) : undefined;
  const installer = oauth && store ? createInstaller(oauth, store, logger) : undefined;
  const directory = new SlackDirectory(logger);
  const presenter = new SlackPresenter(exportLinksFor(deps.config));
  const conversationState = new WorkspaceConversationState(new MongoStorage({ logger }));
  const bot = new SlackBot({ conversationState, dialogs: createDialogs({ presenter, jobs: deps.jobs }), directory, now: deps.now, logger });

  // The closures below reach `turns` (its API clients) only when called, after it exists.
  const tokens: TokenSource = installer
    ? new InstalledTokens(installer)
    : new SingleWorkspaceTokens(slack.botToken!, () => turns.apiFor(slack.botToken).call<AuthTestResponse>('auth.test'));
  const adapter = new SlackAdapter({ logger, apiForTeam: async (teamId) => turns.apiFor((await tokens.authFor({ teamId })).botToken) });
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error.message, stack: error.stack, conversation: context.activity.conversation?.id }, 'unhandled error in a Slack turn');
    await context.sendActivity(presenter.text('Sorry, something went wrong on my side and nothing was saved. Please try again.')).catch(() => undefined);
  };
  const inbox = deps.inbox ?? new Inbox({ holder: newHolderId(), logger });
  const turns: SlackTurns = new SlackTurns({
    tokens,
    inbox,
    adapter,
    logic: (context) => bot.run(context),
    other: {
      home: (opened, userId) => publishHome(opened, userId, { directory, now: deps.now?.() ?? opened.request.receivedAt }),
      removed: async (teamId) => {
        await store?.deleteInstallation?.({ teamId, isEnterpriseInstall: false, enterpriseId: undefined });
        logger.info({ team: teamId }, 'Slack app removed from a workspace; its installation is deleted');
      },
    },
    api: { apiUrl: slack.apiUrl },
    defaults,
    logger,
  });
  // Requests another instance (or this one before a crash) acknowledged and did not finish.
  inbox.handle('slack', (work, meta) => turns.carryOut(meta.key, work as SlackWork, meta));
  if (!deps.inbox) inbox.start();

  const links = imageLinksFor(deps.config);
  const jobSender = new SlackJobSender({ tokens, apiUrl: slack.apiUrl, logger, images: { heatMapUrl: (counts) => links.heatMapUrl(counts) } });

  const clientOptions = webClientOptions({ apiUrl: slack.apiUrl, logger });
  const mode = slack.appToken ? 'socket' : 'http';
  const receiver = slack.appToken ? socketReceiver(slack.appToken, clientOptions, logger) : httpReceiver(app, slack.signingSecret!, logger);
  const bolt = new App({
    receiver,
    authorize: teamOnly,
    ignoreSelf: false, // needs the bot's ids from authorize; fromMessage drops bot messages itself
    convoStore: false,
    logger: slackLogger(logger.child({ lib: 'bolt' })),
    clientOptions,
    ...(mode === 'socket' ? { socketMode: true } : {}),
  });
  bolt.error(async (error) => {
    logger.error({ err: error.message, code: error.code }, 'bolt could not dispatch a Slack request');
    throw error; // a request that could not be recorded gets a 500, so Slack retries it, never a 200
  });
  registerListeners(bolt, turns);
  if (installer) mountOAuth(app, installer, deps.config.publicUrl, logger);
  let stopping: Promise<void> | undefined;
  if (mode === 'socket') {
    bolt.start().then(
      () => logger.info('Slack: Socket Mode connected'),
      (err: unknown) => {
        if (!stopping) logger.error({ err: err instanceof Error ? err.message : String(err) }, 'Slack: Socket Mode could not connect');
      },
    );
  }
  logger.info({ mode, workspaces: installer ? 'oauth' : 'single' }, `Slack: ${mode === 'socket' ? 'Socket Mode' : 'POST /slack/events'}, ${installer ? 'OAuth install at GET /slack/install' : 'one workspace (SLACK_BOT_TOKEN)'}`);

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (mode === 'socket') await bolt.stop().catch((err: Error) => logger.warn({ err: err.message }, 'Slack socket did not close cleanly'));
      if (!deps.inbox) await inbox.stopSweeping();
      await turns.idle();
      if (!deps.inbox) await inbox.stop();
    })();
    return stopping;
  };
  deps.onStop?.({ name: 'slack', stop });
  return { bolt, adapter, turns, inbox, mode, jobSender, idle: () => turns.idle(), stop };
}
