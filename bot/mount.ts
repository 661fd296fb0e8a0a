import os from 'node:os';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { createScheduler, type JobScheduler } from '../jobs/runtime';
import type { RunningApp } from './app';
import type { Config } from './config';
import { exportLinksFor, mountExportFiles } from './files';
import { isLocalMode, mountLocalChat } from './local';
import { isSlackConfigured, mountSlackApp } from './slack';
import { mountTeamsBot } from './teams';
import { TeamsJobSender } from './teams/job-sender';

/**
 * The doors and the scheduler on one app: Teams (always; local mode without credentials), Slack
 * when configured, the local chat in local mode, and the jobs delivering through all of them.
 */
export function mountAll(app: Express, running: Pick<RunningApp, 'onStop'>, config: Config, logger: Logger): JobScheduler {
  const scheduler = createScheduler({ senders: [], logger, instanceId: os.hostname() });
  const teams = mountTeamsBot(app, { config, logger, jobs: scheduler.commands });
  const appId = config.teams.appId ?? '';
  scheduler.addSender(new TeamsJobSender({ adapter: teams.adapter, appId }));
  // The local chat speaks Bot Framework too, so its workspace gets digests and reminders the same way.
  scheduler.addSender(new TeamsJobSender({ adapter: teams.adapter, appId, platform: 'local' }));
  // Signed export download links: absolute under PUBLIC_URL, relative in the local chat.
  mountExportFiles(app, { links: exportLinksFor(config), logger });
  if (isSlackConfigured(config.slack)) {
    const slack = mountSlackApp(app, { config, logger, onStop: running.onStop, jobs: scheduler.commands });
    scheduler.addSender(slack.jobSender);
  }
  // With no platform credentials, a chat page at / to try the bot (SPEC §5 local mode).
  if (isLocalMode(config)) mountLocalChat(app, { adapter: teams.adapter, bot: teams.bot, logger, config });
  // Registered last, so it stops first: no run starts while the doors and the database close.
  running.onStop(scheduler);
  void scheduler.start();
  return scheduler;
}
