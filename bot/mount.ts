import type { Express } from 'express';
import type { Logger } from 'pino';
import { createScheduler, type JobScheduler } from '../jobs/runtime';
import type { RunningApp } from './app';
import type { Config } from './config';
import { heatMapPng } from '../cards/jobs';
import type { HeatCounts } from '../core/job-views';
import { exportLinksFor, imageLinksFor, mountExportFiles, mountImages } from './files';
import { Inbox, newHolderId } from './inbox/inbox';
import { isLocalMode, localOnly, loopbackCallerOnly, mountLocalChat } from './local';
import { isSlackConfigured, mountSlackApp } from './slack';
import { mountTeamsBot } from './teams';
import { TeamsJobSender } from './teams/job-sender';

/**
 * The doors and the scheduler on one app (SPEC §5 "doors by mode"): Teams with MicrosoftAppId,
 * authenticated; in local mode (no platform credentials) the same door for this machine only, with
 * the local chat; Slack when configured. A Slack-only deployment has no /api/messages at all.
 */
export function mountAll(app: Express, running: Pick<RunningApp, 'onStop'>, config: Config, logger: Logger): JobScheduler {
  const holder = newHolderId();
  const scheduler = createScheduler({ senders: [], logger, instanceId: holder });
  const inbox = new Inbox({ holder, logger: logger.child({ component: 'inbox' }) });
  // Stopped after the doors have finished their work, so its leases are renewed until the last of it.
  running.onStop(inbox);
  const local = isLocalMode(config);
  // The digest's heat map by signed link under PUBLIC_URL (Slack needs a public URL; Teams uses it too when set).
  const imageLinks = imageLinksFor(config);
  const images = { heatMapUrl: (counts: HeatCounts) => imageLinks.heatMapUrl(counts) };
  mountImages(app, imageLinks, heatMapPng);
  if (config.teams.appId || local) {
    // Local mode takes no token, so the door itself is for this machine only (loopback caller, our Host).
    if (local) app.use('/api/messages', loopbackCallerOnly(), localOnly(config));
    const teams = mountTeamsBot(app, { config, logger, inbox, jobs: scheduler.commands });
    const appId = config.teams.appId ?? '';
    if (config.teams.appId) scheduler.addSender(new TeamsJobSender({ adapter: teams.adapter, appId, images }));
    if (local) {
      // The local chat speaks Bot Framework too, so its workspace gets digests and reminders the same way.
      scheduler.addSender(new TeamsJobSender({ adapter: teams.adapter, appId, platform: 'local' }));
      mountLocalChat(app, { adapter: teams.adapter, bot: teams.bot, logger, config });
    }
  }
  // Signed export download links: absolute under PUBLIC_URL, relative in the local chat.
  mountExportFiles(app, { links: exportLinksFor(config), logger });
  if (config.publicUrl && !config.security.encryptionKey && !local) {
    logger.warn('PUBLIC_URL is set without PMO_ENCRYPTION_KEY: export download links are signed with a key of this process, so they work only on the instance that made them and not after a restart');
  }
  if (isSlackConfigured(config.slack)) {
    const slack = mountSlackApp(app, { config, logger, onStop: running.onStop, jobs: scheduler.commands, inbox });
    scheduler.addSender(slack.jobSender);
  }
  // Stopped before the doors finish their work, so no abandoned request is taken on while they close.
  running.onStop({ name: 'inbox sweeps', stop: () => inbox.stopSweeping() });
  inbox.start();
  // Registered last, so it stops first: no run starts while the doors and the database close.
  running.onStop(scheduler);
  void scheduler.start();
  return scheduler;
}
